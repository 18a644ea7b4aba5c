package dev.asynccom.results;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import org.HdrHistogram.AbstractHistogram;

/**
 * One row of {@code latency.csv}: the value of every {@link LatencyCsv#COLUMNS column} for one
 * configuration, kept as the exact text of the file so that a report can show the numbers as
 * they were written. An empty string means "no data".
 *
 * <p>Build rows with {@link #builder(String)}:
 * <pre>{@code
 * LatencyRow row = LatencyRow.builder(config)
 *         .set(LatencyCsv.TRANSPORT, "inproc").set(LatencyCsv.STRATEGY, "virtual")
 *         .set(LatencyCsv.WORKERS, 4)
 *         .set(LatencyCsv.THROUGHPUT, 812345.6).set(LatencyCsv.THROUGHPUT_ERROR, 1234.5)
 *         .latency(LatencyCsv.Kind.E2E, correctedNanos)      // fills e2e_p50_us .. e2e_count
 *         .build();
 * }</pre>
 *
 * @param values column name to text, for every column of {@link LatencyCsv#COLUMNS}, in that order
 */
public record LatencyRow(Map<String, String> values) {

    /**
     * Checks every value against its column and fills absent columns with "".
     *
     * @throws IllegalArgumentException for a column {@link LatencyCsv} does not define, a
     *                                  non-numeric value in a numeric column, or an empty config
     */
    public LatencyRow {
        Objects.requireNonNull(values, "values");
        for (String column : values.keySet()) {
            if (!LatencyCsv.COLUMNS.contains(column)) {
                throw new IllegalArgumentException("latency.csv has no column '" + column + "'");
            }
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String column : LatencyCsv.COLUMNS) {
            String value = Objects.requireNonNullElse(values.get(column), "");
            String problem = LatencyCsv.problem(column, value);
            if (problem != null) {
                throw new IllegalArgumentException("column " + column + ": " + problem);
            }
            ordered.put(column, value);
        }
        values = Collections.unmodifiableMap(ordered);
    }

    /** A builder for the row of configuration {@code config}; every other column starts empty. */
    public static Builder builder(String config) {
        return new Builder().set(LatencyCsv.CONFIG, config);
    }

    /** A builder that starts from this row's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.values.putAll(values);
        return builder;
    }

    /** The exact text of a column, "" when empty. */
    public String text(String column) {
        String value = values.get(column);
        if (value == null) {
            throw new IllegalArgumentException("latency.csv has no column '" + column + "'");
        }
        return value;
    }

    /** The value of a numeric column, empty when the file holds no data for it. */
    public OptionalDouble number(String column) {
        if (!LatencyCsv.isNumeric(column)) {
            throw new IllegalArgumentException("column '" + column + "' holds text, not numbers");
        }
        String value = text(column);
        return value.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
    }

    /** Whether the numeric column holds a value. */
    public boolean has(String column) {
        return !text(column).isEmpty();
    }

    public String config() {
        return values.get(LatencyCsv.CONFIG);
    }

    public String strategy() {
        return values.get(LatencyCsv.STRATEGY);
    }

    /** What the throughput counts per second: the row's unit, or for a file without one tasks/s (ops/s for a baseline). */
    public String throughputUnit() {
        String unit = values.get(LatencyCsv.THROUGHPUT_UNIT);
        return !unit.isEmpty() ? unit : strategy().isEmpty() ? "ops/s" : "tasks/s";
    }

    /**
     * The strategy's name among {@code group} (a chart's or a ranking's rows): with its worker count after
     * {@code separator} when the group runs this strategy at more than one worker count.
     */
    public String strategyIn(List<LatencyRow> group, String separator) {
        long same = group.stream().filter(r -> r.strategy().equals(strategy())).count();
        return same > 1 ? strategy() + separator + text(LatencyCsv.WORKERS) : strategy();
    }

    /**
     * Collects the values of one row. Setters overwrite; {@link #build()} checks them. Decimal
     * numbers are written in plain notation without trailing zeros ({@code 1.5E7} becomes
     * {@code 15000000}); NaN is written as empty ("no data"); whole-number columns take whole values only.
     */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets the exact text of a column ("" for no data). */
        public Builder set(String column, String text) {
            values.put(column, Objects.requireNonNull(text, column));
            return this;
        }

        /** Sets a numeric column to a whole number. */
        public Builder set(String column, long value) {
            return set(column, Long.toString(value));
        }

        /**
         * Sets a numeric column; NaN means no data.
         *
         * @throws IllegalArgumentException for an infinite value
         */
        public Builder set(String column, double value) {
            if (Double.isNaN(value)) {
                return set(column, "");
            }
            if (Double.isInfinite(value)) {
                throw new IllegalArgumentException("column " + column + ": " + value + " is not a finite number");
            }
            return set(column, BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
        }

        /**
         * Fills the p50, p90, p99, p99.9, max and count columns of {@code kind} from a histogram
         * recorded in nanoseconds; the columns are in microseconds. An empty histogram leaves
         * the latencies empty and the count 0.
         */
        public Builder latency(LatencyCsv.Kind kind, AbstractHistogram nanos) {
            long count = nanos.getTotalCount();
            for (LatencyCsv.Stat stat : LatencyCsv.Stat.values()) {
                String column = LatencyCsv.latency(kind, stat);
                if (stat == LatencyCsv.Stat.COUNT) {
                    set(column, count);
                } else if (count == 0) {
                    set(column, "");
                } else if (stat == LatencyCsv.Stat.MAX) {
                    set(column, nanos.getMaxValue() / 1000.0);
                } else {
                    set(column, nanos.getValueAtPercentile(stat.percentile()) / 1000.0);
                }
            }
            return this;
        }

        /**
         * The row.
         *
         * @throws IllegalArgumentException as {@link LatencyRow#LatencyRow(Map)}
         */
        public LatencyRow build() {
            return new LatencyRow(values);
        }
    }
}
