package dev.asynccom.harness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The latency-throughput curve around a capacity: points at {@link #FACTORS} of it, from well below to
 * beyond, each a search step at a rate within {@value #REUSE}x of the point when the search ran one
 * (its worst repeat, as the search judged it; a failure forgiven as a stall only where nothing else ran
 * at that rate), else one step run for the curve. So a curve after a search costs only the points the
 * search did not visit, typically the lowest and the ones beyond capacity.
 *
 * <p>Runs on the calling thread.
 */
public final class CurveSweep {
    /** Where the points lie, as shares of the capacity. */
    static final double[] FACTORS = {0.25, 0.5, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5};
    /** A search step within this share of a point's rate stands for it. */
    static final double REUSE = 0.04;

    /**
     * One point.
     *
     * @param result what was measured there
     * @param reused whether a search step stands for it (else it was run for the curve)
     */
    public record Point(StepResult result, boolean reused) {
    }

    private CurveSweep() {
    }

    /**
     * The curve around {@code outcome}'s capacity ({@link CapacitySearch.Outcome#capacity()}; for a search
     * that found none, its lowest rate), by offered rate.
     *
     * @param progress told of each step run for the curve
     */
    public static List<Point> around(CapacitySearch.Outcome outcome, LoadStep step, Slo slo,
                                     Consumer<StepResult> progress) throws InterruptedException {
        double capacity = outcome.capacity();
        List<Point> points = new ArrayList<>();
        for (double factor : FACTORS) {
            double rate = capacity * factor;
            StepResult reuse = outcome.steps().stream()
                    .filter(s -> Math.abs(s.rate() - rate) <= REUSE * rate)
                    .min(Comparator.comparingDouble((CapacitySearch.Step s) -> Math.abs(s.rate() - rate))
                            .thenComparing(s -> s.forgiven() ? 1 : 0)
                            .thenComparing(s -> -s.result().percentileNanos()))
                    .map(CapacitySearch.Step::result).orElse(null);
            if (reuse != null) {
                if (points.stream().noneMatch(p -> p.result() == reuse)) {
                    points.add(new Point(reuse, true));
                }
                continue;
            }
            StepResult measured = step.run(rate, slo);
            progress.accept(measured);
            points.add(new Point(measured, false));
        }
        points.sort(Comparator.comparingDouble(p -> p.result().offeredPerSecond()));
        return List.copyOf(points);
    }
}
