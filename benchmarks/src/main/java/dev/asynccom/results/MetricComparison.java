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
        Verdict verdict = judge(metric, b, be, c, ce, thresholdPercent, noiseBandPercent);
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
        double difference = Math.abs(cand - base);
        boolean beyondNoise;
        if (be.isPresent() && ce.isPresent()) {
            double baseError = Math.abs(be.getAsDouble());
            double candError = Math.abs(ce.getAsDouble());
            beyondNoise = cand - candError > base + baseError || cand + candError < base - baseError;
        } else {
            beyondNoise = difference > noiseBandPercent / 100.0 * Math.abs(base);
        }
        boolean beyondThreshold = difference > thresholdPercent / 100.0 * Math.abs(base);
        if (!beyondNoise || !beyondThreshold) {
            return Verdict.WITHIN_NOISE;
        }
        return (cand > base) == metric.higherIsBetter() ? Verdict.BETTER : Verdict.WORSE;
    }

    /** Candidate over baseline; empty when either is missing or the baseline is 0. */
    public OptionalDouble ratio() {
        if (baseline.isEmpty() || candidate.isEmpty() || baseline.getAsDouble() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(candidate.getAsDouble() / baseline.getAsDouble());
    }
}
