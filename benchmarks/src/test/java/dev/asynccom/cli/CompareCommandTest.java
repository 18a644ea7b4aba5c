package dev.asynccom.cli;

import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.ResultsFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        List<String[]> notNoise = rows.stream().filter(r -> !r[5].equals("~") && !r[5].equals("not judged")).toList();
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
    void eachRunSaysWhenItWasRecordedAndARegressionAcrossBuildsAndDaysPointsToASideBySideRun() throws Exception {
        Path baseline = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path candidate = ResultsFixture.writeFolder(dir.resolve("cand"),
                ResultsFixture.noisyRowsWith(REGRESSED, LatencyCsv.THROUGHPUT, 0.6), false);
        environment(baseline, "2026-12-02T01:02:37Z", "9cbf644", "load.average.start=2.39", "load.average.end=3.73");
        environment(candidate, "2026-12-03T15:43:03Z", "5bcd758", "load.average.start=2.46");

        CommandRun run = CommandRun.of(new CompareCommand(), baseline.toString(), candidate.toString());

        assertEquals(ExitCodes.NOT_ALL_OK, run.exitCode(), run.out());
        assertTrue(run.out().contains("configurations), recorded 2026-12-02T01:02:37Z at 9cbf644, load average 2.39 to "
                + "3.73\n"), run.out());
        assertTrue(run.out().contains("recorded 2026-12-03T15:43:03Z at 5bcd758, load average 2.46 to ?\n"), run.out());
        String drift = "run both builds' suites one after the other and compare those two runs";
        assertTrue(run.out().contains(drift), run.out());

        // One build twice (a rerun of the same revision): the drift sentence has nothing to add.
        environment(candidate, "2026-12-03T15:43:03Z", "9cbf644");
        CommandRun same = CommandRun.of(new CompareCommand(), baseline.toString(), candidate.toString());
        assertEquals(ExitCodes.NOT_ALL_OK, same.exitCode(), same.out());
        assertTrue(!same.out().contains(drift) && same.out().contains("recorded 2026-12-03T15:43:03Z at 9cbf644\n"),
                same.out());

        // Two builds run one after the other (within the hours a suite can take): what the README asks for.
        environment(baseline, "2026-12-03T15:00:00Z", "9cbf644");
        environment(candidate, "2026-12-03T15:43:03Z", "5bcd758");
        CommandRun sideBySide = CommandRun.of(new CompareCommand(), baseline.toString(), candidate.toString());
        assertEquals(ExitCodes.NOT_ALL_OK, sideBySide.exitCode(), sideBySide.out());
        assertTrue(!sideBySide.out().contains(drift), sideBySide.out());
    }

    /** Writes {@code folder}'s environment.properties: its date, revision and any more {@code key=value} lines. */
    private static void environment(Path folder, String date, String revision, String... more) throws Exception {
        StringBuilder file = new StringBuilder("date=" + date.replace(":", "\\:") + "\ngit.revision=" + revision + "\n");
        for (String line : more) {
            file.append(line).append('\n');
        }
        Files.writeString(folder.resolve("environment.properties"), file);
    }

    @Test
    void regressionSmallerThanThresholdIsWithinNoise() throws Exception {
        Path baseline = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path candidate = ResultsFixture.writeFolder(dir.resolve("cand"),
                ResultsFixture.noisyRowsWith(REGRESSED, LatencyCsv.THROUGHPUT, 0.6), false);

        CommandRun run = CommandRun.of(new CompareCommand(), "--threshold", "50", baseline.toString(), candidate.toString());

        assertEquals(0, run.exitCode(), run.out());
        assertTrue(tableRows(run.out()).stream().allMatch(r -> r[5].equals("~") || r[5].equals("not judged")), run.out());
    }

    @Test
    void noiseWithinErrorBoundsStaysUnchangedAndExitsZero() throws Exception {
        Path baseline = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path candidate = ResultsFixture.writeFolder(dir.resolve("cand"), ResultsFixture.noisyRows(), false);

        CommandRun run = CommandRun.of(new CompareCommand(), "--threshold", "10", baseline.toString(), candidate.toString());

        assertEquals(0, run.exitCode(), run.out());
        List<String[]> rows = tableRows(run.out());
        assertEquals(48, rows.size());
        assertTrue(rows.stream().allMatch(r -> r[5].equals("~") || r[5].equals("not judged")), run.out());
        assertTrue(run.out().contains("0 worse, 0 better, 16 within noise, 0 without data, 32 not judged"), run.out());
    }

    @Test
    void sameChangeIsNoiseOrNotDependingOnTheErrorBounds() throws Exception {
        // +4% on e2e p99 (error 3% a side, intervals overlap) and on uncorrected p99 (no error column: 5% band),
        // +8% on e2e p99.9 (no error column, beyond the 5% band).
        String config = openLoop(ResultsFixture.config("seed", 2));
        List<LatencyRow> candidate = openLoop(ResultsFixture.baselineRows()).stream().map(r -> !r.config().equals(config) ? r
                : ResultsFixture.scaled(ResultsFixture.scaled(ResultsFixture.scaled(r,
                        LatencyCsv.E2E_P99_US, 1.04), LatencyCsv.UNCORRECTED_P99_US, 1.04), LatencyCsv.E2E_P999_US, 1.08))
                .toList();
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), openLoop(ResultsFixture.baselineRows()), false);
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

    @Test
    void aBurstsLatencyIsShownNotJudgedWhereAnOpenLoopsIs() throws Exception {
        // The backlog of a burst moved from the client to the server: p99 from the actual send tripled, makespan kept.
        String config = ResultsFixture.config("platform", 2);
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path cand = ResultsFixture.writeFolder(dir.resolve("cand"), tripledP99(ResultsFixture.baselineRows(), config), false);

        CommandRun burst = CommandRun.of(new CompareCommand(), "--threshold", "10", base.toString(), cand.toString());

        assertEquals(ExitCodes.OK, burst.exitCode(), burst.out());
        assertEquals("not judged", verdict(burst.out(), config, LatencyCsv.E2E_P99_US));
        assertEquals("3.000", tableRows(burst.out()).stream()
                .filter(r -> r[0].equals(config) && r[1].equals(LatencyCsv.E2E_P99_US)).findFirst().orElseThrow()[4]);
        assertEquals("~", verdict(burst.out(), config, LatencyCsv.MAKESPAN_MS));
        assertTrue(burst.out().contains("Not judged: the latency percentiles of bursts."), burst.out());

        Path openBase = ResultsFixture.writeFolder(dir.resolve("open-base"), openLoop(ResultsFixture.baselineRows()), false);
        Path openCand = ResultsFixture.writeFolder(dir.resolve("open-cand"),
                tripledP99(openLoop(ResultsFixture.baselineRows()), openLoop(config)), false);

        CommandRun open = CommandRun.of(new CompareCommand(), "--threshold", "10", openBase.toString(), openCand.toString());

        assertEquals(ExitCodes.NOT_ALL_OK, open.exitCode(), open.out());
        assertEquals("worse", verdict(open.out(), openLoop(config), LatencyCsv.E2E_P99_US));
        assertTrue(!open.out().contains("Not judged"), open.out());
    }

    @Test
    void capacitiesAtTheSloAreJudgedByTheirIntervals() throws Exception {
        Path base = ResultsFixture.writeFolder(dir.resolve("base"), ResultsFixture.baselineRows(), false);
        Path cand = ResultsFixture.writeFolder(dir.resolve("cand"), ResultsFixture.noisyRows(), false);
        writeCapacity(base, "platform", 6100, 6200);
        writeCapacity(cand, "platform", 3000, 3100);
        writeCapacity(base, "forkjoin", 6100, 6200);
        writeCapacity(cand, "forkjoin", 5800, 5900);
        writeCapacity(base, "virtual", 6100, 6200);

        CommandRun run = CommandRun.of(new CompareCommand(), "--threshold", "10", base.toString(), cand.toString());

        assertEquals(ExitCodes.NOT_ALL_OK, run.exitCode(), run.out());
        List<String[]> capacities = tableRows(run.out()).stream()
                .filter(r -> r[1].equals(CompareCommand.CAPACITY_METRIC)).toList();
        assertEquals(2, capacities.size(), run.out());
        String platform = capacityId("platform");
        String[] row = capacities.stream().filter(r -> r[0].equals(platform)).findFirst().orElseThrow();
        assertEquals(List.of("6100 (5368-6944)", "3000 (2640-3472)", "0.492", "worse"), List.of(row[2], row[3], row[4], row[5]));
        assertEquals("~", capacities.stream().filter(r -> r[0].equals(capacityId("forkjoin"))).findFirst().orElseThrow()[5]);
        assertTrue(run.out().contains("only in baseline: " + capacityId("virtual")), run.out());
        assertTrue(run.out().contains("Regression: 1 metric is significantly worse by more than 10%."), run.out());
    }

    private static String capacityId(String strategy) {
        return "transport=inproc strategy=" + strategy + " workers=32 batch=16 delay=constant:5ms slo=p99<=50ms";
    }

    private static void writeCapacity(Path folder, String strategy, double capacity, double failed) throws Exception {
        CapacityRecord.Point passed = new CapacityRecord.Point(1, 1, capacity, capacity, 10, 20, 22, 20, 1000, true, true);
        CapacityRecord record = new CapacityRecord("inproc", strategy, 32, 16, "constant:5ms", "sleep", "p99 <= 50 ms",
                99, 50, "FOUND", capacity, failed, List.of(passed), List.of(passed), Map.of(), "25", "", 10,
                6400, List.of());
        record.write(folder.resolve(CapacityRecord.FOLDER).resolve(record.fileName()));
    }

    private static List<LatencyRow> tripledP99(List<LatencyRow> rows, String config) {
        return rows.stream().map(r -> !r.config().equals(config) ? r : ResultsFixture.scaled(r, LatencyCsv.E2E_P99_US, 3))
                .toList();
    }

    /** The fixture's configuration as an open loop at 1,000 tasks/s rather than a burst. */
    private static String openLoop(String config) {
        return config.replace("load=burst", "load=rate:1000");
    }

    private static List<LatencyRow> openLoop(List<LatencyRow> rows) {
        return rows.stream().map(r -> r.toBuilder().set(LatencyCsv.CONFIG, openLoop(r.config()))
                .set(LatencyCsv.LOAD, "rate:1000").build()).toList();
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
