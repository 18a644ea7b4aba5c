package dev.asynccom.results;

import dev.asynccom.core.client.Latencies;
import dev.asynccom.loop.LoopConfig;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.ListStatistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Turns what a run left behind into {@code latency.csv} rows: a loop configuration's row from its trial
 * records (every fork of it merged), a baseline's row from JMH's own result.
 */
public final class ResultRows {
    /** The confidence JMH's errors are at. */
    static final double CONFIDENCE = 0.999;

    private ResultRows() {
    }

    /**
     * A loop configuration: its row and its merged end-to-end histograms (for the {@code .hgrm} files).
     *
     * @param row         the row
     * @param corrected   the merged end-to-end histogram, from intended send times, nanoseconds
     * @param uncorrected the merged end-to-end histogram, from actual send times, nanoseconds
     */
    public record Loop(LatencyRow row, Histogram corrected, Histogram uncorrected) {
    }

    /**
     * The row of one configuration from all of its trial records (one per fork).
     *
     * @throws IllegalArgumentException when the records are empty or of different configurations
     */
    public static Loop loop(List<TrialRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no trial records");
        }
        TrialRecord first = records.getFirst();
        LoopConfig config = first.config();
        List<TrialRecord.Run> runs = new ArrayList<>();
        for (TrialRecord record : records) {
            if (!record.config().equals(config)) {
                throw new IllegalArgumentException("trial records of " + config.id() + " and " + record.config().id()
                        + " cannot be merged");
            }
            runs.addAll(record.runs());
        }
        Latencies merged = TrialRecord.merged(records);
        ListStatistics throughput = new ListStatistics();
        ListStatistics makespanMillis = new ListStatistics();
        ListStatistics p50 = new ListStatistics();
        ListStatistics p99 = new ListStatistics();
        ListStatistics p999 = new ListStatistics();
        ListStatistics uncorrectedP99 = new ListStatistics();
        long ok = 0, unknown = 0, failed = 0, rejected = 0, missing = 0, duplicates = 0;
        for (TrialRecord.Run run : runs) {
            throughput.addValue(config.tasks() * 1e9 / run.makespanNanos());
            makespanMillis.addValue(run.makespanNanos() / 1e6);
            Histogram e2e = run.latencies().endToEnd();
            if (e2e.getTotalCount() > 0) {
                p50.addValue(e2e.getValueAtPercentile(50) / 1000.0);
                p99.addValue(e2e.getValueAtPercentile(99) / 1000.0);
                p999.addValue(e2e.getValueAtPercentile(99.9) / 1000.0);
            }
            Histogram uncorrected = run.latencies().uncorrected();
            if (uncorrected.getTotalCount() > 0) {
                uncorrectedP99.addValue(uncorrected.getValueAtPercentile(99) / 1000.0);
            }
            ok += run.ok();
            unknown += run.unknownCommand();
            failed += run.failed();
            rejected += run.rejected();
            missing += run.missing();
            duplicates += run.duplicates();
        }
        int concurrency = first.effectiveConcurrency();
        Ideal ideal = Ideal.of(config, concurrency, first.delayTotalNanos(), first.delayMaxNanos());
        double meanThroughput = mean(throughput);
        double meanMakespanMillis = mean(makespanMillis);
        LatencyRow.Builder row = LatencyRow.builder(config.id())
                .set(LatencyCsv.BENCHMARK, first.benchmark())
                .set(LatencyCsv.TRANSPORT, config.transport())
                .set(LatencyCsv.STRATEGY, config.strategy())
                .set(LatencyCsv.WORKERS, config.workers())
                .set(LatencyCsv.BATCH, config.batch())
                .set(LatencyCsv.DELAY, config.delay())
                .set(LatencyCsv.TASKS, config.tasks())
                .set(LatencyCsv.LOAD, config.load())
                .set(LatencyCsv.EFFECTIVE_CONCURRENCY, concurrency)
                .set(LatencyCsv.THROUGHPUT_UNIT, "tasks/s")
                .set(LatencyCsv.RUNS, runs.size())
                .set(LatencyCsv.THROUGHPUT, round(meanThroughput, 1))
                .set(LatencyCsv.THROUGHPUT_ERROR, round(error(throughput), 1))
                .set(LatencyCsv.MAKESPAN_MS, round(meanMakespanMillis, 3))
                .set(LatencyCsv.MAKESPAN_MS_ERROR, round(error(makespanMillis), 3))
                .set(LatencyCsv.IDEAL_MAKESPAN_MS, ideal.makespanNanos() > 0 ? round(ideal.makespanNanos() / 1e6, 3) : Double.NaN)
                .set(LatencyCsv.MAKESPAN_EFFICIENCY, round(ideal.makespanEfficiency(meanMakespanMillis * 1e6), 4))
                .set(LatencyCsv.THROUGHPUT_EFFICIENCY, round(ideal.throughputEfficiency(meanThroughput), 4))
                .set(LatencyCsv.OK, ok)
                .set(LatencyCsv.UNKNOWN, unknown)
                .set(LatencyCsv.FAILED, failed)
                .set(LatencyCsv.REJECTED, rejected)
                .set(LatencyCsv.MISSING, missing)
                .set(LatencyCsv.DUPLICATES, duplicates)
                .set(LatencyCsv.E2E_P50_US_ERROR, halfSpread(p50))
                .set(LatencyCsv.E2E_P99_US_ERROR, halfSpread(p99))
                .set(LatencyCsv.E2E_P999_US_ERROR, halfSpread(p999))
                .set(LatencyCsv.UNCORRECTED_P99_US_ERROR, halfSpread(uncorrectedP99));
        for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
            row.latency(kind, TrialRecord.histogram(merged, kind));
        }
        return new Loop(row.build(), merged.endToEnd(), merged.uncorrected());
    }

    /**
     * The row of a benchmark without trial records (a baseline): JMH's score as throughput, when it is
     * one (mode {@code thrpt}); null otherwise. Parameters named like the loop's fill their columns.
     */
    public static LatencyRow baseline(RunResult result) {
        BenchmarkParams params = result.getParams();
        if (params.getMode() != Mode.Throughput) {
            return null;
        }
        Result<?> primary = result.getPrimaryResult();
        double perSecond = perSecond(primary.getScoreUnit());
        if (Double.isNaN(perSecond)) {
            return null;
        }
        String benchmark = params.getBenchmark();
        LatencyRow.Builder row = LatencyRow.builder(baselineConfig(params))
                .set(LatencyCsv.BENCHMARK, benchmark)
                .set(LatencyCsv.RUNS, primary.getStatistics().getN())
                .set(LatencyCsv.THROUGHPUT, round(primary.getScore() * perSecond, 1))
                .set(LatencyCsv.THROUGHPUT_ERROR, round(primary.getScoreError() * perSecond, 1))
                .set(LatencyCsv.THROUGHPUT_UNIT, baselineOperation(benchmark).unit());
        for (String name : LoopConfig.PARAMS) {
            String value = params.getParam(name);
            if (value == null) {
                continue;
            }
            String column = switch (name) {
                case "transport" -> LatencyCsv.TRANSPORT;
                case "strategy" -> LatencyCsv.STRATEGY;
                case "workers" -> LatencyCsv.WORKERS;
                case "batch" -> LatencyCsv.BATCH;
                case "delay" -> LatencyCsv.DELAY;
                case "tasks" -> LatencyCsv.TASKS;
                default -> LatencyCsv.LOAD;
            };
            if (!LatencyCsv.isNumeric(column) || value.matches("\\d+")) {
                row.set(column, value);
            }
        }
        return row.build();
    }

    /**
     * What one JMH operation of a baseline benchmark counts.
     *
     * @param unit        its throughput's unit, for latency.csv's {@code throughput_unit}: {@code hand-offs/s}
     * @param description what one operation is, for people
     */
    public record BaselineOperation(String unit, String description) {
    }

    /** What one operation of a baseline counts: a queue hand-off, a jeromq message, else a JMH operation. */
    public static BaselineOperation baselineOperation(String benchmark) {
        if (benchmark.endsWith("RawQueueBenchmark.handOff")) {
            return new BaselineOperation("hand-offs/s",
                    "one item handed from a producer thread to a consumer through an ArrayBlockingQueue");
        }
        if (benchmark.endsWith("RawZmqBenchmark.pushPull")) {
            return new BaselineOperation("messages/s",
                    "one message of tasksPerMessage tasks, jeromq PUSH to PULL on tcp loopback");
        }
        if (benchmark.endsWith("RawPoolBenchmark.noOpTasks")) {
            return new BaselineOperation("tasks/s",
                    "one no-op task handed by one thread to the platform strategy's own pool and run there");
        }
        return new BaselineOperation("ops/s", "one operation of " + benchmark);
    }

    /** {@code baseline=RawQueueBenchmark.handOff capacity=1024}: the class and method, then the parameters. */
    static String baselineConfig(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        StringBuilder config = new StringBuilder("baseline=").append(benchmark.substring(type + 1));
        Set<String> names = new TreeSet<>(params.getParamsKeys());
        for (String name : names) {
            config.append(' ').append(name).append('=').append(params.getParam(name));
        }
        return config.toString();
    }

    /** Whether JMH's result is of a loop configuration (it has every loop parameter). */
    public static boolean isLoop(RunResult result) {
        return result.getParams().getParamsKeys().containsAll(LoopConfig.PARAMS);
    }

    /** Operations per second for one operation per {@code unit}'s time ({@code ops/ms} gives 1000), NaN if not a rate. */
    static double perSecond(String unit) {
        if (!unit.startsWith("ops/")) {
            return Double.NaN;
        }
        return switch (unit.substring(4)) {
            case "ns" -> TimeUnit.SECONDS.toNanos(1);
            case "us" -> TimeUnit.SECONDS.toMicros(1);
            case "ms" -> TimeUnit.SECONDS.toMillis(1);
            case "s" -> 1;
            case "min" -> 1.0 / 60;
            default -> Double.NaN;
        };
    }

    private static double mean(ListStatistics statistics) {
        return statistics.getN() > 0 ? statistics.getMean() : Double.NaN;
    }

    /** JMH's error: the half-width of the 99.9% confidence interval of the mean (Student's t); NaN for fewer than 3 values, as JMH. */
    private static double error(ListStatistics statistics) {
        return statistics.getN() > 2 ? statistics.getMeanErrorAt(CONFIDENCE) : Double.NaN;
    }

    private static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.NaN;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** Half the spread of a percentile across measurement iterations: its error bound in latency.csv. */
    private static double halfSpread(ListStatistics values) {
        return values.getN() > 1 ? round((values.getMax() - values.getMin()) / 2, 1) : Double.NaN;
    }

}
