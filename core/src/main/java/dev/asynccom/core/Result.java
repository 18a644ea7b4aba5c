package dev.asynccom.core;

import java.util.Objects;

/**
 * The outcome of one {@link Task}, with the server-side timings that let a client split its
 * end-to-end latency into transport, queueing and service.
 *
 * @param taskId         the id of the task this answers
 * @param status         how the task ended
 * @param response       the command's response value (0 unless {@link Status#OK})
 * @param queueWaitNanos nanoseconds from the server receiving the task to a worker starting it,
 *                       or -1 when unknown (a peer that does not report it)
 * @param serviceNanos   nanoseconds the handler ran, or -1 when unknown
 * @param plannedNanos   nanoseconds of work the handler was asked for (the DelayMap's delay), so
 *                       {@code serviceNanos - plannedNanos} is the sleep overshoot; -1 when unknown
 */
public record Result(long taskId, Status status, int response, long queueWaitNanos, long serviceNanos,
                     long plannedNanos) {
    public Result {
        Objects.requireNonNull(status, "status");
    }

    /** A result with no server-side timings, for peers that do not report them. */
    public static Result untimed(long taskId, Status status, int response) {
        return new Result(taskId, status, response, -1, -1, -1);
    }

    /** Whether the server reported its timings. */
    public boolean timed() {
        return timed(queueWaitNanos, serviceNanos);
    }

    /** Whether a result with these timings has them reported ({@link #timed()} for fields taken one by one). */
    public static boolean timed(long queueWaitNanos, long serviceNanos) {
        return queueWaitNanos >= 0 && serviceNanos >= 0;
    }
}
