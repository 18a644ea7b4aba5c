package dev.asynccom.core.server;

import dev.asynccom.core.Result;
import dev.asynccom.core.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultOutboxTest {
    /** One result offered as its fields, with the id {@code id}. */
    private static void offer(ResultOutbox outbox, Object client, long id) {
        outbox.offer(client, id, Status.OK, 0, 0, 0, 0);
    }

    /** The task id of what was taken: from its fields, or from the Result it overflowed as. */
    private static long takenId(ResultOutbox outbox) {
        return outbox.payload() instanceof Result r ? r.taskId() : outbox.taskId();
    }

    @Test
    void entriesComeOutAsTheyWentIn() {
        ResultOutbox outbox = new ResultOutbox(4);
        assertTrue(outbox.isEmpty());
        assertFalse(outbox.take());
        String client = "a";
        outbox.offer(client, 1L, Status.FAILED, 7, 11, 13, 17);
        List<Result> whole = List.of(new Result(2, Status.OK, 3, 4, 5, 6));
        outbox.offer(null, whole);
        assertFalse(outbox.isEmpty());
        assertTrue(outbox.take());
        assertSame(client, outbox.client());
        assertNull(outbox.payload(), "one result as its fields");
        assertEquals(1L, outbox.taskId());
        assertEquals(Status.FAILED, outbox.status());
        assertEquals(7, outbox.response());
        assertEquals(11, outbox.queueWaitNanos());
        assertEquals(13, outbox.serviceNanos());
        assertEquals(17, outbox.plannedNanos());
        assertTrue(outbox.take());
        assertNull(outbox.client());
        assertSame(whole, outbox.payload());
        assertTrue(outbox.isEmpty());
        assertFalse(outbox.take());
    }

    @Test
    void aFullRingSpillsIntoTheOverflowAndLosesNothing() {
        ResultOutbox outbox = new ResultOutbox(2);
        for (long i = 0; i < 10; i++) {
            offer(outbox, "c", i);
        }
        long sum = 0;
        int taken = 0;
        while (outbox.take()) {
            sum += takenId(outbox);
            taken++;
        }
        assertEquals(10, taken);
        assertEquals(45, sum);
        assertTrue(outbox.isEmpty());
        // The ring is usable again after the spill.
        offer(outbox, "c", 7L);
        assertTrue(outbox.take());
        assertNull(outbox.payload());
        assertEquals(7L, outbox.taskId());
    }

    @Test
    @Timeout(30)
    void everyPairOfFourProducersIsTakenOnceWhileTheConsumerRuns() throws InterruptedException {
        int producers = 4;
        int each = 200_000;
        ResultOutbox outbox = new ResultOutbox(64); // small, so the ring wraps and spills often
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Integer client = p;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    offer(outbox, client, i);
                }
            }));
        }
        go.countDown();
        long[] counts = new long[producers];
        long[] sums = new long[producers];
        long taken = 0;
        while (taken < (long) producers * each) {
            if (outbox.take()) {
                int client = (Integer) outbox.client();
                counts[client]++;
                sums[client] += takenId(outbox);
                taken++;
            } else {
                Thread.onSpinWait();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        assertFalse(outbox.take(), "nothing more than was offered");
        assertTrue(outbox.isEmpty());
        for (int p = 0; p < producers; p++) {
            assertEquals(each, counts[p], "pairs of producer " + p);
            assertEquals((long) each * (each - 1) / 2, sums[p], "each pair of producer " + p + " once");
        }
    }

    @Test
    void aCapacityThatIsNotAPowerOfTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ResultOutbox(3));
    }
}
