package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.core.client.Latencies;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.results.CsvFile;
import dev.asynccom.results.LatencyCsv.Kind;
import dev.asynccom.results.LatencyCsv.Stat;
import dev.asynccom.results.LatencyCsv;
import org.HdrHistogram.Histogram;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The client's {@code --csv} file, in {@link CsvFile#FORMAT}: one row per run, appended, with a header when
 * the file is new. The column names are defined here, in {@link #COLUMNS}, and nowhere else; counts and
 * latency columns are named as in {@code latency.csv} ({@link LatencyCsv}): latencies in microseconds,
 * makespan in milliseconds, throughput in tasks per second.
 */
final class SummaryCsv {
    static final String TIME = "time";
    static final String CODEC = "codec";
    static final String REPEAT = "repeat";
    static final String WARMUP = "warmup";
    static final String RATE = "rate_per_s";
    static final String SENT = "sent";
    static final String UNKNOWN_IDS = "unknown_ids";
    static final String MALFORMED_FRAMES = "malformed_frames";
    static final String RESPONSE_SUM = "response_sum";
    static final String TASKS_PER_S = "tasks_per_s";
    static final String RESENT = "resent";
    static final String RESEND_DUPLICATES = "resend_duplicates";
    static final String END = "end";
    static final String RETRY_AFTER_MS = "retry_after_ms";
    static final String RETRIES = "retries";
    static final String DEADLINE_MS = "deadline_ms";

    /** Every column, in file order. */
    static final List<String> COLUMNS;

    static {
        List<String> columns = new ArrayList<>(List.of(TIME, CODEC, LatencyCsv.BATCH, REPEAT, WARMUP, RATE,
                LatencyCsv.TASKS, SENT, LatencyCsv.OK, LatencyCsv.UNKNOWN, LatencyCsv.FAILED, LatencyCsv.REJECTED,
                LatencyCsv.MISSING, LatencyCsv.DUPLICATES, UNKNOWN_IDS, MALFORMED_FRAMES, RESPONSE_SUM,
                LatencyCsv.MAKESPAN_MS, TASKS_PER_S));
        for (Kind kind : Kind.values()) {
            for (Stat stat : Stat.values()) {
                columns.add(LatencyCsv.latency(kind, stat));
            }
        }
        // Added later, so at the end: a reader that takes the columns by position still finds the older ones.
        columns.addAll(List.of(RESENT, RESEND_DUPLICATES, END, RETRY_AFTER_MS, RETRIES, DEADLINE_MS));
        COLUMNS = List.copyOf(columns);
    }

    private SummaryCsv() {
    }

    /**
     * What the run was asked to do, for the row.
     *
     * @param retryAfter {@link Duration#ZERO} without resends
     * @param deadline   {@link Duration#ZERO} for none
     */
    record Setup(String codec, int batch, int repeat, int warmup, double ratePerSecond, Duration retryAfter,
                 int retries, Duration deadline) {
        /** A run without resends or deadline. */
        Setup(String codec, int batch, int repeat, int warmup, double ratePerSecond) {
            this(codec, batch, repeat, warmup, ratePerSecond, Duration.ZERO, 0, Duration.ZERO);
        }
    }

    /** The row's values by column. */
    static Map<String, String> row(Instant end, Setup setup, RunSummary s) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put(TIME, end.truncatedTo(ChronoUnit.MILLIS).toString());
        row.put(CODEC, setup.codec());
        row.put(LatencyCsv.BATCH, Integer.toString(setup.batch()));
        row.put(REPEAT, Integer.toString(setup.repeat()));
        row.put(WARMUP, Integer.toString(setup.warmup()));
        row.put(RATE, decimal(setup.ratePerSecond(), 3));
        row.put(LatencyCsv.TASKS, Long.toString(s.tasks()));
        row.put(SENT, Long.toString(s.sent()));
        row.put(LatencyCsv.OK, Long.toString(s.ok()));
        row.put(LatencyCsv.UNKNOWN, Long.toString(s.unknownCommand()));
        row.put(LatencyCsv.FAILED, Long.toString(s.failed()));
        row.put(LatencyCsv.REJECTED, Long.toString(s.rejected()));
        row.put(LatencyCsv.MISSING, Long.toString(s.missing()));
        row.put(LatencyCsv.DUPLICATES, Long.toString(s.duplicates()));
        row.put(UNKNOWN_IDS, Long.toString(s.unknownIds()));
        row.put(MALFORMED_FRAMES, Long.toString(s.malformedFrames()));
        row.put(RESPONSE_SUM, Long.toString(s.responseSum()));
        row.put(LatencyCsv.MAKESPAN_MS, decimal(s.makespanNanos() / 1e6, 3));
        row.put(TASKS_PER_S, decimal(s.tasksPerSecond(), 1));
        Latencies l = s.latencies();
        Histogram[] byKind = {l.endToEnd(), l.uncorrected(), l.transport(), l.queueWait(), l.service(), l.overshoot()};
        for (Kind kind : Kind.values()) {
            Histogram h = byKind[kind.ordinal()];
            for (Stat stat : Stat.values()) {
                String value;
                if (stat == Stat.COUNT) {
                    value = Long.toString(h.getTotalCount());
                } else {
                    // Empty means no data, as in latency.csv.
                    value = h.getTotalCount() == 0 ? "" : decimal(h.getValueAtPercentile(stat.percentile()) / 1e3, 3);
                }
                row.put(LatencyCsv.latency(kind, stat), value);
            }
        }
        row.put(RESENT, Long.toString(s.resent()));
        row.put(RESEND_DUPLICATES, Long.toString(s.resendDuplicates()));
        row.put(END, s.end().name().toLowerCase(Locale.ROOT));
        row.put(RETRY_AFTER_MS, millisOrEmpty(setup.retryAfter()));
        row.put(RETRIES, Integer.toString(setup.retries()));
        row.put(DEADLINE_MS, millisOrEmpty(setup.deadline()));
        return row;
    }

    /**
     * Appends one row to {@code file}, writing the header first when the file is new or empty.
     *
     * @throws UserError when the file exists with other columns, so appending would mix two layouts
     */
    static void append(Path file, Map<String, String> row) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh && !holdsSummaries(file)) {
            throw new UserError(file + " holds other columns than a client summary, so a row cannot be "
                    + "appended to it: give a new file");
        }
        try (CSVPrinter out = CsvFile.printer(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            if (fresh) {
                out.printRecord(COLUMNS);
            }
            out.printRecord(COLUMNS.stream().map(column -> row.getOrDefault(column, "")));
        }
    }

    /** Whether the file's first record is the header of {@link #COLUMNS}. */
    private static boolean holdsSummaries(Path file) throws IOException {
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CsvFile.FORMAT)) {
            Iterator<CSVRecord> records = parser.iterator();
            return records.hasNext() && records.next().toList().equals(COLUMNS);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CSVException) {
                return false;
            }
            throw e.getCause();
        }
    }

    /** Milliseconds, or empty (no data, as in latency.csv) for {@link Duration#ZERO}: none. */
    private static String millisOrEmpty(Duration d) {
        return d.isZero() ? "" : decimal(d.toNanos() / 1e6, 3);
    }

    private static String decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
