package dev.asynccom.results;

import dev.asynccom.core.client.Latencies;
import dev.asynccom.loop.LoopConfig;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrialRecordTest {
    private static final LoopConfig CONFIG = new LoopConfig("zmq-tcp", "virtual", 0, 16, "constant:1ms", 100, "rate:500");

    @TempDir
    Path dir;

    /** A run whose every kind holds {@code count} values of {@code micros}. */
    private static TrialRecord.Run run(long makespanMillis, long micros, int count) {
        Latencies latencies = Latencies.create();
        for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
            Histogram h = TrialRecord.histogram(latencies, kind);
            h.recordValueWithCount(micros * 1000 * (kind.ordinal() + 1), count);
        }
        return new TrialRecord.Run(1_000, 2_000, makespanMillis * 1_000_000, count, 0, 0, 0, 0, 0, latencies);
    }

    @Test
    void recordsReadBackAsWritten() throws Exception {
        TrialRecord written = new TrialRecord("b.FullLoopBenchmark.run", CONFIG, 100, 100_000_000, 1_000_000, 2,
                List.of(run(200, 1500, 100), run(220, 1600, 100)), "-Xmx1g");
        written.write(dir);
        List<TrialRecord> read = TrialRecord.readAll(dir);
        assertEquals(1, read.size());
        TrialRecord record = read.getFirst();
        assertEquals(CONFIG, record.config());
        assertEquals(2, record.warmupRuns());
        assertEquals(List.of(200_000_000L, 220_000_000L), record.runs().stream().map(TrialRecord.Run::makespanNanos).toList());
        for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
            Histogram h = TrialRecord.histogram(record.runs().get(1).latencies(), kind);
            assertEquals(100, h.getTotalCount(), kind.name());
            assertEquals(1600L * 1000 * (kind.ordinal() + 1), h.getValueAtPercentile(50), 1600.0 * (kind.ordinal() + 1), kind.name());
        }
    }

    @Test
    void twoForksOfAConfigurationMergeIntoOneRow() throws Exception {
        new TrialRecord("b", CONFIG, 100, 100_000_000, 1_000_000, 1, List.of(run(200, 1000, 100)), "").write(dir);
        new TrialRecord("b", CONFIG, 100, 100_000_000, 1_000_000, 1, List.of(run(250, 3000, 100)), "").write(dir);
        List<TrialRecord> records = TrialRecord.readAll(dir);
        assertEquals(2, records.size());
        LatencyRow row = ResultRows.loop(records).row();
        assertEquals(2, row.number(LatencyCsv.RUNS).getAsDouble());
        assertEquals(200, row.number(LatencyCsv.E2E_COUNT).getAsDouble());
        assertEquals(200, row.number(LatencyCsv.OK).getAsDouble());
        assertEquals(225, row.number(LatencyCsv.MAKESPAN_MS).getAsDouble(), 1e-9);
        // Per-run p50s of 1 ms and 3 ms: half their spread is 1 ms.
        assertEquals(1000, row.number(LatencyCsv.E2E_P50_US_ERROR).getAsDouble(), 5);
        // 100 tasks at 500/s: the rate bounds the ideal to 200 ms.
        assertEquals(200, row.number(LatencyCsv.IDEAL_MAKESPAN_MS).getAsDouble(), 1e-9);
        assertEquals("zmq-tcp", row.text(LatencyCsv.TRANSPORT));
    }
}
