package dev.asynccom.core.handler;

import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.workload.DelayMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SleepHandlerTest {
    private static final long DELAY = 20_000_000;
    private static final DelayMap MAP = DelayMap.builder(2)
            .put("1.1.1.1", "slow", 7, DELAY)
            .put("1.1.1.1", "instant", 3, 0)
            .build();

    private final SleepHandler handler = new SleepHandler(MAP);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void unknownCommandGivesUnknownCommand() throws Exception {
        TaskOutcome outcome = handler.handle(new Task(1, "1.1.1.1", "missing"));
        assertSame(TaskOutcome.UNKNOWN, outcome);
        assertEquals(Status.UNKNOWN_COMMAND, outcome.status());
    }

    @Test
    void sleepsAtLeastTheDelayThenAnswersTheResponse() throws Exception {
        long start = System.nanoTime();
        TaskOutcome outcome = handler.handle(new Task(2, "1.1.1.1", "slow"));
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= DELAY, "slept " + elapsed + " ns, less than the " + DELAY + " ns delay");
        assertEquals(TaskOutcome.ok(7, DELAY), outcome);
    }

    @Test
    void zeroDelayAnswersWithNothingPlanned() throws Exception {
        assertEquals(TaskOutcome.ok(3, 0), handler.handle(new Task(3, "1.1.1.1", "instant")));
    }

    @Test
    void interruptionFailsTheTask() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> handler.handle(new Task(4, "1.1.1.1", "slow")));
    }

    @Test
    void sleepsAtLeastTheDelayOnAForkJoinWorker() throws Exception {
        long[] elapsed = new long[1];
        TaskOutcome outcome = java.util.concurrent.ForkJoinPool.commonPool().submit(() -> {
            long start = System.nanoTime();
            TaskOutcome result = handler.handle(new Task(5, "1.1.1.1", "slow"));
            elapsed[0] = System.nanoTime() - start;
            return result;
        }).get();
        assertEquals(TaskOutcome.ok(7, DELAY), outcome);
        assertTrue(elapsed[0] >= DELAY, "slept " + elapsed[0] + " ns");
    }

    @Test
    void sleepsAtLeastTheDelayOnAVirtualThread() throws Exception {
        long[] elapsed = new long[1];
        TaskOutcome[] outcome = new TaskOutcome[1];
        Thread.ofVirtual().start(() -> {
            long start = System.nanoTime();
            try {
                outcome[0] = handler.handle(new Task(6, "1.1.1.1", "slow"));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            elapsed[0] = System.nanoTime() - start;
        }).join();
        assertEquals(TaskOutcome.ok(7, DELAY), outcome[0]);
        assertTrue(elapsed[0] >= DELAY, "slept " + elapsed[0] + " ns");
    }

    @Test
    void interruptionFailsTheTaskOnAVirtualThread() throws Exception {
        Throwable[] thrown = new Throwable[1];
        Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            try {
                handler.handle(new Task(7, "1.1.1.1", "slow"));
            } catch (Throwable t) {
                thrown[0] = t;
            }
        }).join();
        assertTrue(thrown[0] instanceof InterruptedException, "threw " + thrown[0]);
    }

    @Test
    void nameIsSleep() {
        assertEquals("sleep", handler.name());
    }
}
