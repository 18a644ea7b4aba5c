package dev.asynccom.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Results kept as columns of primitives, one row per result, in a buffer that is cleared and filled again:
 * how the server's result sender merges the results bound for one client without a {@link Result} object each
 * (a {@code Result} per task was the largest single part of what the server allocated per task). The fields
 * mean what {@link Result}'s do.
 *
 * <p>Threads: not thread-safe; one thread owns a buffer. A transport handed one ({@link
 * ServerTransport#send(Object, ResultColumns, long)}) reads it during the call only.
 */
public final class ResultColumns {
    private static final Status[] STATUSES = Status.values();

    private long[] taskIds;
    private byte[] statuses;
    private int[] responses;
    private long[] queueWaits;
    private long[] services;
    private long[] planned;
    private int size;

    /** An empty buffer with room for {@code capacity} results before it grows. */
    public ResultColumns(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        taskIds = new long[capacity];
        statuses = new byte[capacity];
        responses = new int[capacity];
        queueWaits = new long[capacity];
        services = new long[capacity];
        planned = new long[capacity];
    }

    /** Adds one result as its fields. */
    public void add(long taskId, Status status, int response, long queueWaitNanos, long serviceNanos,
                    long plannedNanos) {
        Objects.requireNonNull(status, "status");
        if (size == taskIds.length) {
            grow();
        }
        taskIds[size] = taskId;
        statuses[size] = (byte) status.ordinal();
        responses[size] = response;
        queueWaits[size] = queueWaitNanos;
        services[size] = serviceNanos;
        planned[size] = plannedNanos;
        size++;
    }

    /** Adds {@code result}'s fields. */
    public void add(Result result) {
        add(result.taskId(), result.status(), result.response(), result.queueWaitNanos(), result.serviceNanos(),
                result.plannedNanos());
    }

    /** Adds every result {@code other} holds, in order. */
    public void addAll(ResultColumns other) {
        int n = other.size;
        while (taskIds.length < size + n) {
            grow();
        }
        System.arraycopy(other.taskIds, 0, taskIds, size, n);
        System.arraycopy(other.statuses, 0, statuses, size, n);
        System.arraycopy(other.responses, 0, responses, size, n);
        System.arraycopy(other.queueWaits, 0, queueWaits, size, n);
        System.arraycopy(other.services, 0, services, size, n);
        System.arraycopy(other.planned, 0, planned, size, n);
        size += n;
    }

    private void grow() {
        int capacity = taskIds.length * 2;
        taskIds = Arrays.copyOf(taskIds, capacity);
        statuses = Arrays.copyOf(statuses, capacity);
        responses = Arrays.copyOf(responses, capacity);
        queueWaits = Arrays.copyOf(queueWaits, capacity);
        services = Arrays.copyOf(services, capacity);
        planned = Arrays.copyOf(planned, capacity);
    }

    /** Results held. */
    public int size() {
        return size;
    }

    /** Forgets every result; the columns are kept for the next ones. */
    public void clear() {
        size = 0;
    }

    public long taskId(int row) {
        return taskIds[check(row)];
    }

    public Status status(int row) {
        return STATUSES[statuses[check(row)]];
    }

    public int response(int row) {
        return responses[check(row)];
    }

    public long queueWaitNanos(int row) {
        return queueWaits[check(row)];
    }

    public long serviceNanos(int row) {
        return services[check(row)];
    }

    public long plannedNanos(int row) {
        return planned[check(row)];
    }

    private int check(int row) {
        return Objects.checkIndex(row, size);
    }

    /** Hands each result to {@code sink}, in order; returns how many. */
    public int acceptAll(ResultSink sink) {
        for (int i = 0; i < size; i++) {
            sink.accept(taskIds[i], STATUSES[statuses[i]], responses[i], queueWaits[i], services[i], planned[i]);
        }
        return size;
    }

    /** The results as a {@link ResultBatch} for {@code client}: a copy, one {@link Result} each. */
    public ResultBatch toBatch(Object client) {
        List<Result> results = new ArrayList<>(size);
        acceptAll(ResultSink.into(results));
        return new ResultBatch(client, results);
    }
}
