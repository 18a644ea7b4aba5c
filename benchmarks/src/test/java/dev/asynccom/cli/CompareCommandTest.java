package dev.asynccom.cli;

import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.ResultsFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    private static final String REGRESSED = ResultsFixture.config("virtual", 4);

    @TempDir
    Path dir;

    @Test
    void plantedThroughputDropIsTheOnlyWorseVerdict() throws Exception {
        Path baseline = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path candidate = ResultsFixture.writeFolder(dir.resolve("cand"),
                ResultsFixture.noisyRowsWith(REGRESSED, LatencyCsv.THROUGHPUT, 0.6), false);

        CommandRun run = CommandRun.of(new CompareCommand(), baseline.toString(), candidate.toString());

        List<String[]> rows = tableRows(run.out());
        assertEquals(8 * 6, rows.size(), run.out());
        // 0.6 on top of the noise (+0.4%) everyone got.
        List<String[]> notNoise = rows.stream().filter(r -> !r[5].equals("~")).toList();
        assertEquals(1, notNoise.size(), run.out());
        assertEquals(List.of(REGRESSED, "throughput_tasks_per_s", "0.602", "worse"),
                List.of(notNoise.getFirst()[0], notNoise.getFirst()[1], notNoise.getFirst()[4], notNoise.getFirst()[5]));
        assertEquals(ExitCodes.NOT_ALL_OK, run.exitCode());
    }

    @Test
    void regressionBeyondThresholdExitsNotAllOk() throws Exception {
        Path baseline = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path candidate = ResultsFixture.writeFolder(dir.resolve("cand"),
                ResultsFixture.noisyRowsWith(REGRESSED, LatencyCsv.THROUGHPUT, 0.6), false);

        CommandRun run = CommandRun.of(new CompareCommand(), "--threshold", "10", baseline.toString(), candidate.toString());

        assertEquals(ExitCodes.NOT_ALL_OK, run.exitCode(), run.out());
        assertTrue(run.out().contains("Regression: 1 metric is significantly worse by more than 10%."), run.out());
    }

    @Test
    void regressionSmallerThanThresholdIsWithinNoise() throws Exception {
        Path baseline = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path candidate = ResultsFixture.writeFolder(dir.resolve("cand"),
                ResultsFixture.noisyRowsWith(REGRESSED, LatencyCsv.THROUGHPUT, 0.6), false);

        CommandRun run = CommandRun.of(new CompareCommand(), "--threshold", "50", baseline.toString(), candidate.toString());

        assertEquals(0, run.exitCode(), run.out());
        assertTrue(tableRows(run.out()).stream().allMatch(r -> r[5].equals("~")), run.out());
    }

    @Test
    void noiseWithinErrorBoundsStaysUnchangedAndExitsZero() throws Exception {
        Path baseline = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path candidate = ResultsFixture.writeFolder(dir.resolve("cand"), ResultsFixture.noisyRows(), false);

        CommandRun run = CommandRun.of(new CompareCommand(), "--threshold", "10", baseline.toString(), candidate.toString());

        assertEquals(0, run.exitCode(), run.out());
        List<String[]> rows = tableRows(run.out());
        assertEquals(48, rows.size());
        assertTrue(rows.stream().allMatch(r -> r[5].equals("~")), run.out());
        assertTrue(run.out().contains("0 worse, 0 better, 48 within noise"), run.out());
    }

    @Test
    void sameChangeIsNoiseOrNotDependingOnTheErrorBounds() throws Exception {
        // +4% on e2e p99 (error 3% a side, intervals overlap) and on uncorrected p99 (no error column: 5% band),
        // +8% on e2e p99.9 (no error column, beyond the 5% band).
        String config = ResultsFixture.config("seed", 2);
        List<LatencyRow> candidate = ResultsFixture.baselineRows().stream().map(r -> !r.config().equals(config) ? r
                : ResultsFixture.scaled(ResultsFixture.scaled(ResultsFixture.scaled(r,
                        LatencyCsv.E2E_P99_US, 1.04), LatencyCsv.UNCORRECTED_P99_US, 1.04), LatencyCsv.E2E_P999_US, 1.08))
                .toList();
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path cand = ResultsFixture.writeFolder(dir.resolve("cand"), candidate, false);

        CommandRun run = CommandRun.of(new CompareCommand(), base.toString(), cand.toString());

        assertEquals("~", verdict(run.out(), config, LatencyCsv.E2E_P99_US));
        assertEquals("~", verdict(run.out(), config, LatencyCsv.UNCORRECTED_P99_US));
        assertEquals("worse", verdict(run.out(), config, LatencyCsv.E2E_P999_US));
        assertEquals(ExitCodes.NOT_ALL_OK, run.exitCode());
    }

    @Test
    void fasterCandidateIsBetterAndExitsZero() throws Exception {
        String config = ResultsFixture.config("platform", 2);
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path cand = ResultsFixture.writeFolder(dir.resolve("cand"),
                ResultsFixture.noisyRowsWith(config, LatencyCsv.MAKESPAN_MS, 0.5), false);

        CommandRun run = CommandRun.of(new CompareCommand(), "--threshold", "10", base.toString(), cand.toString());

        assertEquals("better", verdict(run.out(), config, LatencyCsv.MAKESPAN_MS));
        assertEquals(0, run.exitCode());
    }

    @Test
    void configurationsOnOneSideOnlyAreListed() throws Exception {
        List<LatencyRow> rows = ResultsFixture.baselineRows();
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), rows.subList(0, 7), false);
        Path cand = ResultsFixture.writeFolder(dir.resolve("cand"), rows.subList(1, 8), false);

        CommandRun run = CommandRun.of(new CompareCommand(), base.toString(), cand.toString());

        assertTrue(run.out().contains("only in baseline: " + rows.get(0).config()), run.out());
        assertTrue(run.out().contains("only in candidate: " + rows.get(7).config()), run.out());
        assertEquals(6 * 6, tableRows(run.out()).size());
    }

    @Test
    void acceptsLatencyCsvFilesAsWellAsFolders() throws Exception {
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path cand = ResultsFixture.writeFolder(dir.resolve("cand"), ResultsFixture.noisyRows(), false);

        CommandRun run = CommandRun.of(new CompareCommand(),
                base.resolve("latency.csv").toString(), cand.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(48, tableRows(run.out()).size());
    }

    @Test
    void unreadableInputExitsTwoWithOneSentence() throws Exception {
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path missing = dir.resolve("no-such-run");

        CommandRun run = CommandRun.of(new CompareCommand(), base.toString(), missing.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneSentence(), run.err());
        assertTrue(run.err().contains(missing.toString()), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badValueInCandidateExitsTwoNamingLineAndColumn() throws Exception {
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path cand = ResultsFixture.writeFolder(dir.resolve("cand"), ResultsFixture.baselineRows(), false);
        Path csv = cand.resolve("latency.csv");
        Files.writeString(csv, Files.readString(csv).replace(",burst,", ",burst,n/a,"));

        CommandRun run = CommandRun.of(new CompareCommand(), base.toString(), cand.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneSentence(), run.err());
        assertTrue(run.err().contains(csv + " line 2"), run.err());
    }

    /** The table's data rows, split at runs of two or more spaces: config, metric, baseline, candidate, ratio, verdict. */
    private static List<String[]> tableRows(String out) {
        return out.lines().map(line -> line.split(" {2,}"))
                .filter(cells -> cells.length == 6 && !cells[0].equals("config"))
                .toList();
    }

    private static String verdict(String out, String config, String metric) {
        return tableRows(out).stream().filter(r -> r[0].equals(config) && r[1].equals(metric))
                .map(r -> r[5]).findFirst().orElseThrow(() -> new AssertionError(metric + " missing in\n" + out));
    }
}
