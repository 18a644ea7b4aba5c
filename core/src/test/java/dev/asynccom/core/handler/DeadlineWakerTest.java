package dev.asynccom.core.handler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class DeadlineWakerTest {
    private final DeadlineWaker waker = new DeadlineWaker();

    @Test
    void everySleeperWakesOnlyAfterItsOwnDeadlineWhateverTheOrderTheyCameIn() throws Exception {
        int sleepers = 2_000;
        long[] late = new long[sleepers];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sleepers; i++) {
            int index = i;
            long delay = TimeUnit.MILLISECONDS.toNanos((sleepers - i) % 37 + 1); // later arrivals often wake first
            threads.add(Thread.ofVirtual().start(() -> {
                long deadline = System.nanoTime() + delay;
                try {
                    waker.sleepUntil(deadline);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                late[index] = System.nanoTime() - deadline;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int i = 0; i < sleepers; i++) {
            assertTrue(late[i] >= 0, "sleeper " + i + " woke " + -late[i] + " ns before its deadline");
        }
        assertEquals(0, waker.sleepers());
    }

    @Test
    void anInterruptEndsTheWaitAndLeavesNoSleeperBehind() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch asleep = new CountDownLatch(1);
        Thread sleeper = Thread.ofVirtual().start(() -> {
            asleep.countDown();
            try {
                waker.sleepUntil(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        asleep.await();
        while (waker.sleepers() == 0) {
            Thread.onSpinWait();
        }
        sleeper.interrupt();
        sleeper.join();
        assertTrue(thrown.get() instanceof InterruptedException, "threw " + thrown.get());
        assertEquals(0, waker.sleepers());
    }

    @Test
    void anInterruptedThreadDoesNotSleep() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            try {
                waker.sleepUntil(System.nanoTime() + TimeUnit.HOURS.toNanos(1));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }).join();
        assertTrue(thrown.get() instanceof InterruptedException, "threw " + thrown.get());
        assertEquals(0, waker.sleepers());
    }

    @Test
    void aDeadlineAlreadyPastReturnsAtOnce() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                waker.sleepUntil(System.nanoTime() - 1);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }).join();
        assertEquals(null, thrown.get());
    }
}
