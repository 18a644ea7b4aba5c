package dev.asynccom.core;

import java.util.List;

/**
 * Takes results one at a time, as their fields: what a {@link ClientTransport} that decodes frames itself hands
 * the client, so that a result read off the wire costs no {@link Result} object (a {@code Result} per task was the
 * largest part of what a client allocated per task). The fields mean what {@link Result}'s do.
 */
@FunctionalInterface
public interface ResultSink {
    /** One result; called on the thread that called {@link ClientTransport#receive(long, ResultSink)}. */
    void accept(long taskId, Status status, int response, long queueWaitNanos, long serviceNanos, long plannedNanos);

    /** A sink that adds each result it takes to {@code results}, as a {@link Result}. */
    static ResultSink into(List<Result> results) {
        return (taskId, status, response, queueWaitNanos, serviceNanos, plannedNanos) -> results.add(
                new Result(taskId, status, response, queueWaitNanos, serviceNanos, plannedNanos));
    }

    /** Hands each of {@code results} to this sink, in order; returns how many. */
    default int acceptAll(ResultBatch results) {
        for (Result r : results.results()) {
            accept(r.taskId(), r.status(), r.response(), r.queueWaitNanos(), r.serviceNanos(), r.plannedNanos());
        }
        return results.size();
    }
}
