package dev.asynccom.results;

import java.util.List;

/**
 * Repeated readings of one figure as their median and range. Two figures are <em>tied</em> when their ranges
 * overlap: with a handful of rounds on a noisy machine, the range is the honest error bar, and a difference
 * inside it is not one. Immutable.
 *
 * @param median the middle reading (the mean of the two middle ones for an even count)
 * @param min    the lowest reading
 * @param max    the highest reading
 * @param count  how many readings
 */
public record Spread(double median, double min, double max, int count) {
    /** The spread of {@code readings}, which must not be empty. */
    public static Spread of(List<Double> readings) {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one reading");
        }
        double[] sorted = readings.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** Whether the two ranges share a value: then the readings cannot tell the figures apart. */
    public boolean overlaps(Spread other) {
        return min <= other.max && other.min <= max;
    }

    /**
     * This figure over {@code base}: the ratio of the medians, with the range of every ratio the readings
     * allow (lowest over highest base, highest over lowest base). That range holds 1 exactly when the two
     * ranges overlap.
     */
    public Spread over(Spread base) {
        return new Spread(median / base.median, min / base.max, max / base.min, Math.min(count, base.count));
    }
}
