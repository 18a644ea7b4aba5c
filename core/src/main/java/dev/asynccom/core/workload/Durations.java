package dev.asynccom.core.workload;

/**
 * Durations as people write them on command lines, {@code <number><ns|us|ms|s>} ({@code 250us},
 * {@code 1.5ms}, {@code 2s}), read into and printed from nanoseconds.
 */
public final class Durations {
    /** What {@link #parse} accepts, for messages. */
    public static final String ACCEPTED = "<number><ns|us|ms|s> such as 250us, 1.5ms or 2s";

    private static final String[] UNITS = {"s", "ms", "us", "ns"};
    private static final long[] UNIT_NANOS = {1_000_000_000L, 1_000_000L, 1_000L, 1L};

    private Durations() {
    }

    /**
     * Reads {@code <number><unit>}, rounding to the nanosecond.
     *
     * @param context what the value came from, for the message ({@code delay profile 'constant:5x'})
     * @throws IllegalArgumentException naming the value and what is accepted
     */
    public static long parse(String text, String context) {
        for (int u = 0; u < UNITS.length; u++) {
            String unit = UNITS[u];
            // "ms", "us" and "ns" also end in "s": only a digit or '.' before the unit makes it seconds.
            if (text.endsWith(unit) && text.length() > unit.length()) {
                char before = text.charAt(text.length() - unit.length() - 1);
                if (!(before >= '0' && before <= '9') && before != '.') {
                    continue;
                }
                double value = Decimals.parse(text.substring(0, text.length() - unit.length()));
                if (value >= 0) {
                    double nanos = value * UNIT_NANOS[u];
                    if (nanos < 0x1p63) {
                        return Math.round(nanos);
                    }
                }
                break;
            }
        }
        throw new IllegalArgumentException("bad duration '" + text + "' in " + context + ": expected a non-negative "
                + ACCEPTED);
    }

    /** {@code nanos} in the largest unit that shows it exactly: {@code 1500us}, {@code 2s}, {@code 0s}. */
    public static String format(long nanos) {
        for (int u = 0; u < UNITS.length; u++) {
            if (nanos % UNIT_NANOS[u] == 0) {
                return nanos / UNIT_NANOS[u] + UNITS[u];
            }
        }
        throw new AssertionError("every long is a whole number of nanoseconds");
    }

    static void requireNonNegative(long nanos, String what) {
        if (nanos < 0) {
            throw new IllegalArgumentException(what + " must not be negative, got " + nanos + " ns");
        }
    }
}
