package dev.asynccom.core.server;

import dev.asynccom.core.Result;
import dev.asynccom.core.Status;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The results on their way from the worker threads to the {@link ResultSender}: a client token and what goes
 * to it, one result as its fields or a whole batch's list. A bounded array ring (D. Vyukov's bounded queue, one
 * sequence number per slot, a column per field) carries them without allocating: the queue it replaces
 * allocated a node and a pair object per result, a fifth of what the server allocated per task, and a
 * {@code Result} per task was another quarter. When the ring is full an entry goes to an unbounded overflow
 * queue (a single result as a {@link Result} there), so an offer never fails and never blocks; order is not
 * kept between the two, which nothing needs (results are matched by task id). At the default 65,536 slots the
 * columns take 3.7 MB per server (56 B a slot; 1 MB when a slot held two references).
 *
 * <p>Threads: any number of producers call {@code offer}; one consumer (the sender thread) calls {@link #take}
 * and reads {@link #client()}, {@link #payload()} and, when the payload is null, the result's fields.
 */
final class ResultOutbox {
    static final int DEFAULT_CAPACITY = 1 << 16;

    private final int mask;
    private final Object[] clients;
    private final Object[] payloads;
    private final long[] taskIds;
    private final Status[] statuses;
    private final int[] responses;
    private final long[] queueWaits;
    private final long[] services;
    private final long[] planned;
    /** Per slot: the position a producer may fill it at, or that position + 1 once it is filled. */
    private final AtomicLongArray sequence;
    private final AtomicLong tail = new AtomicLong();
    private final ConcurrentLinkedQueue<Object[]> overflow = new ConcurrentLinkedQueue<>();
    /** The consumer's. */
    private long head;
    private Object takenClient;
    private Object takenPayload;
    private long takenTaskId;
    private Status takenStatus;
    private int takenResponse;
    private long takenQueueWait;
    private long takenService;
    private long takenPlanned;

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
        taskIds = new long[capacity];
        statuses = new Status[capacity];
        responses = new int[capacity];
        queueWaits = new long[capacity];
        services = new long[capacity];
        planned = new long[capacity];
        sequence = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            sequence.set(i, i);
        }
    }

    /** Queues a whole batch's {@code results} for {@code client} (which may be null). Any thread; never blocks. */
    void offer(Object client, List<Result> results) {
        int slot = claim();
        if (slot < 0) {
            overflow.add(new Object[] {client, results});
            return;
        }
        clients[slot] = client;
        payloads[slot] = results;
        publish(slot);
    }

    /** Queues one result, as its fields, for {@code client} (which may be null). Any thread; never blocks. */
    void offer(Object client, long taskId, Status status, int response, long queueWaitNanos, long serviceNanos,
               long plannedNanos) {
        int slot = claim();
        if (slot < 0) {
            overflow.add(new Object[] {client,
                    new Result(taskId, status, response, queueWaitNanos, serviceNanos, plannedNanos)});
            return;
        }
        clients[slot] = client;
        payloads[slot] = null;
        taskIds[slot] = taskId;
        statuses[slot] = status;
        responses[slot] = response;
        queueWaits[slot] = queueWaitNanos;
        services[slot] = serviceNanos;
        planned[slot] = plannedNanos;
        publish(slot);
    }

    /** The slot of the next position, claimed for this producer; -1 when the ring is full. */
    private int claim() {
        while (true) {
            long position = tail.get();
            int slot = (int) position & mask;
            long difference = sequence.get(slot) - position;
            if (difference == 0) {
                if (tail.compareAndSet(position, position + 1)) {
                    return slot;
                }
            } else if (difference < 0) {
                return -1; // full: the consumer is a whole ring behind
            }
            // Another producer took this position: try the next one.
        }
    }

    /** Makes the claimed slot's entry visible to the consumer (its sequence: the position it was claimed at + 1). */
    private void publish(int slot) {
        sequence.set(slot, sequence.get(slot) + 1);
    }

    /** Takes the next pair, if there is one; then {@link #client()} and {@link #payload()} are its. Consumer only. */
    boolean take() {
        int slot = (int) head & mask;
        if (sequence.get(slot) == head + 1) {
            takenClient = clients[slot];
            takenPayload = payloads[slot];
            takenTaskId = taskIds[slot];
            takenStatus = statuses[slot];
            takenResponse = responses[slot];
            takenQueueWait = queueWaits[slot];
            takenService = services[slot];
            takenPlanned = planned[slot];
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

    /**
     * What was last taken: a whole batch's {@code List<Result>}, a {@link Result} (one that overflowed), or null
     * for one result as its fields ({@link #taskId()} and the others).
     */
    Object payload() {
        return takenPayload;
    }

    long taskId() {
        return takenTaskId;
    }

    Status status() {
        return takenStatus;
    }

    int response() {
        return takenResponse;
    }

    long queueWaitNanos() {
        return takenQueueWait;
    }

    long serviceNanos() {
        return takenService;
    }

    long plannedNanos() {
        return takenPlanned;
    }

    /**
     * Whether nothing is queued. Consumer only; a pair a producer is still writing counts as queued once its
     * position is claimed.
     */
    boolean isEmpty() {
        return tail.get() == head && overflow.isEmpty();
    }
}
