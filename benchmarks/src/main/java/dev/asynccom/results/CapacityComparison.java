package dev.asynccom.results;

/**
 * One strategy's capacity at the SLO in a baseline and a candidate run ({@link CapacityRecord}s of the same
 * {@link CapacityRecord#id()}), and the verdict: the latency yardstick {@code compare} judges, since it is
 * what the suite decides by. A change counts when the two capacity intervals ({@link CapacityRecord#low()}
 * to {@link CapacityRecord#high()}: the search's bracket, or both searches' for a capacity searched twice,
 * widened by the run-to-run noise) do not overlap and the capacities ({@link CapacityRecord#bestCapacity()})
 * differ by more than the threshold. A search that met the SLO at no rate has capacity 0.
 */
public record CapacityComparison(String config, CapacityRecord baseline, CapacityRecord candidate, Verdict verdict) {

    public static CapacityComparison of(CapacityRecord baseline, CapacityRecord candidate, double thresholdPercent) {
        return new CapacityComparison(baseline.id(), baseline, candidate, judge(baseline, candidate, thresholdPercent));
    }

    private static Verdict judge(CapacityRecord b, CapacityRecord c, double thresholdPercent) {
        if (!b.hasCapacity() && !c.hasCapacity()) {
            return Verdict.WITHIN_NOISE;
        }
        boolean beyondNoise = !b.hasCapacity() || !c.hasCapacity()
                || MetricComparison.apart(b.low(), b.high(), c.low(), c.high());
        return MetricComparison.verdict(capacity(b), capacity(c), beyondNoise, thresholdPercent, true);
    }

    /** The best capacity of its searches, 0 when the search found none. */
    static double capacity(CapacityRecord record) {
        return record.hasCapacity() ? record.bestCapacity() : 0;
    }

    /** {@code 6100 (5368-6944)}: the capacity and its interval, tasks/s. */
    static String label(CapacityRecord record) {
        if (!record.hasCapacity()) {
            return "0 (" + record.verdict() + ")";
        }
        return Numbers.whole(record.bestCapacity()) + " (" + Numbers.whole(record.low()) + "-" + Numbers.whole(record.high()) + ")";
    }

    public String baselineLabel() {
        return label(baseline);
    }

    public String candidateLabel() {
        return label(candidate);
    }

    /** Candidate over baseline capacity; NaN when the baseline has none. */
    public double ratio() {
        double base = capacity(baseline);
        return base == 0 ? Double.NaN : capacity(candidate) / base;
    }
}
