package dev.asynccom.core.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultOutboxTest {
    @Test
    void pairsComeOutAsTheyWentIn() {
        ResultOutbox outbox = new ResultOutbox(4);
        assertTrue(outbox.isEmpty());
        assertFalse(outbox.take());
        String client = "a";
        outbox.offer(client, 1L);
        outbox.offer(null, 2L);
        assertFalse(outbox.isEmpty());
        assertTrue(outbox.take());
        assertSame(client, outbox.client());
        assertEquals(1L, outbox.payload());
        assertTrue(outbox.take());
        assertEquals(null, outbox.client());
        assertEquals(2L, outbox.payload());
        assertTrue(outbox.isEmpty());
        assertFalse(outbox.take());
    }

    @Test
    void aFullRingSpillsIntoTheOverflowAndLosesNothing() {
        ResultOutbox outbox = new ResultOutbox(2);
        for (long i = 0; i < 10; i++) {
            outbox.offer("c", i);
        }
        long sum = 0;
        int taken = 0;
        while (outbox.take()) {
            sum += (Long) outbox.payload();
            taken++;
        }
        assertEquals(10, taken);
        assertEquals(45, sum);
        assertTrue(outbox.isEmpty());
        // The ring is usable again after the spill.
        outbox.offer("c", 7L);
        assertTrue(outbox.take());
        assertEquals(7L, outbox.payload());
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
                    outbox.offer(client, (long) i);
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
                sums[client] += (Long) outbox.payload();
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
