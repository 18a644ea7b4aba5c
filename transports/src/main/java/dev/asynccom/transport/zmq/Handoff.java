package dev.asynccom.transport.zmq;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue between a socket's loop thread and one other thread, without a lock. The
 * {@code ArrayBlockingQueue}s it replaces took one lock on both sides of every message, and on two cores the
 * contended unlock (waking the other side) was a third of the server's receive thread (a JFR profile of
 * zero-delay tasks over tcp). Here a consumer that finds nothing spins and yields a little, then parks and is
 * unparked only when it is parked; a producer that finds it full parks in short slices until there is room.
 *
 * <p>Threads: any thread may {@link #offer}; one thread at a time takes ({@link #poll}); the capacity is a bound
 * on memory, not exact (producers that pass the check at once may each add one).
 */
final class Handoff<T> {
    private static final int SPINS = 32;
    private static final int YIELDS = 4;
    /** A producer waiting for room checks again this often. */
    private static final long FULL_PARK_NANOS = 20_000;

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private volatile Thread parkedConsumer;

    Handoff(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Adds {@code item} if there is room; wakes the consumer if it is parked. Never blocks. */
    boolean offer(T item) {
        if (size.get() >= capacity) {
            return false;
        }
        size.incrementAndGet();
        queue.add(item);
        Thread parked = parkedConsumer;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        return true;
    }

    /** {@link #offer}, waiting up to {@code timeoutNanos} for room. */
    boolean offer(T item, long timeoutNanos) throws InterruptedException {
        if (offer(item)) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            LockSupport.parkNanos(this, Math.min(left, FULL_PARK_NANOS));
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (offer(item)) {
                return true;
            }
        }
    }

    /** The next item, or {@code null} when there is none. The consumer. */
    T poll() {
        T next = queue.poll();
        if (next != null) {
            size.decrementAndGet();
        }
        return next;
    }

    /** The next item, waiting up to {@code timeoutNanos}; {@code null} if none came. The consumer. */
    T poll(long timeoutNanos) throws InterruptedException {
        T next = poll();
        if (next != null || timeoutNanos <= 0) {
            return next;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        for (int i = 0; i < SPINS + YIELDS; i++) {
            if (i < SPINS) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            if ((next = poll()) != null) {
                return next;
            }
        }
        parkedConsumer = Thread.currentThread();
        try {
            while (true) {
                // Checked after announcing the park: an offer that came before it is seen here, one after it unparks.
                if ((next = poll()) != null) {
                    return next;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        } finally {
            parkedConsumer = null;
        }
    }

    /** Room left before {@link #offer} refuses. */
    int remainingCapacity() {
        return Math.max(0, capacity - size.get());
    }

    /** Whether nothing is queued. */
    boolean isEmpty() {
        return size.get() == 0;
    }
}
