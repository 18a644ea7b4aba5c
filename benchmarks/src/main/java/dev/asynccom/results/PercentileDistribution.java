package dev.asynccom.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code .hgrm} file: HdrHistogram's percentile distribution as printed by
 * {@code Histogram.outputPercentileDistribution(out, 1000.0)}, values in microseconds.
 *
 * @param source the file it was read from
 * @param points the data lines in file order, percentiles rising; empty for an empty histogram
 */
public record PercentileDistribution(Path source, List<Point> points) {

    /**
     * One data line, with its numbers as the exact text of the file.
     *
     * @param value      the latency, microseconds
     * @param percentile the level reached, 0..1 ({@code 1.000000000000} on the last line)
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

    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern WHOLE = Pattern.compile("\\d+");

    public PercentileDistribution {
        points = List.copyOf(points);
    }

    /**
     * Reads a {@code .hgrm} file: a header line starting with {@code Value}, data lines of value,
     * percentile, total count and (except on the last) 1/(1-percentile), and {@code #[...]} footers.
     *
     * @throws BadInputException naming the file and line of the first line that does not fit
     */
    public static PercentileDistribution read(Path file) throws BadInputException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw BadInputException.unreadable(file, e);
        }
        List<Point> points = new ArrayList<>();
        boolean headerSeen = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!line.startsWith("Value")) {
                    throw BadInputException.at(file, n + 1,
                            "expected HdrHistogram's header 'Value Percentile TotalCount 1/(1-Percentile)'");
                }
                headerSeen = true;
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 3 || fields.length > 4) {
                throw BadInputException.at(file, n + 1,
                        "expected value, percentile, total count and 1/(1-percentile), found " + fields.length + " fields");
            }
            if (!NUMBER.matcher(fields[0]).matches()) {
                throw BadInputException.at(file, n + 1, "'" + fields[0] + "' is not a latency value");
            }
            if (!NUMBER.matcher(fields[1]).matches() || Double.parseDouble(fields[1]) > 1.0) {
                throw BadInputException.at(file, n + 1, "'" + fields[1] + "' is not a percentile between 0 and 1");
            }
            if (!WHOLE.matcher(fields[2]).matches()) {
                throw BadInputException.at(file, n + 1, "'" + fields[2] + "' is not a count");
            }
            points.add(new Point(fields[0], fields[1], Long.parseLong(fields[2])));
        }
        if (!headerSeen) {
            throw new BadInputException(file + " holds no HdrHistogram percentile distribution (no 'Value Percentile ...' header).");
        }
        return new PercentileDistribution(file, points);
    }

    /**
     * The first point whose percentile reaches {@code level} (0..1): the latency at that level as
     * far as the file's resolution tells; empty when the file has no data.
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
