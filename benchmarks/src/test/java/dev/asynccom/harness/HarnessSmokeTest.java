package dev.asynccom.harness;

import dev.asynccom.report.ReportPage;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.ResultsFixture;
import dev.asynccom.results.ResultsFolder;
import dev.asynccom.results.TrialRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness end to end, as a user runs it but tiny: one configuration per transport, in this JVM
 * ({@code -f 0}), one warm-up and two measured runs of 40 tasks each. Checks the files a run leaves, not
 * how fast anything was.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HarnessSmokeTest {
    private static final int TASKS = 40;
    private static final int MEASURED_RUNS = 2;

    @TempDir
    static Path temp;

    private static Path results;
    private static Harness.Outcome outcome;
    private static String output;

    @BeforeAll
    static void runTheHarness() throws Exception {
        results = temp.resolve("results");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        outcome = Harness.run(new String[]{"FullLoopBenchmark", "-f", "0", "-wi", "1", "-i", Integer.toString(MEASURED_RUNS),
                        "-p", "transport=inproc,zmq-tcp,zmq-ipc", "-p", "strategy=platform", "-p", "workers=4",
                        "-p", "batch=8", "-p", "delay=constant:1ms", "-p", "tasks=" + TASKS, "-p", "load=burst",
                        "--out", results.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        output = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jmhsOwnOutputGoesToItsLogAndTheConsoleShowsPlanProgressAndAnswer() throws Exception {
        String log = Files.readString(results.resolve(Harness.JMH_LOG));
        assertTrue(log.contains("# Benchmark: dev.asynccom.bench.FullLoopBenchmark.run"), log);
        assertTrue(log.contains("# Warmup Iteration"), log);
        assertFalse(output.contains("# Warmup Iteration"), "JMH's iterations on the console:\n" + output);
        assertTrue(output.contains("JMH's own output to " + results.resolve(Harness.JMH_LOG)), output);
        assertTrue(output.lines().anyMatch(l -> l.matches(" +3 of 3 configurations measured in .*")), output);
        assertTrue(output.contains("by throughput: "), output);
        assertTrue(output.contains("Wrote " + results.resolve(Harness.JMH_LOG)), output);
    }

    @Test
    void finishesWithExitCodeZero() {
        assertEquals(Harness.Outcome.COMPLETE, outcome, output);
    }

    @Test
    void latencyCsvHasTheColumnsAndOneRowPerTransport() throws Exception {
        Path csv = results.resolve(LatencyCsv.FILE_NAME);
        String header = Files.readAllLines(csv, StandardCharsets.UTF_8).getFirst();
        assertEquals(LatencyCsv.COLUMNS, List.of(header.split(",")));
        List<LatencyRow> rows = LatencyCsv.read(csv);
        assertEquals(Set.of("inproc", "zmq-tcp", "zmq-ipc"),
                rows.stream().map(r -> r.text(LatencyCsv.TRANSPORT)).collect(Collectors.toSet()), output);
        assertEquals(3, rows.size());
    }

    @Test
    void everyHistogramHoldsEveryMeasuredTaskAndNoWarmUpOne() throws Exception {
        for (LatencyRow row : LatencyCsv.read(results.resolve(LatencyCsv.FILE_NAME))) {
            assertEquals(MEASURED_RUNS, row.number(LatencyCsv.RUNS).getAsDouble(), row.config());
            assertEquals(TASKS * MEASURED_RUNS, row.number(LatencyCsv.OK).getAsDouble(), row.config());
            assertEquals(0, row.number(LatencyCsv.MISSING).getAsDouble(), row.config());
            for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
                String count = LatencyCsv.latency(kind, LatencyCsv.Stat.COUNT);
                assertEquals(TASKS * MEASURED_RUNS, row.number(count).getAsDouble(), row.config() + " " + count);
                assertTrue(row.has(LatencyCsv.latency(kind, LatencyCsv.Stat.P99)), row.config() + " " + kind);
            }
            assertTrue(row.number(LatencyCsv.THROUGHPUT).getAsDouble() > 0, row.config());
            assertTrue(row.has(LatencyCsv.THROUGHPUT_EFFICIENCY), row.config());
            assertTrue(row.has(LatencyCsv.MAKESPAN_EFFICIENCY), row.config());
        }
    }

    @Test
    void eachConfigurationHasBothPercentileFiles() throws Exception {
        for (LatencyRow row : LatencyCsv.read(results.resolve(LatencyCsv.FILE_NAME))) {
            List<String[]> corrected = ResultsFixture.hgrmLines(ResultsFolder.hgrmFile(results, row.config()));
            List<String[]> uncorrected = ResultsFixture.hgrmLines(ResultsFolder.uncorrectedHgrmFile(results, row.config()));
            assertEquals(TASKS * MEASURED_RUNS, Long.parseLong(corrected.getLast()[2]), row.config());
            assertEquals(TASKS * MEASURED_RUNS, Long.parseLong(uncorrected.getLast()[2]), row.config());
        }
    }

    @Test
    void theReportReadsEveryMeasuredTaskFromTheTrialLogs() throws Exception {
        ResultsFolder folder = ResultsFolder.load(results);
        for (LatencyRow row : folder.rows()) {
            assertEquals(TASKS * MEASURED_RUNS, folder.corrected().get(row.config()).totalCount(), row.config());
            assertEquals(TASKS * MEASURED_RUNS, folder.uncorrected().get(row.config()).totalCount(), row.config());
        }
    }

    @Test
    void environmentNamesJdkMachineAndRevision() throws Exception {
        Properties environment = new Properties();
        try (Reader in = Files.newBufferedReader(results.resolve(ResultsFolder.ENVIRONMENT_FILE))) {
            environment.load(in);
        }
        for (String key : List.of("java.version", "java.vendor", "java.vm.name", "cores", "os.name", "os.version",
                "os.arch", "jvm.args", "fork.jvm.args", "git.revision", "date", "max.heap.bytes", "jmh.version",
                "jmh.run.01", "load.average.start", "wall.seconds")) {
            assertTrue(environment.containsKey(key), "environment.properties lacks " + key);
        }
        assertEquals(Integer.toString(Runtime.getRuntime().availableProcessors()), environment.getProperty("cores"));
    }

    @Test
    void jmhCsvSummaryAndReportAreWritten() throws Exception {
        List<String> jmh = Files.readAllLines(results.resolve(ResultsFolder.JMH_FILE));
        assertEquals(3, jmh.stream().filter(line -> line.contains("FullLoopBenchmark.run")).count(), String.join("\n", jmh));
        assertTrue(Files.readString(results.resolve(Harness.SUMMARY_FILE)).contains("transport=zmq-ipc"));
        assertTrue(Files.size(results.resolve(ReportPage.DEFAULT_FILE_NAME)) > 0);
    }

    @Test
    void trialRecordsReadBackAsTheConfigurationsRun() throws Exception {
        List<TrialRecord> records = TrialRecord.readAll(results);
        assertEquals(3, records.size());
        for (TrialRecord record : records) {
            assertEquals(MEASURED_RUNS, record.runs().size());
            assertEquals(1, record.warmupRuns());
            assertEquals(4, record.effectiveConcurrency());
        }
    }
}
