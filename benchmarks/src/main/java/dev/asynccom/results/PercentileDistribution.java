package dev.asynccom.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency histogram's percentile distribution, point for point what HdrHistogram prints in a {@code .hgrm}
 * ({@code outputPercentileDistribution(out, 1000.0)}): the same percentile steps, values in microseconds.
 *
 * @param points percentiles rising; empty for an empty histogram
 */
public record PercentileDistribution(List<Point> points) {

    /** The steps {@code outputPercentileDistribution} takes: 5 per halving of the distance to 100%. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /**
     * One point, with its numbers as the text of the {@code .hgrm} line.
     *
     * @param value      the latency, microseconds, with as many decimals as the histogram has significant digits
     * @param percentile the level reached, 0..1 with 12 decimals ({@code 1.000000000000} on the last point)
     * @param totalCount values at or below {@code value}
     */
    public record Point(String value, String percentile, long totalCount) {
        public double valueMicros() {
            return Double.parseDouble(value);
        }

        public double level() {
            return Double.parseDouble(percentile);
        }
    }

    public PercentileDistribution {
        points = List.copyOf(points);
    }

    /** The distribution of a histogram recorded in nanoseconds. */
    public static PercentileDistribution of(AbstractHistogram nanos) {
        String valueFormat = "%." + nanos.getNumberOfSignificantValueDigits() + "f";
        List<Point> points = new ArrayList<>();
        for (HistogramIterationValue step : nanos.percentiles(TICKS_PER_HALF_DISTANCE)) {
            points.add(new Point(
                    String.format(Locale.US, valueFormat, step.getValueIteratedTo() / ResultsFolder.NANOS_PER_MICRO),
                    String.format(Locale.US, "%.12f", step.getPercentileLevelIteratedTo() / 100.0),
                    step.getTotalCountToThisValue()));
        }
        return new PercentileDistribution(points);
    }

    /**
     * The first point whose percentile reaches {@code level} (0..1): the latency at that level as
     * far as the distribution's steps tell; empty when it has no data.
     */
    public Optional<Point> atLevel(double level) {
        for (Point point : points) {
            if (point.level() >= level) {
                return Optional.of(point);
            }
        }
        return points.isEmpty() ? Optional.empty() : Optional.of(points.getLast());
    }

    /** Values recorded in the histogram. */
    public long totalCount() {
        return points.isEmpty() ? 0 : points.getLast().totalCount();
    }
}
