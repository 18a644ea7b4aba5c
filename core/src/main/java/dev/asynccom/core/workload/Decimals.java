package dev.asynccom.core.workload;

import java.nio.charset.StandardCharsets;

/**
 * Plain decimal numbers as the data files, delay profiles and durations write them ({@code 1}, {@code 0.5},
 * {@code 1e-3}), and the wait field of a server line: such a number of seconds, as nanoseconds. Stateless.
 */
final class Decimals {
    /** {@link #secondsToNanos} of text that is not a plain decimal number. */
    static final long NOT_A_NUMBER = -1;
    /** {@link #secondsToNanos} of a negative number. */
    static final long NEGATIVE = -2;
    /** {@link #secondsToNanos} of a number of nanoseconds that does not fit in a long. */
    static final long TOO_LONG = -3;

    private static final double NANOS_PER_SECOND = 1e9;
    /** Waits at or above this many nanoseconds do not fit in a long. */
    private static final double MAX_WAIT_NANOS = 0x1p63;

    private Decimals() {
    }

    /**
     * The seconds written in {@code b[from, to)}, rounded to nanoseconds.
     *
     * @return the nanoseconds, 0 or more; else {@link #NOT_A_NUMBER}, {@link #NEGATIVE} or {@link #TOO_LONG}
     */
    static long secondsToNanos(byte[] b, int from, int to) {
        long plain = plainSecondsToNanos(b, from, to);
        if (plain >= 0) {
            return plain;
        }
        double seconds = parse(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        if (Double.isNaN(seconds)) {
            return NOT_A_NUMBER;
        }
        if (seconds < 0) {
            return NEGATIVE;
        }
        double nanos = seconds * NANOS_PER_SECOND;
        return nanos >= MAX_WAIT_NANOS ? TOO_LONG : Math.round(nanos);
    }

    /** What {@link #secondsToNanos} found wrong with {@code quoted}, a wait of that code. */
    static String problem(long code, String quoted) {
        return "wait " + quoted + (code == NEGATIVE ? " is negative"
                : code == TOO_LONG ? " is too long (the maximum is about 9.2e9 seconds)"
                : " is not a finite decimal number of seconds");
    }

    /**
     * The common case {@code <digits>[.<digits>]} with at most 9 integer digits, converted exactly
     * (rounding half up at the nanosecond) and several times faster than {@link Double#parseDouble}.
     *
     * @return the nanoseconds, or -1 when the text has another form
     */
    private static long plainSecondsToNanos(byte[] b, int from, int to) {
        int i = from;
        long whole = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            whole = whole * 10 + (b[i] - '0');
            i++;
        }
        int wholeDigits = i - from;
        if (wholeDigits > 9) {
            return -1;
        }
        long fraction = 0;
        int fractionDigits = 0;
        boolean roundUp = false;
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (fractionDigits < 9) {
                    fraction = fraction * 10 + (b[i] - '0');
                } else if (fractionDigits == 9) {
                    roundUp = b[i] >= '5';
                }
                fractionDigits++;
            }
        }
        if (i != to || wholeDigits + fractionDigits == 0) {
            return -1;
        }
        for (int d = Math.min(fractionDigits, 9); d < 9; d++) {
            fraction *= 10;
        }
        return whole * 1_000_000_000L + fraction + (roundUp ? 1 : 0);
    }

    /**
     * A plain decimal number ({@code 1}, {@code -0.5}, {@code 1e-3}), or NaN when {@code text} is
     * anything else. {@link Double#parseDouble} alone would also take {@code NaN}, {@code Infinity},
     * hexadecimal, surrounding white space and a trailing {@code d} or {@code f}.
     */
    static double parse(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
