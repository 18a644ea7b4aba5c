package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.workload.DelayMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CpuHandlerTest {
    private static final DelayMap MAP = DelayMap.builder(2)
            .put("1.1.1.1", "work", 9, 1_000_000)
            .put("1.1.1.1", "forever", 1, 1_000_000_000_000L)
            .build();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void knownCommandAnswersItsResponseAndPlannedDelay() throws Exception {
        CpuHandler handler = new CpuHandler(MAP, 1.0);
        assertEquals(TaskOutcome.ok(9, 1_000_000), handler.handle(new Task(1, "1.1.1.1", "work")));
        assertEquals(1.0, handler.iterationsPerMicro());
        assertEquals("cpu", handler.name());
    }

    @Test
    void unknownCommandGivesUnknownCommand() throws Exception {
        assertSame(TaskOutcome.UNKNOWN, new CpuHandler(MAP, 1.0).handle(new Task(1, "2.2.2.2", "work")));
    }

    @Test
    void interruptionStopsTheWork() {
        // A million seconds of work at this rate: only the interrupt check can end it.
        CpuHandler handler = new CpuHandler(MAP, 1_000_000.0);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> handler.handle(new Task(2, "1.1.1.1", "forever")));
    }

    @Test
    void calibrationMeasuresAPositiveFiniteRate() {
        CpuHandler handler = new CpuHandler(MAP);
        assertTrue(handler.iterationsPerMicro() > 0 && Double.isFinite(handler.iterationsPerMicro()),
                "rate " + handler.iterationsPerMicro());
    }

    @Test
    void nonPositiveOrNonFiniteRateIsRefused() {
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> new CpuHandler(MAP, rate), "rate " + rate);
        }
    }

    @Test
    void mixDependsOnEveryIteration() {
        assertNotEquals(CpuHandler.mix(1_000, 1), CpuHandler.mix(1_001, 1));
        assertEquals(CpuHandler.mix(1_000, 1), CpuHandler.mix(1_000, 1));
    }
}
