package dev.asynccom.core;

import java.util.Objects;

/**
 * What a {@link dev.asynccom.core.handler.TaskHandler} answers for one task; the server adds the timings to make a {@link Result}.
 *
 * @param status       how the task ended
 * @param response     the response value (0 unless OK)
 * @param plannedNanos nanoseconds of work the task asked for (its delay), 0 for none
 */
public record TaskOutcome(Status status, int response, long plannedNanos) {
    /** The outcome of a task whose {@code host:command} the server does not know. */
    public static final TaskOutcome UNKNOWN = new TaskOutcome(Status.UNKNOWN_COMMAND, 0, 0);

    public TaskOutcome {
        Objects.requireNonNull(status, "status");
    }

    /** A successful outcome. */
    public static TaskOutcome ok(int response, long plannedNanos) {
        return new TaskOutcome(Status.OK, response, plannedNanos);
    }
}
