package dev.asynccom.core.handler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Parks the calling virtual thread until a {@link System#nanoTime()} deadline, and wakes the sleepers from one
 * virtual thread of its own, in deadline order, as many as are due at each turn. {@link Thread#sleep} on a
 * virtual thread gives each sleeper a timer task of the scheduler's own, which on expiry is handed to the pool
 * and from there unparks its thread: two submissions and a heap operation per sleep. Here a sleeper costs a
 * place in one queue, and its wake-up is a single push onto the waker's carrier (a virtual thread unparking
 * another queues it locally), much as the JDK's I/O poller wakes virtual threads blocked on sockets. The
 * sleeping thread is the task's own, parked where it sleeps; only who wakes it changes.
 *
 * <p>Threads: any virtual thread calls {@link #sleepUntil}; the waker ({@code asynccom-deadline-waker}, a
 * virtual thread started by the first sleep) is the only one that takes sleepers out of the queue once due.
 */
public final class DeadlineWaker {
    /** Sleepers woken under one holding of the lock, so a sleeper arriving waits behind at most this many. */
    private static final int WAKE_BATCH = 256;
    /** By deadline, compared by difference so that it survives nanoTime's wrap-around; then in order of arrival. */
    private static final Comparator<Sleeper> EARLIEST_FIRST = (a, b) -> {
        long difference = a.deadline - b.deadline;
        return difference != 0 ? Long.signum(difference) : Long.compare(a.order, b.order);
    };
    /** After {@link #EARLIEST_FIRST}, which its queue needs. */
    private static final DeadlineWaker SHARED = new DeadlineWaker();

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final PriorityQueue<Sleeper> queue = new PriorityQueue<>(EARLIEST_FIRST);
    /** Guarded by {@link #lock}. */
    private long arrivals;
    /** Guarded by {@link #lock}; written once. */
    private Thread waker;

    /** A waker of its own (tests); handlers share {@link #shared()}. */
    public DeadlineWaker() {
    }

    /** The one every handler of this JVM shares: one waker thread wakes them all. */
    public static DeadlineWaker shared() {
        return SHARED;
    }

    private static final class Sleeper {
        final long deadline;
        final long order;
        final Thread thread;
        volatile boolean woken;

        Sleeper(long deadline, long order, Thread thread) {
            this.deadline = deadline;
            this.order = order;
            this.thread = thread;
        }
    }

    /**
     * Returns once {@code deadline} (by {@link System#nanoTime()}) has passed; parks the calling thread until then.
     * As {@link Thread#sleep}: an interrupt ends the wait with {@link InterruptedException}, the status cleared; one
     * that comes after the deadline passed is left set.
     */
    public void sleepUntil(long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Sleeper sleeper;
        boolean first;
        Thread toWake;
        lock.lock();
        try {
            sleeper = new Sleeper(deadline, arrivals++, Thread.currentThread());
            queue.add(sleeper);
            first = queue.peek() == sleeper;
            if (waker == null) {
                waker = Thread.ofVirtual().name("asynccom-deadline-waker").unstarted(this::wakeDue);
                waker.start();
            }
            toWake = waker;
        } finally {
            lock.unlock();
        }
        if (first) {
            LockSupport.unpark(toWake); // it may be parked until a later deadline
        }
        // Park first, test after: the test then runs only once a park returned. As a while loop its one test also
        // ran on the way in, 100,000 times "not woken" in a first wave of sleeps; C2, compiling this method
        // then, made the exit an uncommon trap, and every sleeper of the next wave deoptimized as it woke.
        do {
            LockSupport.park(this); // returns at once if the waker unparked this thread already
            if (Thread.interrupted()) {
                lock.lock();
                try {
                    if (!sleeper.woken) {
                        queue.remove(sleeper);
                        throw new InterruptedException();
                    }
                } finally {
                    lock.unlock();
                }
                Thread.currentThread().interrupt(); // the deadline passed first: keep it for the next wait
            }
        } while (!sleeper.woken);
    }

    /** Sleepers waiting now. Any thread. */
    public int sleepers() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The waker's loop: wake who is due, then park until the earliest deadline (or a new, earlier one). */
    private void wakeDue() {
        List<Thread> due = new ArrayList<>(WAKE_BATCH);
        while (true) {
            long waitNanos = Long.MAX_VALUE;
            lock.lock();
            try {
                long now = System.nanoTime();
                Sleeper head;
                while (due.size() < WAKE_BATCH && (head = queue.peek()) != null && head.deadline - now <= 0) {
                    queue.poll();
                    head.woken = true;
                    due.add(head.thread);
                }
                head = queue.peek();
                if (head != null) {
                    waitNanos = head.deadline - now;
                }
            } finally {
                lock.unlock();
            }
            if (!due.isEmpty()) {
                for (Thread thread : due) {
                    LockSupport.unpark(thread);
                }
                due.clear();
                Thread.yield(); // let this carrier run the threads it just queued before waking more
            } else if (waitNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, waitNanos);
            }
        }
    }
}
