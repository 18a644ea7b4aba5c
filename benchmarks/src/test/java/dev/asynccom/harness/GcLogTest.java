package dev.asynccom.harness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a JVM's -Xlog:gc file says: collector, the run's pauses, the heap after the last, the live heap. */
class GcLogTest {
    @TempDir
    Path dir;

    @Test
    void countsTheRunsPausesApartFromTheExplicitCollectionThatGivesTheLiveHeap() {
        GcLog log = GcLog.parse(List.of(
                "[0.005s][info][gc] Using G1",
                "[1.448s][info][gc] GC(0) Pause Young (Concurrent Start) (G1 Humongous Allocation) 41M->31M(64M) 59.769ms",
                "[1.449s][info][gc] GC(1) Concurrent Mark Cycle",
                "[1.516s][info][gc] GC(1) Pause Remark 45M->45M(64M) 2.008ms",
                "[1.557s][info][gc] GC(1) Concurrent Mark Cycle 108.228ms",
                "[2.009s][info][gc] GC(3) Pause Young (Mixed) (G1 Evacuation Pause) 48M->33M(64M) 1.636ms",
                "[15.689s][info][gc] GC(4) Pause Full (Diagnostic Command) 20M->3M(14M) 34.469ms"));

        assertEquals("G1", log.collector());
        assertEquals(3, log.pauses());
        assertEquals(59.769 + 2.008 + 1.636, log.pauseMillis(), 1e-9);
        assertEquals(OptionalLong.of(33 * 1024), log.heapAfterLastKib());
        assertEquals(OptionalLong.of(3 * 1024), log.liveHeapKib());
    }

    @Test
    void countsThePausesThatEndedWithinAStretchOfWallClockTime() throws IOException {
        List<String> lines = List.of(
                "[2026-12-03T08:04:15.792+0000][gc] Using G1",
                "[2026-12-03T08:04:16.237+0000][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 15M->4M(64M) "
                        + "6.484ms",
                "[2026-12-03T09:04:17.337+0100][gc] GC(1) Pause Young (Concurrent Start) (G1 Humongous Allocation) "
                        + "37M->5M(64M) 5.922ms",
                "[2026-12-03T08:04:17.337+0000][gc] GC(2) Concurrent Undo Cycle 0.128ms",
                "[2026-12-03T08:04:19.000+0000][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 40M->4M(64M) "
                        + "3.000ms",
                "[1.448s][info][gc] GC(4) Pause Young (Normal) (G1 Evacuation Pause) 41M->31M(64M) 59.769ms");

        GcLog.Pauses pauses = GcLog.within(lines, Instant.parse("2026-12-03T08:04:16.000Z"),
                Instant.parse("2026-12-03T08:04:18.000Z"));

        assertEquals(2, pauses.count(), "GC(0) and GC(1), its offset read; not the cycle, GC(3) after, the undated");
        assertEquals(6.484 + 5.922, pauses.millis(), 1e-9);
        assertEquals(0, GcLog.within(dir.resolve("none.log"), Instant.EPOCH, Instant.now()).count());
    }

    @Test
    void readsSerialsLinesAndOtherUnits() {
        GcLog log = GcLog.parse(List.of(
                "[0.004s][info][gc] Using Serial",
                "[1.140s][info][gc] GC(0) Pause Young (Allocation Failure) 17M->7M(61M) 95.550ms",
                "[2.028s][info][gc] GC(1) Pause Full (Allocation Failure) 2G->900K(3G) 41.075ms",
                "[3.000s][info][gc] GC(2) Pause Full (System.gc()) 1M->512K(3G) 1ms"));

        assertEquals("Serial", log.collector());
        assertEquals(2, log.pauses());
        assertEquals(OptionalLong.of(900), log.heapAfterLastKib());
        assertEquals(OptionalLong.of(512), log.liveHeapKib());
    }

    @Test
    void aJvmThatNeverStartedLeftNoLog() throws Exception {
        GcLog log = GcLog.read(dir.resolve("never-written.log"));

        assertEquals(new GcLog("", 0, 0, OptionalLong.empty(), OptionalLong.empty()), log);
    }
}
