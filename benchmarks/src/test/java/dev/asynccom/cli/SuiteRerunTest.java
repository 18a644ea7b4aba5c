package dev.asynccom.cli;

import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.CapacityTable;
import dev.asynccom.results.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job searches a capacity the machine bounds (virtual threads without a limit) a second time, after
 * its JMH runs, and the record it writes holds both searches: the interval the rankings and {@code compare}
 * judge by spans them.
 */
class SuiteRerunTest {
    @TempDir
    Path dir;

    @Test
    void aCapacityWithoutAConcurrencyBoundIsSearchedTwiceAndItsIntervalSpansBoth() throws Exception {
        Path out = dir.resolve("run");
        // One capacity search and nothing else: no JMH leg has constant:5ms, and -e leaves out the baselines.
        try (ChildProcess suite = ChildProcess.java("suite", "-p", "transport=inproc", "-p", "delay=constant:5ms",
                "-p", "strategy=virtual", "-p", "workers=0", "-e", "Raw", "--slo", "p99=200ms", "--capacity-step",
                "300ms", "--out", out.toString())) {
            assertEquals(0, suite.awaitExit(Duration.ofSeconds(240)), suite.transcript());
            assertTrue(suite.out().contains("a second search of each capacity the machine bounds"),
                    suite.transcript());
            assertTrue(suite.out().contains("== [again 1/1] capacity inproc virtual-0 constant:5ms"),
                    suite.transcript());
            assertTrue(suite.out().contains("   again: capacity "), suite.transcript());
        }
        List<CapacityRecord> records = CapacityRecord.readAll(out);
        assertEquals(1, records.size(), "the rerun is merged into the first search's record, not a record of its own");
        CapacityRecord record = records.getFirst();
        assertEquals(1, record.reruns().size());
        CapacityRecord.Rerun rerun = record.reruns().getFirst();
        assertFalse(rerun.steps().isEmpty());
        assertTrue(Double.isNaN(record.littlesLawRate()), "no concurrency bound: " + record.littlesLawRate());
        assertTrue(record.low() <= Math.min(record.capacity(), rerun.capacity()) * (1 - CapacityRecord.NOISE) + 1e-6,
                record.low() + " from " + record.capacity() + " and " + rerun.capacity());
        assertTrue(record.high() >= Math.max(record.capacity(), rerun.capacity()) * (1 + CapacityRecord.NOISE) - 1e-6,
                record.high() + " from " + record.capacity() + " and " + rerun.capacity());
        try (Stream<Path> files = Files.list(out.resolve(CapacityRecord.FOLDER))) {
            assertEquals(List.of("inproc_virtual-0_constant_5ms.json", "inproc_virtual-0_constant_5ms.log",
                    "inproc_virtual-0_constant_5ms.rerun.log"), files.map(f -> f.getFileName().toString()).sorted()
                    .toList());
        }
        List<CsvFile.Line> csv = CsvFile.read(out.resolve(CapacityTable.CAPACITY_FILE));
        assertEquals(BigDecimal.valueOf(rerun.capacity()).setScale(0, RoundingMode.HALF_EVEN).toPlainString(),
                csv.get(1).fields().get(csv.getFirst().fields().indexOf("rerun_capacity_tasks_per_s")));
        String environment = Files.readString(out.resolve("environment.properties"));
        assertTrue(environment.contains("capacity.rerun.01=java -jar benchmarks/target/benchmarks.jar capacity "
                + "--transport inproc --strategy virtual --workers 0"), environment);
        assertTrue(environment.contains("--start " + Math.round(record.capacity()) + " --precision 5"), environment);
        assertTrue(Files.readString(out.resolve("summary.txt")).contains(CapacityTable.again(record)));
    }
}
