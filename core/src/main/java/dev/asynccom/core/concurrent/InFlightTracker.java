package dev.asynccom.core.concurrent;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts tasks accepted and not yet finished, and lets a shutdown wait for zero. The lock is taken
 * only when the count reaches zero while somebody waits, so the hot path is one atomic add.
 */
public final class InFlightTracker {
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final AtomicLong count = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition zero = lock.newCondition();
    private volatile boolean waiting;

    /** Counts {@code tasks} more in flight. */
    public void enter(int tasks) {
        count.addAndGet(tasks);
    }

    /** One task finished; wakes a waiting {@link #awaitZero} when it was the last. */
    public void exit() {
        if (count.decrementAndGet() == 0 && waiting) {
            lock.lock();
            try {
                zero.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Tasks in flight now. */
    public long count() {
        return count.get();
    }

    /** Waits until the count is zero; returns whether it got there within the timeout. */
    public boolean awaitZero(long timeoutNanos) throws InterruptedException {
        long left = timeoutNanos;
        lock.lock();
        try {
            waiting = true;
            while (count.get() > 0) {
                if (left <= 0) {
                    return false;
                }
                // Bounded waits: a signal racing the flag above is caught on the next round. The condition's
                // own estimate of the time left keeps this free of clock reads.
                long slice = Math.min(left, RECHECK_NANOS);
                left -= slice - zero.awaitNanos(slice);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
