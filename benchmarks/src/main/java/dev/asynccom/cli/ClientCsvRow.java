package dev.asynccom.cli;

import dev.asynccom.results.CsvFile;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyCsv.Kind;
import dev.asynccom.results.LatencyCsv.Stat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last row of a client's {@code --csv} file ({@link SummaryCsv} writes it), read back by column name: how a
 * command that ran a {@code client} JVM learns what came back.
 *
 * @param end      why the run ended: {@code answered}, {@code silent}, {@code deadline}, {@code stopped}
 * @param e2eP50Us end-to-end latency percentiles in microseconds, NaN when none was recorded
 */
record ClientCsvRow(long tasks, long sent, long ok, long unknown, long failed, long rejected, long missing,
                    long duplicates, long unknownIds, long responseSum, double makespanMillis, double tasksPerSecond,
                    double e2eP50Us, double e2eP99Us, double e2eMaxUs, String end) {

    /** Tasks answered, whatever the answer: each task is answered or missing. */
    long answered() {
        return ok + unknown + failed + rejected;
    }

    /** Tasks answered with something other than ok: unknown command, failed, rejected. */
    long errors() {
        return unknown + failed + rejected;
    }

    /**
     * The last row of {@code file}; empty when the file is absent or holds no row (the client wrote none).
     *
     * @throws IllegalStateException when the file is not a client summary: a bug, since the caller named it
     */
    static Optional<ClientCsvRow> readLast(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<CsvFile.Line> lines = CsvFile.read(file);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        List<String> header = lines.getFirst().fields();
        if (!header.equals(SummaryCsv.COLUMNS)) {
            throw new IllegalStateException(file + " is not a client summary: its header is " + header);
        }
        List<String> values = lines.getLast().fields();
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size() && i < values.size(); i++) {
            row.put(header.get(i), values.get(i));
        }
        return Optional.of(new ClientCsvRow(count(row, LatencyCsv.TASKS), count(row, SummaryCsv.SENT),
                count(row, LatencyCsv.OK), count(row, LatencyCsv.UNKNOWN), count(row, LatencyCsv.FAILED),
                count(row, LatencyCsv.REJECTED), count(row, LatencyCsv.MISSING), count(row, LatencyCsv.DUPLICATES),
                count(row, SummaryCsv.UNKNOWN_IDS), count(row, SummaryCsv.RESPONSE_SUM),
                number(row, LatencyCsv.MAKESPAN_MS), number(row, SummaryCsv.TASKS_PER_S),
                number(row, LatencyCsv.latency(Kind.E2E, Stat.P50)), number(row, LatencyCsv.latency(Kind.E2E, Stat.P99)),
                number(row, LatencyCsv.latency(Kind.E2E, Stat.MAX)), row.getOrDefault(SummaryCsv.END, "")));
    }

    private static long count(Map<String, String> row, String column) {
        return Long.parseLong(row.get(column));
    }

    /** A decimal, or NaN for an empty value (no data). */
    private static double number(Map<String, String> row, String column) {
        String value = row.getOrDefault(column, "");
        return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
    }
}
