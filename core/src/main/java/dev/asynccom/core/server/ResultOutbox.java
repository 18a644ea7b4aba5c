package dev.asynccom.core.server;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The results on their way from the worker threads to the {@link ResultSender}: pairs of a client token and
 * what goes to it (one {@code Result}, or a whole batch's list). A bounded array ring (D. Vyukov's bounded
 * queue, one sequence number per slot) carries them without allocating: the queue it replaces allocated a node
 * and a pair object per result, a fifth of what the server allocated per task. When the ring is full the pair
 * goes to an unbounded overflow queue, so an offer never fails and never blocks; order is not kept between the
 * two, which nothing needs (results are matched by task id).
 *
 * <p>Threads: any number of producers call {@link #offer}; one consumer (the sender thread) calls {@link #take}
 * and reads {@link #client()} and {@link #payload()} of what it took.
 */
final class ResultOutbox {
    static final int DEFAULT_CAPACITY = 1 << 16;

    private final int mask;
    private final Object[] clients;
    private final Object[] payloads;
    /** Per slot: the position a producer may fill it at, or that position + 1 once it is filled. */
    private final AtomicLongArray sequence;
    private final AtomicLong tail = new AtomicLong();
    private final ConcurrentLinkedQueue<Object[]> overflow = new ConcurrentLinkedQueue<>();
    /** The consumer's. */
    private long head;
    private Object takenClient;
    private Object takenPayload;

    ResultOutbox() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity a power of two */
    ResultOutbox(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 2, got " + capacity);
        }
        mask = capacity - 1;
        clients = new Object[capacity];
        payloads = new Object[capacity];
        sequence = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            sequence.set(i, i);
        }
    }

    /** Queues {@code payload} for {@code client} (which may be null). Any thread; never blocks. */
    void offer(Object client, Object payload) {
        long position;
        int slot;
        while (true) {
            position = tail.get();
            slot = (int) position & mask;
            long difference = sequence.get(slot) - position;
            if (difference == 0) {
                if (tail.compareAndSet(position, position + 1)) {
                    break;
                }
            } else if (difference < 0) {
                overflow.add(new Object[] {client, payload}); // full: the consumer is a whole ring behind
                return;
            }
            // Another producer took this position: try the next one.
        }
        clients[slot] = client;
        payloads[slot] = payload;
        sequence.set(slot, position + 1);
    }

    /** Takes the next pair, if there is one; then {@link #client()} and {@link #payload()} are its. Consumer only. */
    boolean take() {
        int slot = (int) head & mask;
        if (sequence.get(slot) == head + 1) {
            takenClient = clients[slot];
            takenPayload = payloads[slot];
            clients[slot] = null;
            payloads[slot] = null;
            sequence.set(slot, head + mask + 1);
            head++;
            return true;
        }
        Object[] spilled = overflow.poll();
        if (spilled == null) {
            return false;
        }
        takenClient = spilled[0];
        takenPayload = spilled[1];
        return true;
    }

    /** The client of the pair last taken. */
    Object client() {
        return takenClient;
    }

    /** The payload of the pair last taken. */
    Object payload() {
        return takenPayload;
    }

    /**
     * Whether nothing is queued. Consumer only; a pair a producer is still writing counts as queued once its
     * position is claimed.
     */
    boolean isEmpty() {
        return tail.get() == head && overflow.isEmpty();
    }
}
