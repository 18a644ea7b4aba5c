package dev.asynccom.core;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts tasks accepted and not yet finished, and lets a shutdown wait for zero. The lock is taken
 * only when the count reaches zero while somebody waits, so the hot path is one atomic add.
 */
final class InFlightTracker {
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final AtomicLong count = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();
    private volatile boolean waiting;

    void enter(int tasks) {
        count.addAndGet(tasks);
    }

    void exit() {
        if (count.decrementAndGet() == 0 && waiting) {
            lock.lock();
            try {
                zero.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    long count() {
        return count.get();
    }

    /** Waits until the count is zero; returns whether it got there within the timeout. */
    boolean awaitZero(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        try {
            waiting = true;
            while (count.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // Bounded waits: a signal racing the flag above is caught on the next round.
                zero.awaitNanos(Math.min(left, RECHECK_NANOS));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
