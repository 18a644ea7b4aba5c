package dev.asynccom.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
     */
    public record Options(double startRate, double minRate, double maxRate, double precision, int repeats,
                          int maxSteps) {
        public Options {
            if (!(minRate > 0 && minRate <= startRate && startRate <= maxRate && maxRate < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("rates must satisfy 0 < min <= start <= max, got " + minRate + ", "
                        + startRate + ", " + maxRate);
            }
            if (!(precision > 0 && precision < 1) || repeats < 1 || maxSteps < 1) {
                throw new IllegalArgumentException("precision must be in (0, 1), repeats and steps at least 1");
            }
        }

        /** 2% precision, 3 repeats, at most 60 steps, rates from start/1000 to start*1000. */
        public static Options around(double startRate) {
            return new Options(startRate, startRate / 1000, startRate * 1000, 0.02, 3, 60);
        }

        public Options withRepeats(int n) {
            return new Options(startRate, minRate, maxRate, precision, n, maxSteps);
        }

        public Options withPrecision(double p) {
            return new Options(startRate, minRate, maxRate, p, repeats, maxSteps);
        }

        public Options withRates(double min, double max) {
            return new Options(Math.min(Math.max(startRate, min), max), min, max, precision, repeats, maxSteps);
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

    /** One step as the search saw it, for progress lines and result files. */
    public record Step(int number, double rate, int repeat, StepResult result, boolean meets) {
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
        double passed = Double.NaN;
        double failed = Double.NaN;
        StepResult worstAtPassed = null;
        StepResult failure = null;
        double rate = options.startRate();
        while (steps.size() < options.maxSteps()) {
            Rated rated = rate(rate, steps);
            if (rated == null) {
                break; // the step budget ran out inside a rate's repeats
            }
            if (rated.passed) {
                passed = rate;
                worstAtPassed = rated.worst;
            } else {
                failed = rate;
                failure = rated.worst;
            }
            if (!Double.isNaN(passed) && !Double.isNaN(failed)) {
                if (failed - passed <= options.precision() * passed) {
                    return new Outcome(Verdict.FOUND, passed, worstAtPassed, failed, steps);
                }
                rate = (passed + failed) / 2;
            } else if (Double.isNaN(failed)) {
                if (rate >= options.maxRate()) {
                    return new Outcome(Verdict.AT_LEAST, passed, worstAtPassed, Double.NaN, steps);
                }
                rate = Math.min(rate * 2, options.maxRate());
            } else {
                if (rate <= options.minRate()) {
                    return new Outcome(Verdict.BELOW, rate, failure, rate, steps);
                }
                rate = Math.max(rate / 2, options.minRate());
            }
        }
        if (Double.isNaN(passed)) {
            return new Outcome(Verdict.BELOW, Double.isNaN(failed) ? options.startRate() : failed, failure, failed, steps);
        }
        return new Outcome(Verdict.UNFINISHED, passed, worstAtPassed, failed, steps);
    }

    private record Rated(boolean passed, StepResult worst) {
    }

    /** Runs up to {@code repeats} steps at {@code rate}; null when the budget ran out before a verdict. */
    private Rated rate(double rate, List<Step> steps) throws InterruptedException {
        StepResult worst = null;
        for (int repeat = 1; repeat <= options.repeats(); repeat++) {
            if (steps.size() >= options.maxSteps()) {
                return null;
            }
            StepResult result = step.run(rate, slo);
            boolean meets = result.meets(slo);
            Step seen = new Step(steps.size() + 1, rate, repeat, result, meets);
            steps.add(seen);
            progress.accept(seen);
            if (worst == null || result.percentileNanos() > worst.percentileNanos() || !meets) {
                worst = result;
            }
            if (!meets) {
                return new Rated(false, result);
            }
        }
        return new Rated(true, worst);
    }
}
