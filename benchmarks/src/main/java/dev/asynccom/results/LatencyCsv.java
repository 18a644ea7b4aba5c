package dev.asynccom.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code latency.csv} of a results folder: its column names, defined here and nowhere else,
 * and the one reader and writer of the file.
 *
 * <p>The file is comma-separated UTF-8 ({@link CsvFile#FORMAT}) with a header row and one row per benchmark configuration,
 * identified by the {@link #CONFIG} column. Columns are written in {@link #COLUMNS} order and read
 * by name, so a reader tolerates extra columns added later. An empty value means "no data".
 * Numbers use {@code '.'} as decimal separator and no exponent; latencies are in microseconds,
 * throughput in tasks per second, makespans in milliseconds.
 *
 * <p>To write the file, build one {@link LatencyRow} per configuration with
 * {@link LatencyRow#builder(String)} and hand the list to {@link #write(Path, List)}.
 * The histograms beside it are named after {@link #slug(String)}: see {@link ResultsFolder}.
 */
public final class LatencyCsv {

    /** The file name inside a results folder. */
    public static final String FILE_NAME = "latency.csv";

    /** Stable unique id of a configuration, e.g. {@code transport=inproc strategy=platform workers=2 ...}. */
    public static final String CONFIG = "config";
    /** The JMH benchmark method that measured the row. */
    public static final String BENCHMARK = "benchmark";
    /** Transport name: {@code inproc}, {@code zmq-tcp}, {@code zmq-ipc}. */
    public static final String TRANSPORT = "transport";
    /** Worker strategy name. */
    public static final String STRATEGY = "strategy";
    /** Worker count of the strategy (whole number). */
    public static final String WORKERS = "workers";
    /** Tasks per batch (whole number). */
    public static final String BATCH = "batch";
    /** The delay distribution of the tasks, as named on the command line ({@code zero}, ...). */
    public static final String DELAY = "delay";
    /** Tasks per run (whole number). */
    public static final String TASKS = "tasks";
    /** The load shape ({@code burst}, or an open-loop rate). */
    public static final String LOAD = "load";
    /** How many tasks can run at once, given workers and the strategy's limits. */
    public static final String EFFECTIVE_CONCURRENCY = "effective_concurrency";
    /** Measured runs (whole number). */
    public static final String RUNS = "runs";
    /** Mean throughput, tasks per second. */
    public static final String THROUGHPUT = "throughput_tasks_per_s";
    /** JMH's 99.9% confidence half-width of {@link #THROUGHPUT}, tasks per second. */
    public static final String THROUGHPUT_ERROR = "throughput_error";
    /**
     * What the throughput counts per second: {@code tasks/s} for the loop; for a baseline what one of its
     * operations is ({@code hand-offs/s}, {@code messages/s}). Optional when read: files written before it
     * existed read as {@code tasks/s} for loops, {@code ops/s} for baselines.
     */
    public static final String THROUGHPUT_UNIT = "throughput_unit";
    /** Mean time from first send to last result of a run, milliseconds. */
    public static final String MAKESPAN_MS = "makespan_ms";
    /** JMH's 99.9% confidence half-width of {@link #MAKESPAN_MS}, milliseconds. */
    public static final String MAKESPAN_MS_ERROR = "makespan_ms_error";
    /**
     * The makespan with perfect use of the effective concurrency C, milliseconds: max(total delay / C,
     * longest delay, tasks / rate for open loop); empty when 0.
     */
    public static final String IDEAL_MAKESPAN_MS = "ideal_makespan_ms";
    /** Ideal over measured makespan, 0..1. */
    public static final String MAKESPAN_EFFICIENCY = "makespan_efficiency";
    /**
     * Measured throughput over the ideal, min(effective concurrency / mean delay, offered rate), 0..1;
     * empty for zero delay in a burst.
     */
    public static final String THROUGHPUT_EFFICIENCY = "throughput_efficiency";
    /** Tasks that ended with status ok (whole number, likewise the next five). */
    public static final String OK = "ok";
    /** Tasks answered "unknown command". */
    public static final String UNKNOWN = "unknown";
    /** Tasks whose handler failed. */
    public static final String FAILED = "failed";
    /** Tasks the server rejected. */
    public static final String REJECTED = "rejected";
    /** Tasks sent and never answered. */
    public static final String MISSING = "missing";
    /** Results received more than once. */
    public static final String DUPLICATES = "duplicates";

    /** The latency kinds with a group of percentile columns each, in file order. */
    public enum Kind {
        /** End to end, measured from the intended send time (corrected for coordinated omission). */
        E2E,
        /** End to end, measured from the actual send time (not corrected). */
        UNCORRECTED,
        /** Time on the wire, both ways. */
        TRANSPORT,
        /** Time a task waited in the server before a worker took it. */
        QUEUE,
        /** Time a worker spent on the task. */
        SERVICE,
        /** Service time beyond the task's planned delay (sleep overshoot). */
        OVERSHOOT;

        /** The column-name prefix, e.g. {@code e2e}. */
        public String prefix() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The statistics of each latency kind, in file order. */
    public enum Stat {
        P50("p50_us", 50.0), P90("p90_us", 90.0), P99("p99_us", 99.0), P999("p999_us", 99.9),
        MAX("max_us", 100.0),
        /** Number of recorded values (whole number). */
        COUNT("count", Double.NaN);

        private final String suffix;
        private final double percentile;

        Stat(String suffix, double percentile) {
            this.suffix = suffix;
            this.percentile = percentile;
        }

        /** The column-name suffix, e.g. {@code p99_us}. */
        public String suffix() {
            return suffix;
        }

        /** The percentile (0..100) this statistic reads off a histogram; NaN for {@link #COUNT}. */
        public double percentile() {
            return percentile;
        }
    }

    /** The column of one statistic of one latency kind, e.g. {@code e2e_p99_us}. */
    public static String latency(Kind kind, Stat stat) {
        return kind.prefix() + "_" + stat.suffix();
    }

    public static final String E2E_P50_US = latency(Kind.E2E, Stat.P50);
    public static final String E2E_P90_US = latency(Kind.E2E, Stat.P90);
    public static final String E2E_P99_US = latency(Kind.E2E, Stat.P99);
    public static final String E2E_P999_US = latency(Kind.E2E, Stat.P999);
    public static final String E2E_MAX_US = latency(Kind.E2E, Stat.MAX);
    public static final String E2E_COUNT = latency(Kind.E2E, Stat.COUNT);
    public static final String UNCORRECTED_P99_US = latency(Kind.UNCORRECTED, Stat.P99);
    /** Half the spread of {@link #E2E_P50_US} across measurement iterations, microseconds. */
    public static final String E2E_P50_US_ERROR = E2E_P50_US + "_error";
    /** Half the spread of {@link #E2E_P99_US} across measurement iterations, microseconds. */
    public static final String E2E_P99_US_ERROR = E2E_P99_US + "_error";
    /** Half the spread of {@link #E2E_P999_US} across measurement iterations, microseconds. */
    public static final String E2E_P999_US_ERROR = E2E_P999_US + "_error";
    /** Half the spread of {@link #UNCORRECTED_P99_US} across measurement iterations, microseconds. */
    public static final String UNCORRECTED_P99_US_ERROR = UNCORRECTED_P99_US + "_error";

    /** Every column, in the order the writer puts them. */
    public static final List<String> COLUMNS;

    private static final Set<String> TEXT_COLUMNS = Set.of(CONFIG, BENCHMARK, TRANSPORT, STRATEGY, DELAY, LOAD,
            THROUGHPUT_UNIT);
    /** Columns a file may lack (written before they existed); they read as empty. */
    private static final Set<String> OPTIONAL_COLUMNS = Set.of(THROUGHPUT_UNIT);
    private static final Set<String> WHOLE_COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of(
                CONFIG, BENCHMARK, TRANSPORT, STRATEGY, WORKERS, BATCH, DELAY, TASKS, LOAD,
                EFFECTIVE_CONCURRENCY, RUNS, THROUGHPUT, THROUGHPUT_ERROR, THROUGHPUT_UNIT, MAKESPAN_MS, MAKESPAN_MS_ERROR,
                IDEAL_MAKESPAN_MS, MAKESPAN_EFFICIENCY, THROUGHPUT_EFFICIENCY,
                OK, UNKNOWN, FAILED, REJECTED, MISSING, DUPLICATES));
        Set<String> whole = new HashSet<>(Set.of(WORKERS, BATCH, TASKS, RUNS, OK, UNKNOWN, FAILED, REJECTED, MISSING, DUPLICATES));
        for (Kind kind : Kind.values()) {
            for (Stat stat : Stat.values()) {
                columns.add(latency(kind, stat));
            }
            whole.add(latency(kind, Stat.COUNT));
        }
        columns.add(E2E_P50_US_ERROR);
        columns.add(E2E_P99_US_ERROR);
        columns.add(E2E_P999_US_ERROR);
        columns.add(UNCORRECTED_P99_US_ERROR);
        COLUMNS = List.copyOf(columns);
        WHOLE_COLUMNS = Set.copyOf(whole);
    }

    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern WHOLE = Pattern.compile("-?\\d+");

    private LatencyCsv() {
    }

    /**
     * The file-name stem of a configuration's histograms: spaces become {@code _}, {@code =} becomes
     * {@code -}, and characters Windows refuses in file names ({@code :} of {@code delay=constant:1ms},
     * {@code <>"/\|?*}, control characters such as a line break) become {@code _}, so committed results
     * check out everywhere.
     */
    public static String slug(String config) {
        return config.replace(' ', '_').replace('=', '-').replaceAll("[:<>\"/\\\\|?*\\x00-\\x1F]", "_");
    }

    /** Whether a column holds numbers (as opposed to names). */
    public static boolean isNumeric(String column) {
        return !TEXT_COLUMNS.contains(column);
    }

    /**
     * Why {@code value} cannot stand in {@code column}, as a phrase, or null when it can.
     * Empty is always allowed except for {@link #CONFIG}.
     */
    static String problem(String column, String value) {
        if (value.isEmpty()) {
            return column.equals(CONFIG) ? "empty, but every row needs a configuration id" : null;
        }
        if (WHOLE_COLUMNS.contains(column)) {
            return WHOLE.matcher(value).matches() ? null : "'" + value + "' is not a whole number";
        }
        if (isNumeric(column)) {
            return DECIMAL.matcher(value).matches() ? null : "'" + value + "' is not a number with '.' decimals";
        }
        return null;
    }

    /**
     * Reads every row of a {@code latency.csv}, in file order.
     *
     * @throws BadInputException naming the file, line and column of the first problem: unreadable
     *                           file, missing column, wrong field count, non-numeric value, duplicate config
     */
    public static List<LatencyRow> read(Path file) throws BadInputException {
        List<CsvFile.Line> lines = CsvFile.read(file);
        if (lines.isEmpty() || lines.getFirst().isBlank()) {
            throw BadInputException.at(file, 1, "expected the header row naming the columns, found nothing");
        }
        List<String> header = lines.getFirst().fields();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (index.putIfAbsent(header.get(i).strip(), i) != null) {
                throw BadInputException.at(file, 1, "column '" + header.get(i).strip() + "' appears twice in the header");
            }
        }
        for (String column : COLUMNS) {
            if (!index.containsKey(column) && !OPTIONAL_COLUMNS.contains(column)) {
                throw BadInputException.at(file, 1, "missing column '" + column + "'");
            }
        }
        List<LatencyRow> rows = new ArrayList<>();
        Set<String> configs = new HashSet<>();
        for (CsvFile.Line line : lines.subList(1, lines.size())) {
            if (line.fields().size() != header.size()) {
                throw BadInputException.at(file, line.number(),
                        "found " + line.fields().size() + " fields where the header names " + header.size());
            }
            Map<String, String> values = new HashMap<>();
            for (String column : COLUMNS) {
                Integer at = index.get(column);
                String value = at == null ? "" : line.fields().get(at).strip();
                String problem = problem(column, value);
                if (problem != null) {
                    throw BadInputException.at(file, line.number(), column, problem);
                }
                values.put(column, value);
            }
            if (!configs.add(values.get(CONFIG))) {
                throw BadInputException.at(file, line.number(), CONFIG,
                        "configuration '" + values.get(CONFIG) + "' appears on an earlier line too");
            }
            rows.add(new LatencyRow(values));
        }
        return Collections.unmodifiableList(rows);
    }

    /**
     * Writes the header and one line per row, in {@link #COLUMNS} order, creating parent folders.
     *
     * @throws IllegalArgumentException when two rows share a {@link #CONFIG}
     */
    public static void write(Path file, List<LatencyRow> rows) throws IOException {
        Set<String> configs = new HashSet<>();
        for (LatencyRow row : rows) {
            if (!configs.add(row.config())) {
                throw new IllegalArgumentException("two rows share the configuration '" + row.config() + "'");
            }
        }
        try (CSVPrinter out = CsvFile.printer(file)) {
            out.printRecord(COLUMNS);
            for (LatencyRow row : rows) {
                out.printRecord(COLUMNS.stream().map(row::text));
            }
        }
    }
}
