package dev.asynccom.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CapacityRecordTest {
    @TempDir
    Path dir;

    @Test
    void aRecordWrittenBeforeRerunsReadsAsOneSearchWithAnUnknownBound() throws Exception {
        CapacityRecord now = CapacityTableTest.record("inproc", "platform", 32, "constant:5ms", 4000, 4100);
        ObjectNode json = (ObjectNode) now.toJsonTree();
        json.remove(List.of("littlesLawRate", "reruns"));
        Path file = dir.resolve("old.json");
        Files.writeString(file, new ObjectMapper().writeValueAsString(json));

        CapacityRecord old = CapacityRecord.read(file);
        assertEquals(List.of(), old.reruns());
        assertEquals(0, old.littlesLawRate());
        // Short of 32 / 5 ms, but nobody recorded that bound then: no grounds for a second search.
        assertFalse(old.boundByTheMachine());
        assertTrue(now.boundByTheMachine());
        assertEquals(4000 * 0.88, old.low(), 1e-9);
        assertEquals(4100 * 1.12, old.high(), 1e-9);
        assertEquals(4000, old.bestCapacity());
    }

    @Test
    void aRecordWithItsRerunReadsBackAsWritten() throws Exception {
        CapacityRecord first = CapacityTableTest.record("inproc", "virtual", 0, "constant:5ms", 300_000, 306_000)
                .withRerun(CapacityRecord.Rerun.of(CapacityTableTest.record("inproc", "virtual", 0, "constant:5ms",
                        350_000, 357_000)));
        Path file = dir.resolve("new.json");
        first.write(file);
        CapacityRecord read = CapacityRecord.read(file);
        assertEquals(first.reruns(), read.reruns());
        assertTrue(Double.isNaN(read.littlesLawRate()), "no bound for virtual threads without a limit");
        assertEquals(350_000, read.bestCapacity());
        assertEquals("350000", CapacityTable.again(read));
    }

    @Test
    void aRerunThatFoundNoCapacityIsShownAsBelowItsLowestRate() {
        CapacityRecord below = new CapacityRecord("inproc", "virtual", 0, 16, "constant:5ms", "sleep", "p99 <= 50 ms",
                99, 50, "BELOW", 300, 300, List.of(), List.of(), java.util.Map.of(), "25", "", 3, Double.NaN,
                List.of());
        CapacityRecord record = CapacityTableTest.record("inproc", "virtual", 0, "constant:5ms", 300_000, 306_000)
                .withRerun(CapacityRecord.Rerun.of(below));
        assertEquals("below 300", CapacityTable.again(record));
        assertEquals(300_000, record.bestCapacity());
        assertEquals(0, record.low());
    }
}
