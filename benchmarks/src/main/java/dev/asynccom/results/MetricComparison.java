package dev.asynccom.results;

import java.util.OptionalDouble;

/**
 * One metric of one configuration in a baseline and a candidate run, and the verdict.
 *
 * <p>A change is significant when it is beyond the noise and beyond the threshold. Beyond the
 * noise means the intervals value ± error do not overlap when both sides have an error bound,
 * and otherwise that the candidate differs from the baseline by more than the noise band
 * (a percentage of the baseline). Beyond the threshold means the change exceeds that percentage
 * of the baseline (0: any significant change counts).
 */
public record MetricComparison(String config, ComparedMetric metric,
                        OptionalDouble baseline, OptionalDouble baselineError,
                        OptionalDouble candidate, OptionalDouble candidateError,
                        Verdict verdict) {

    public static MetricComparison of(ComparedMetric metric, LatencyRow baseline, LatencyRow candidate,
                               double thresholdPercent, double noiseBandPercent) {
        OptionalDouble b = baseline.number(metric.column());
        OptionalDouble c = candidate.number(metric.column());
        OptionalDouble be = metric.errorColumn().map(baseline::number).orElse(OptionalDouble.empty());
        OptionalDouble ce = metric.errorColumn().map(candidate::number).orElse(OptionalDouble.empty());
        Verdict verdict = metric.judgedFor(baseline.text(LatencyCsv.LOAD))
                ? judge(metric, b, be, c, ce, thresholdPercent, noiseBandPercent) : Verdict.NOT_JUDGED;
        return new MetricComparison(baseline.config(), metric, b, be, c, ce, verdict);
    }

    private static Verdict judge(ComparedMetric metric, OptionalDouble b, OptionalDouble be,
                                 OptionalDouble c, OptionalDouble ce,
                                 double thresholdPercent, double noiseBandPercent) {
        if (b.isEmpty() || c.isEmpty()) {
            return Verdict.NO_DATA;
        }
        double base = b.getAsDouble();
        double cand = c.getAsDouble();
        boolean beyondNoise;
        if (be.isPresent() && ce.isPresent()) {
            double baseError = Math.abs(be.getAsDouble());
            double candError = Math.abs(ce.getAsDouble());
            beyondNoise = apart(base - baseError, base + baseError, cand - candError, cand + candError);
        } else {
            beyondNoise = Math.abs(cand - base) > noiseBandPercent / 100.0 * Math.abs(base);
        }
        return verdict(base, cand, beyondNoise, thresholdPercent, metric.higherIsBetter());
    }

    /** Whether the intervals [baseLow, baseHigh] and [candLow, candHigh] do not overlap. */
    static boolean apart(double baseLow, double baseHigh, double candLow, double candHigh) {
        return candLow > baseHigh || candHigh < baseLow;
    }

    /**
     * The verdict on a change from {@code base} to {@code cand}: within noise unless it is beyond the noise
     * and beyond {@code thresholdPercent} of the baseline, then better or worse by {@code higherIsBetter}.
     */
    static Verdict verdict(double base, double cand, boolean beyondNoise, double thresholdPercent,
                           boolean higherIsBetter) {
        boolean beyondThreshold = Math.abs(cand - base) > thresholdPercent / 100.0 * Math.abs(base);
        if (!beyondNoise || !beyondThreshold) {
            return Verdict.WITHIN_NOISE;
        }
        return (cand > base) == higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
    }

    /** Candidate over baseline; empty when either is missing or the baseline is 0. */
    public OptionalDouble ratio() {
        if (baseline.isEmpty() || candidate.isEmpty() || baseline.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(candidate.getAsDouble() / baseline.getAsDouble());
    }
}
