package dev.asynccom.harness;

import dev.asynccom.core.workload.Durations;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A latency target: a percentile of end-to-end latency (from the intended send time, so a stall cannot
 * hide) and the bound it must stay under, written {@code p99=50ms}.
 *
 * @param percentile the percentile, above 0 and at most 100 ({@code 99}, {@code 99.9})
 * @param boundNanos the most that percentile may be, in nanoseconds, positive
 */
public record Slo(double percentile, long boundNanos) {
    private static final Pattern FORM = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,6})?)=(\\S+)");
    private static final long MAX_BOUND_NANOS = TimeUnit.HOURS.toNanos(1);

    public Slo {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("an SLO's percentile must be above 0 and at most 100, got " + percentile);
        }
        if (boundNanos <= 0) {
            throw new IllegalArgumentException("an SLO's bound must be positive, got " + boundNanos + " ns");
        }
    }

    /**
     * Reads {@code p<percentile>=<number><us|ms|s>}: {@code p99=50ms}, {@code p99.9=2s}, {@code p50=500us}.
     *
     * @throws IllegalArgumentException with one sentence naming the value and the form expected
     */
    public static Slo parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (m.matches()) {
            double percentile = Double.parseDouble(m.group(1));
            long bound;
            try {
                bound = Durations.parse(m.group(2), "an SLO");
            } catch (IllegalArgumentException notADuration) {
                bound = -1;
            }
            if (percentile > 0 && percentile <= 100 && bound > 0 && bound <= MAX_BOUND_NANOS) {
                return new Slo(percentile, bound);
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an SLO: write p<percentile>=<bound>, such as "
                + "p99=50ms or p99.9=2s (a percentile above 0 up to 100, a positive bound up to 1 hour in ns, us, ms or s)");
    }

    /** Whether a measured value of the percentile meets the target. */
    public boolean holds(long percentileNanos) {
        return percentileNanos <= boundNanos;
    }

    /** {@code p99}, {@code p99.9}: the percentile as it is written. */
    public String percentileLabel() {
        return "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
    }

    /** {@code p99=50ms}: as {@link #parse} reads it, for a command line. */
    public String toOption() {
        return percentileLabel() + "=" + Durations.format(boundNanos);
    }

    /** {@code p99 <= 50 ms}. */
    @Override
    public String toString() {
        return percentileLabel() + " <= " + millis(boundNanos) + " ms";
    }

    /** Nanoseconds as milliseconds with up to three decimals: {@code 50}, {@code 0.25}, {@code 12.346}. */
    static String millis(long nanos) {
        return BigDecimal.valueOf(Math.round(nanos / 1_000.0), 3).stripTrailingZeros().toPlainString()
                .toLowerCase(Locale.ROOT);
    }
}
