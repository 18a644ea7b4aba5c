package dev.asynccom.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.asynccom.core.client.Latencies;
import dev.asynccom.loop.LoopConfig;
import org.HdrHistogram.Histogram;

/**
 * Results folders written the way the harness writes them: latency.csv through {@link LatencyCsv}, trial
 * records (HdrHistogram interval logs) through {@link TrialRecord}, and the {@code .hgrm} of their forks
 * merged. Four strategies by two worker counts on one workload; every number is known in advance.
 */
public final class ResultsFixture {
    public static final List<String> STRATEGIES = List.of("platform", "virtual", "forkjoin", "seed");
    public static final List<Integer> WORKERS = List.of(2, 4);
    public static final int TASKS = 2000;
    /** Share of the values at the tail latency: 1.5%, so p99 and beyond are the tail. */
    public static final int TAIL_VALUES = 30;

    private ResultsFixture() {
    }

    public static String config(String strategy, int workers) {
        return "transport=inproc strategy=" + strategy + " workers=" + workers
                + " batch=16 delay=1ms tasks=" + TASKS + " load=burst";
    }

    /** The latency most tasks of a configuration see, microseconds. */
    public static long bodyMicros(int strategy, int workers) {
        return 1000 + 50L * strategy + 10L * workers;
    }

    /** The latency of the slowest 1.5% of its tasks (so its p99), microseconds. */
    public static long tailMicros(int strategy, int workers) {
        return 4000 + 1500L * strategy + 300L * workers;
    }

    /** The corrected end-to-end histogram, recorded in nanoseconds as the harness does. */
    public static Histogram corrected(int strategy, int workers) {
        return corrected(strategy, workers, 1);
    }

    /** The uncorrected view: the same body, a tail half as long. */
    public static Histogram uncorrected(int strategy, int workers) {
        return uncorrected(strategy, workers, 1);
    }

    /** One fork's share of {@link #corrected(int, int)} when {@code forks} forks measured the configuration. */
    private static Histogram corrected(int strategy, int workers, int forks) {
        return histogram(bodyMicros(strategy, workers) * 1000, tailMicros(strategy, workers) * 1000, forks);
    }

    private static Histogram uncorrected(int strategy, int workers, int forks) {
        return histogram(bodyMicros(strategy, workers) * 1000, tailMicros(strategy, workers) * 500, forks);
    }

    /** The body and tail values of a configuration, nanoseconds, or one fork's share of them. */
    private static Histogram histogram(long bodyNanos, long tailNanos, int forks) {
        Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        histogram.recordValueWithCount(bodyNanos, (TASKS - TAIL_VALUES) / forks);
        histogram.recordValueWithCount(tailNanos, TAIL_VALUES / forks);
        return histogram;
    }

    /** One row per strategy and worker count, errors of 1.5% (throughput, makespan) and 3% (e2e p50, p99). */
    public static List<LatencyRow> baselineRows() {
        List<LatencyRow> rows = new ArrayList<>();
        for (int s = 0; s < STRATEGIES.size(); s++) {
            for (int workers : WORKERS) {
                rows.add(row(s, workers));
            }
        }
        return rows;
    }

    public static LatencyRow row(int s, int workers) {
        // 1 ms tasks: ideal throughput is 1000 per worker. Odd decimals so that rounding would be caught.
        double throughput = 1000.0 * workers * (0.95 - 0.1 * s) + 0.123456;
        double makespanMs = TASKS / throughput * 1000 * 1.02;
        double idealMs = TASKS * 1.0 / workers;
        LatencyRow withLatencies = LatencyRow.builder(config(STRATEGIES.get(s), workers))
                .set(LatencyCsv.BENCHMARK, "dev.asynccom.bench.LoopBenchmark.burst")
                .set(LatencyCsv.TRANSPORT, "inproc")
                .set(LatencyCsv.STRATEGY, STRATEGIES.get(s))
                .set(LatencyCsv.WORKERS, workers)
                .set(LatencyCsv.BATCH, 16)
                .set(LatencyCsv.DELAY, "1ms")
                .set(LatencyCsv.TASKS, TASKS)
                .set(LatencyCsv.LOAD, "burst")
                .set(LatencyCsv.EFFECTIVE_CONCURRENCY, workers)
                .set(LatencyCsv.RUNS, 5)
                .set(LatencyCsv.THROUGHPUT, throughput)
                .set(LatencyCsv.THROUGHPUT_ERROR, throughput * 0.015)
                .set(LatencyCsv.MAKESPAN_MS, makespanMs)
                .set(LatencyCsv.MAKESPAN_MS_ERROR, makespanMs * 0.015)
                .set(LatencyCsv.IDEAL_MAKESPAN_MS, idealMs)
                .set(LatencyCsv.MAKESPAN_EFFICIENCY, idealMs / makespanMs)
                .set(LatencyCsv.THROUGHPUT_EFFICIENCY, throughput / (workers / 0.001))
                .set(LatencyCsv.OK, TASKS)
                .set(LatencyCsv.UNKNOWN, 0)
                .set(LatencyCsv.FAILED, 0)
                .set(LatencyCsv.REJECTED, 0)
                .set(LatencyCsv.MISSING, 0)
                .set(LatencyCsv.DUPLICATES, 0)
                .latency(LatencyCsv.Kind.E2E, corrected(s, workers))
                .latency(LatencyCsv.Kind.UNCORRECTED, uncorrected(s, workers))
                .build();
        return withLatencies.toBuilder()
                .set(LatencyCsv.E2E_P50_US_ERROR, withLatencies.number(LatencyCsv.E2E_P50_US).getAsDouble() * 0.03)
                .set(LatencyCsv.E2E_P99_US_ERROR, withLatencies.number(LatencyCsv.E2E_P99_US).getAsDouble() * 0.03)
                .build();
    }

    /** The baseline moved by amounts well inside every error bound and the 5% band. */
    public static List<LatencyRow> noisyRows() {
        List<LatencyRow> rows = new ArrayList<>();
        for (LatencyRow row : baselineRows()) {
            LatencyRow noisy = scaled(row, LatencyCsv.THROUGHPUT, 1.004);
            noisy = scaled(noisy, LatencyCsv.MAKESPAN_MS, 0.996);
            noisy = scaled(noisy, LatencyCsv.E2E_P50_US, 1.01);
            noisy = scaled(noisy, LatencyCsv.E2E_P99_US, 0.99);
            noisy = scaled(noisy, LatencyCsv.E2E_P999_US, 1.02);
            noisy = scaled(noisy, LatencyCsv.UNCORRECTED_P99_US, 0.98);
            rows.add(noisy);
        }
        return rows;
    }

    /** The noisy rows with one configuration's throughput multiplied by {@code factor}. */
    public static List<LatencyRow> noisyRowsWith(String config, String column, double factor) {
        return noisyRows().stream().map(r -> r.config().equals(config) ? scaled(r, column, factor) : r).toList();
    }

    public static LatencyRow scaled(LatencyRow row, String column, double factor) {
        return row.toBuilder().set(column, row.number(column).getAsDouble() * factor).build();
    }

    /**
     * Writes latency.csv, and with {@code histograms} the trials of each configuration (two forks, each with
     * half of its values, so that the report must merge them), the corrected and uncorrected .hgrm of
     * each, and environment.properties.
     */
    public static Path writeFolder(Path dir, List<LatencyRow> rows, boolean histograms) throws IOException {
        Files.createDirectories(dir);
        LatencyCsv.write(dir.resolve(LatencyCsv.FILE_NAME), rows);
        if (histograms) {
            for (int s = 0; s < STRATEGIES.size(); s++) {
                for (int workers : WORKERS) {
                    writeTrials(dir, s, workers);
                }
            }
            // As the harness does: the forks of each configuration merged into its two .hgrm files.
            Map<String, List<TrialRecord>> trials = TrialRecord.readAll(dir).stream()
                    .collect(Collectors.groupingBy(trial -> trial.config().id()));
            for (List<TrialRecord> ofConfig : trials.values()) {
                ResultRows.Loop loop = ResultRows.loop(ofConfig);
                ResultsFolder.writeHgrm(ResultsFolder.hgrmFile(dir, loop.row().config()), loop.corrected());
                ResultsFolder.writeHgrm(ResultsFolder.uncorrectedHgrmFile(dir, loop.row().config()), loop.uncorrected());
            }
            Files.writeString(dir.resolve(ResultsFolder.ENVIRONMENT_FILE),
                    "jdk=25+36\ncores=2\nos=Linux 6.8 amd64\ngit.revision=9f2ee3c\n");
        }
        return dir;
    }

    /** Two forks of a configuration, each with one run of half of its tasks, as JMH's forks leave them. */
    private static void writeTrials(Path dir, int s, int workers) throws IOException {
        LoopConfig config = new LoopConfig("inproc", STRATEGIES.get(s), workers, 16, "1ms", TASKS, "burst");
        for (int fork = 0; fork < 2; fork++) {
            Latencies latencies = Latencies.create();
            latencies.endToEnd().add(corrected(s, workers, 2));
            latencies.uncorrected().add(uncorrected(s, workers, 2));
            TrialRecord.Run run = new TrialRecord.Run(1_000 + fork, 2_000 + fork, 1_000_000_000L, TASKS / 2,
                    0, 0, 0, 0, 0, latencies);
            new TrialRecord("dev.asynccom.bench.LoopBenchmark.burst", config, workers, TASKS * 1_000_000L,
                    1_000_000, 1, List.of(run), "").write(dir);
        }
    }

    /** The data lines of a .hgrm as [value, percentile, total count] text, read independently of the report. */
    public static List<String[]> hgrmLines(Path hgrm) throws IOException {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(hgrm)) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && fields[0].matches("[0-9.]+")) {
                lines.add(new String[] {fields[0], fields[1], fields[2]});
            }
        }
        return lines;
    }
}
