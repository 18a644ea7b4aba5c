package dev.asynccom.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Finds the capacity of a system at an SLO: the highest offered open-loop rate at which it keeps up
 * (at least {@link StepResult#KEEP_UP} of the offered rate), meets the SLO and answers every task ok.
 *
 * <p>The search (after Envoy Nighthawk's adaptive load controller, with repeats and the SLO's percentile
 * instead of one run per step on mean latency): from a start estimate it brackets, doubling the rate
 * while steps pass and halving it while they fail, then bisects between the highest rate that passed and
 * the lowest that failed until they are within {@link Options#precision()} of each other. A rate passes
 * only when every one of its {@link Options#repeats()} steps passes (the first failing repeat ends it).
 * With {@link Options#forgive()} of 1 (the command's and the suite's default), one failed step at a rate that
 * could have been a stall ({@link StepResult#couldBeAStall()}: every task ok, 95% of the rate achieved) is
 * taken for one (a collector pause, the machine's other work) and the rate runs again; a second failure, or
 * a step that fell far behind, rejects it, and acceptance still needs all repeats to pass. On the 2-core machine a single stalled step in
 * a fresh JVM otherwise put a bounded pool's capacity anywhere from half of C / d to all of it.
 * Repeats are run lazily: while bracketing and bisecting each rate gets one step, and only the rate that
 * ends the search gets the others; when one of them fails, that rate becomes the lowest failing one and
 * the search goes on below it. So the answer has passed every repeat at a third of the cost of repeating
 * every rate (rates below the answer need not be confirmed: the answer's own repeats are the evidence).
 * Rates are bounded by {@link Options#minRate()} and {@link Options#maxRate()}, and the number of steps by
 * {@link Options#maxSteps()}, so a search always ends. Runs on the calling thread.
 */
public final class CapacitySearch {
    /**
     * How a search proceeds.
     *
     * @param startRate  the first rate tried, tasks/s (an estimate: Little's law, concurrency / mean delay)
     * @param minRate    the lowest rate tried; an SLO not met there is reported as below it
     * @param maxRate    the highest rate tried; a system that meets the SLO there is reported as at least it
     * @param precision  the search ends when the bracket's width is at most this share of its low end (0.02)
     * @param repeats    steps per rate; a rate passes only when all pass
     * @param maxSteps   the most steps in all, a bound on the search's time
     * @param forgive    failed steps a rate may have and still pass (0: the first failure rejects it)
     */
    public record Options(double startRate, double minRate, double maxRate, double precision, int repeats,
                          int maxSteps, int forgive) {
        public Options {
            if (!(minRate > 0 && minRate <= startRate && startRate <= maxRate && maxRate < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("rates must satisfy 0 < min <= start <= max, got " + minRate + ", "
                        + startRate + ", " + maxRate);
            }
            if (!(precision > 0 && precision < 1) || repeats < 1 || maxSteps < 1 || forgive < 0) {
                throw new IllegalArgumentException("precision must be in (0, 1), repeats and steps at least 1, "
                        + "forgive at least 0");
            }
        }

        public Options(double startRate, double minRate, double maxRate, double precision, int repeats, int maxSteps) {
            this(startRate, minRate, maxRate, precision, repeats, maxSteps, 0);
        }

        /** 2% precision, 3 repeats, at most 60 steps, rates from start/1000 to start*1000, nothing forgiven. */
        public static Options around(double startRate) {
            return new Options(startRate, startRate / 1000, startRate * 1000, 0.02, 3, 60, 0);
        }

        public Options withForgive(int n) {
            return new Options(startRate, minRate, maxRate, precision, repeats, maxSteps, n);
        }

        public Options withRepeats(int n) {
            return new Options(startRate, minRate, maxRate, precision, n, maxSteps, forgive);
        }

        public Options withPrecision(double p) {
            return new Options(startRate, minRate, maxRate, p, repeats, maxSteps, forgive);
        }

        public Options withRates(double min, double max) {
            return new Options(Math.min(Math.max(startRate, min), max), min, max, precision, repeats, maxSteps,
                    forgive);
        }
    }

    /** How a search ended. */
    public enum Verdict {
        /** The capacity lies within the precision above {@link Outcome#capacity()}. */
        FOUND,
        /** The SLO was not met even at the lowest rate tried: the capacity is below it. */
        BELOW,
        /** The SLO was met at the highest rate allowed: the capacity is at least that. */
        AT_LEAST,
        /** The step budget ran out before the bracket was narrow enough; the capacity is at least the value. */
        UNFINISHED
    }

    /**
     * One step as the search saw it, for progress lines and result files.
     *
     * @param repeat   which step of its rate, from 1
     * @param passes   how many steps of its rate have passed so far, this one included
     * @param forgiven whether this step failed but its rate was not rejected for it (it runs again)
     */
    public record Step(int number, double rate, int repeat, StepResult result, boolean meets, int passes,
                       boolean forgiven) {
    }

    /**
     * The answer.
     *
     * @param verdict   how the search ended
     * @param capacity  the highest rate that passed (0 when none did); for {@link Verdict#BELOW}, the lowest
     *                  rate tried, which failed
     * @param atCapacity the worst repeat (highest percentile) at the capacity, or the failing step for BELOW
     * @param failedAbove the lowest rate that failed, or NaN when none did
     * @param steps     every step, in order
     */
    public record Outcome(Verdict verdict, double capacity, StepResult atCapacity, double failedAbove,
                          List<Step> steps) {
    }

    private final LoadStep step;
    private final Slo slo;
    private final Options options;
    private final Consumer<Step> progress;

    public CapacitySearch(LoadStep step, Slo slo, Options options, Consumer<Step> progress) {
        this.step = Objects.requireNonNull(step, "step");
        this.slo = Objects.requireNonNull(slo, "slo");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Runs the search. */
    public Outcome run() throws InterruptedException {
        List<Step> steps = new ArrayList<>();
        // Every rate run so far, with its results.
        TreeMap<Double, List<StepResult>> tried = new TreeMap<>();
        double rate = options.startRate();
        while (steps.size() < options.maxSteps()) {
            if (!tried.containsKey(rate)) {
                // One step, and while it only failed within the forgiveness, one more: one stall decides nothing.
                do {
                    run(rate, tried, steps);
                } while (passCount(tried.get(rate)) == 0 && !rejected(tried.get(rate))
                        && steps.size() < options.maxSteps());
            }
            double high = lowestFailing(tried);
            // A rate that passed above one that failed is noise on the high side: the lower failure bounds it.
            double low = highestPassing(tried, high);
            boolean narrow = !Double.isNaN(low) && !Double.isNaN(high) && high - low <= options.precision() * low;
            boolean ceiling = !Double.isNaN(low) && Double.isNaN(high) && low >= options.maxRate();
            if (narrow || ceiling) {
                // Confirm the highest passing rate with the rest of its repeats; a failure makes it the new high.
                if (!confirm(low, tried, steps)) {
                    if (steps.size() >= options.maxSteps()) {
                        break;
                    }
                    continue;
                }
                return new Outcome(narrow ? Verdict.FOUND : Verdict.AT_LEAST, low, worst(tried.get(low)),
                        narrow ? high : Double.NaN, steps);
            }
            if (Double.isNaN(high)) {
                rate = Math.min(low * 2, options.maxRate());
            } else if (Double.isNaN(low)) {
                if (high <= options.minRate()) {
                    return new Outcome(Verdict.BELOW, high, failure(tried.get(high)), high, steps);
                }
                rate = Math.max(high / 2, options.minRate());
            } else {
                rate = (low + high) / 2;
            }
        }
        double confirmed = tried.descendingMap().entrySet().stream()
                .filter(e -> accepted(e.getValue()))
                .mapToDouble(Map.Entry::getKey).findFirst().orElse(highestPassing(tried, lowestFailing(tried)));
        if (Double.isNaN(confirmed)) {
            double high = lowestFailing(tried);
            double lowest = Double.isNaN(high) ? options.startRate() : high;
            return new Outcome(Verdict.BELOW, lowest, Double.isNaN(high) ? null : failure(tried.get(high)), high,
                    steps);
        }
        return new Outcome(Verdict.UNFINISHED, confirmed, worst(tried.get(confirmed)), lowestFailing(tried), steps);
    }

    /** Runs the repeats {@code rate} has not had yet, up to the budget; whether it is accepted after them. */
    private boolean confirm(double rate, TreeMap<Double, List<StepResult>> tried, List<Step> steps)
            throws InterruptedException {
        List<StepResult> results = tried.get(rate);
        while (passCount(results) < options.repeats() && !rejected(results)) {
            if (steps.size() >= options.maxSteps()) {
                return false;
            }
            run(rate, tried, steps);
        }
        return accepted(results);
    }

    private void run(double rate, TreeMap<Double, List<StepResult>> tried, List<Step> steps)
            throws InterruptedException {
        StepResult result = step.run(rate, slo);
        List<StepResult> results = tried.computeIfAbsent(rate, r -> new ArrayList<>());
        results.add(result);
        boolean meets = result.meets(slo);
        Step seen = new Step(steps.size() + 1, rate, results.size(), result, meets, passCount(results),
                !meets && !rejected(results));
        steps.add(seen);
        progress.accept(seen);
    }

    private int passCount(List<StepResult> results) {
        return (int) results.stream().filter(r -> r.meets(slo)).count();
    }

    /**
     * More failed steps than the forgiveness allows, or one that cannot have been a stall (it fell far
     * behind or lost tasks): the rate fails.
     */
    private boolean rejected(List<StepResult> results) {
        return results.size() - passCount(results) > options.forgive()
                || results.stream().anyMatch(r -> !r.meets(slo) && !r.couldBeAStall());
    }

    /** Every repeat passed, with no more failed steps than forgiven. */
    private boolean accepted(List<StepResult> results) {
        return !rejected(results) && passCount(results) >= options.repeats();
    }

    /** Not rejected and passed at least once: a rate the search may stand on. */
    private boolean alive(List<StepResult> results) {
        return !rejected(results) && passCount(results) > 0;
    }

    /** The highest rate below {@code bound} (NaN: no bound) still alive, or NaN. */
    private double highestPassing(TreeMap<Double, List<StepResult>> tried, double bound) {
        return tried.descendingMap().entrySet().stream()
                .filter(e -> (Double.isNaN(bound) || e.getKey() < bound) && alive(e.getValue()))
                .mapToDouble(Map.Entry::getKey).findFirst().orElse(Double.NaN);
    }

    private double lowestFailing(TreeMap<Double, List<StepResult>> tried) {
        return tried.entrySet().stream().filter(e -> rejected(e.getValue()))
                .mapToDouble(Map.Entry::getKey).findFirst().orElse(Double.NaN);
    }

    /** The passing repeat with the highest percentile (a forgiven failure is not the rate's latency). */
    private StepResult worst(List<StepResult> results) {
        return results.stream().filter(r -> r.meets(slo))
                .max(java.util.Comparator.comparingLong(StepResult::percentileNanos)).orElseThrow();
    }

    private StepResult failure(List<StepResult> results) {
        return results.stream().filter(r -> !r.meets(slo)).findFirst().orElseThrow();
    }
}
