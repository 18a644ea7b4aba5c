package dev.asynccom.results;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalDouble;

/** Formats measured numbers for people: enough digits to compare, never an exponent. */
public final class Numbers {
    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    /** Four significant digits, but whole numbers of 1000 and more keep all their digits. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal decimal = new BigDecimal(value);
        BigDecimal rounded = Math.abs(value) >= 1000
                ? decimal.setScale(0, RoundingMode.HALF_EVEN)
                : decimal.round(FOUR_DIGITS);
        return rounded.stripTrailingZeros().toPlainString();
    }

    /** As {@link #format(double)}, or "-" for no data. */
    public static String format(OptionalDouble value) {
        return value.isPresent() ? format(value.getAsDouble()) : "-";
    }

    /** {@code value ± error}, or the value alone when there is no error. */
    public static String withError(OptionalDouble value, OptionalDouble error) {
        if (value.isEmpty()) {
            return "-";
        }
        return error.isPresent() ? format(value) + " ± " + format(error) : format(value);
    }

    /** Rounded to a whole number, or "-" for no data (NaN): capacities and rates in tables. */
    public static String whole(double value) {
        return Double.isNaN(value) ? "-" : Long.toString(Math.round(value));
    }

    /** An axis label: 3 significant digits with k, M or G for thousands, millions, billions. */
    public static String compact(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return format3(value / 1e9) + "G";
        }
        if (abs >= 1e6) {
            return format3(value / 1e6) + "M";
        }
        if (abs >= 1e3) {
            return format3(value / 1e3) + "k";
        }
        return format3(value);
    }

    private static String format3(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** A latency in microseconds with the unit that reads best: {@code 850 µs}, {@code 1.5 ms}, {@code 2 s}. */
    public static String micros(double micros) {
        double abs = Math.abs(micros);
        if (abs >= 1e6) {
            return format3(micros / 1e6) + " s";
        }
        if (abs >= 1e3) {
            return format3(micros / 1e3) + " ms";
        }
        return format3(micros) + " µs";
    }
}
