package dev.asynccom.results;

import dev.asynccom.loop.LoopConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdealTest {
    private static final long MS = 1_000_000;

    private static LoopConfig config(String delay, int tasks, String load) {
        return new LoopConfig("inproc", "platform", 32, 16, delay, tasks, load);
    }

    @Test
    void burstOfSleepsIsBoundByConcurrency() {
        // 4000 tasks of 1 ms on 32 workers: 125 ms at best, 32,000 tasks/s.
        Ideal ideal = Ideal.of(config("constant:1ms", 4000, "burst"), 32, 4000 * MS, MS);
        assertEquals(125 * MS, ideal.makespanNanos(), 1);
        assertEquals(32_000, ideal.throughputPerSecond(), 1e-6);
        assertEquals(0.5, ideal.throughputEfficiency(16_000), 1e-9);
        assertEquals(0.5, ideal.makespanEfficiency(250 * MS), 1e-9);
    }

    @Test
    void theLongestTaskBoundsTheMakespanToo() {
        Ideal ideal = Ideal.of(config("bimodal:1ms:50ms:0.05", 100, "burst"), 1000, 100 * MS, 50 * MS);
        assertEquals(50 * MS, ideal.makespanNanos(), 1);
    }

    @Test
    void openLoopIsBoundByItsRate() {
        // 2000 tasks at 2000/s take a second to send; 32 workers on 5 ms could do 6400/s.
        Ideal ideal = Ideal.of(config("exponential:5ms", 2000, "rate:2000"), 32, 2000 * 5 * MS, 40 * MS);
        assertEquals(2000, ideal.throughputPerSecond(), 1e-6);
        assertEquals(1000 * MS, ideal.makespanNanos(), 1);
    }

    @Test
    void zeroDelayBurstHasNoYardstick() {
        Ideal ideal = Ideal.of(config("zero", 5000, "burst"), 2, 0, 0);
        assertTrue(Double.isNaN(ideal.throughputEfficiency(1e6)));
        assertTrue(Double.isNaN(ideal.makespanEfficiency(10 * MS)));
    }

    @Test
    void badLoadIsNamedInOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("zero", 10, "rate:fast").validate());
        assertEquals("bad load 'rate:fast': expected burst or rate:<tasks per second>, such as rate:2000", e.getMessage());
    }
}
