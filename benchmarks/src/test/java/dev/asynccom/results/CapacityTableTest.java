package dev.asynccom.results;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decisions on planted capacities, and the columns of capacity.csv, curves.csv and decision.csv. */
class CapacityTableTest {
    @TempDir
    Path dir;

    private static CapacityRecord.Point point(int step, double offered, double p99, boolean meets) {
        return new CapacityRecord.Point(step, 1, offered, meets ? offered : offered * 0.9, p99 / 2, p99, p99 * 1.1,
                p99, (long) offered, true, meets);
    }

    /** A search that passed at {@code capacity} and failed at {@code failed}. */
    static CapacityRecord record(String transport, String strategy, int workers, String delay, double capacity,
                                 double failed) {
        // A failure at the capacity forgiven as a stall (p99 90 ms) before the repeat that passed (20 ms).
        List<CapacityRecord.Point> steps = List.of(point(1, failed, 80, false), point(2, capacity, 90, false),
                point(3, capacity, 20, true));
        return new CapacityRecord(transport, strategy, workers, 16, delay, "sleep", "p99 <= 50 ms", 99, 50, "FOUND",
                capacity, failed, steps, List.of(steps.get(2), steps.get(0)), Map.of("virtual.pinned", "0", "strategy.threads.peak", "32"),
                "25", "-Xmx512m", 12.5, workers == 0 ? Double.NaN : workers / 0.005, List.of());
    }

    @Test
    void aDecisionQuotesTheBestOfASecondSearchAndRanksByTheIntervalOfBoth() {
        // A stalled first search (4,150) and a second at the bound (6,225): tied with fork-join at 6,100.
        CapacityRecord platform = record("inproc", "platform", 32, "constant:5ms", 4150, 4200)
                .withRerun(CapacityRecord.Rerun.of(record("inproc", "platform", 32, "constant:5ms", 6225, 6300)));
        List<CapacityTable.Decision> decisions = CapacityTable.decisions(List.of(platform,
                record("inproc", "forkjoin", 32, "constant:5ms", 6100, 6200)));
        assertEquals("forkjoin-32 = platform-32", decisions.getFirst().recommended());
        assertEquals(6225, decisions.getFirst().capacity());
    }

    @Test
    void capacitiesWithinTheirIntervalsAreTiedAndApartAreRanked() {
        List<CapacityRecord> records = List.of(
                record("inproc", "platform", 32, "constant:5ms", 6200, 6300),
                record("inproc", "virtual", 32, "constant:5ms", 6100, 6200),
                record("inproc", "forkjoin", 32, "constant:5ms", 4600, 4700),
                record("inproc", "virtual", 0, "constant:5ms", 280_000, 285_000),
                // Another workload: two strategies 4% apart, within the noise allowance each side.
                record("zmq-tcp", "platform", 32, "constant:5ms", 6000, 6100),
                record("zmq-tcp", "forkjoin", 32, "constant:5ms", 6240, 6360));
        List<CapacityTable.Decision> decisions = CapacityTable.decisions(records);
        assertEquals(2, decisions.size());
        CapacityTable.Decision inproc = decisions.getFirst();
        assertEquals("virtual-0", inproc.recommended());
        assertEquals("virtual-0 > platform-32 = virtual-32 > forkjoin-32", inproc.ranking());
        assertEquals("platform-32 = virtual-32", inproc.runnerUp());
        assertEquals(280_000 / 6200.0, inproc.ratio(), 1e-9);
        CapacityTable.Decision tcp = decisions.get(1);
        assertEquals("forkjoin-32 = platform-32", tcp.recommended());
        assertNull(tcp.runnerUp());
        assertTrue(Double.isNaN(tcp.ratio()));
    }

    @Test
    void aStrategyThatNeverMetTheSloRanksLast() {
        CapacityRecord below = new CapacityRecord("inproc", "seed", 2, 16, "constant:5ms", "sleep", "p99 <= 50 ms",
                99, 50, "BELOW", 6, 6, List.of(point(1, 6, 90, false)), List.of(), Map.of(), "25", "", 3, 6400,
                List.of());
        List<CapacityTable.Decision> decisions = CapacityTable.decisions(List.of(below,
                record("inproc", "platform", 32, "constant:5ms", 6200, 6300)));
        assertEquals("platform-32 > seed-2", decisions.getFirst().ranking());
        assertTrue(CapacityTable.answer(below).endsWith("capacity below 6 tasks/s (SLO p99 <= 50 ms not met at the "
                + "lowest rate tried)"), CapacityTable.answer(below));
    }

    @Test
    void theFilesHoldOneRowPerConfigurationPointAndWorkload() throws Exception {
        List<CapacityRecord> records = List.of(record("inproc", "platform", 32, "constant:5ms", 6200, 6300),
                record("inproc", "virtual", 0, "constant:5ms", 280_000, 285_000).withRerun(CapacityRecord.Rerun.of(
                        record("inproc", "virtual", 0, "constant:5ms", 250_000, 255_000))));
        List<Path> files = CapacityTable.write(dir, records);
        assertEquals(List.of(dir.resolve("capacity.csv"), dir.resolve("curves.csv"), dir.resolve("decision.csv")), files);

        List<CsvFile.Line> capacity = CsvFile.read(dir.resolve("capacity.csv"));
        assertEquals(CapacityTable.CAPACITY_COLUMNS, capacity.getFirst().fields());
        assertEquals(3, capacity.size());
        Map<String, String> platform = row(capacity, 1);
        assertEquals("6200", platform.get("capacity_tasks_per_s"));
        assertEquals("6300", platform.get("failed_above_tasks_per_s"));
        assertEquals("5456", platform.get("interval_low_tasks_per_s")); // 6200 x 0.88
        assertEquals("7056", platform.get("interval_high_tasks_per_s")); // 6300 x 1.12
        assertEquals("20", platform.get("slo_percentile_at_capacity_ms"));
        assertEquals("32", platform.get("strategy_threads_peak"));
        assertEquals("", platform.get("virtual_scheduler_pool_peak"));
        assertEquals("", platform.get("rerun_capacity_tasks_per_s"));
        Map<String, String> virtual = row(capacity, 2);
        assertEquals("250000", virtual.get("rerun_capacity_tasks_per_s"));
        assertEquals("220000", virtual.get("interval_low_tasks_per_s")); // the rerun's 250,000 x 0.88
        assertEquals("319200", virtual.get("interval_high_tasks_per_s")); // the first's 285,000 x 1.12

        List<CsvFile.Line> curves = CsvFile.read(dir.resolve("curves.csv"));
        assertEquals(CapacityTable.CURVE_COLUMNS, curves.getFirst().fields());
        assertEquals(1 + 2 * 2, curves.size());
        Map<String, String> first = row(curves, 1);
        assertEquals("6200", first.get("offered_tasks_per_s"));
        assertEquals("true", first.get("meets_slo"));
        assertEquals("22", first.get("e2e_p999_ms"));

        List<CsvFile.Line> decision = CsvFile.read(dir.resolve("decision.csv"));
        assertEquals(CapacityTable.DECISION_COLUMNS, decision.getFirst().fields());
        Map<String, String> only = row(decision, 1);
        assertEquals("virtual-0", only.get("recommended"));
        assertEquals("platform-32", only.get("runner_up"));
        assertEquals("6200", only.get("runner_up_capacity_tasks_per_s"));
        assertEquals("45.161", only.get("ratio"));
    }

    @Test
    void aRecordReadsBackAsWrittenAndAnUnreadableOneIsOneSentence() throws Exception {
        CapacityRecord record = record("inproc", "platform", 32, "exponential:5ms", 6300, Double.NaN);
        Path file = dir.resolve("capacity").resolve(record.fileName());
        record.write(file);
        assertEquals(record, CapacityRecord.read(file));
        assertEquals(List.of(record), CapacityRecord.readAll(dir));

        Path broken = dir.resolve("capacity/broken.json");
        Files.writeString(broken, "{\"transport\": ");
        BadInputException e = assertThrows(BadInputException.class, () -> CapacityRecord.readAll(dir));
        assertTrue(e.getMessage().startsWith(broken + " is not a capacity record: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theAnswerPrintsTheDecisionTableFirst() {
        StringWriter text = new StringWriter();
        CapacityTable.print(List.of(record("inproc", "platform", 32, "constant:5ms", 6200, 6300)),
                new PrintWriter(text));
        String out = text.toString();
        assertTrue(out.startsWith("The answer: the strategy to choose, by capacity"), out);
        assertTrue(out.contains("inproc     constant:5ms  p99 <= 50 ms  platform-32"), out);
        assertTrue(out.contains("by capacity: platform-32"), out);
    }

    private static Map<String, String> row(List<CsvFile.Line> lines, int index) {
        List<String> header = lines.getFirst().fields();
        List<String> fields = lines.get(index).fields();
        Map<String, String> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), fields.get(i));
        }
        return row;
    }
}
