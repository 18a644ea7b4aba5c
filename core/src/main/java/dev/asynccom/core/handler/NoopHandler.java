package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.workload.DelayMap;

import java.util.Objects;

/**
 * Answers each known command's response at once, with no delay: measures everything but the work
 * (transport, queueing, dispatch). Thread-safe; owns no threads.
 */
public final class NoopHandler implements TaskHandler {
    private final DelayMap delayMap;

    /** A handler answering from {@code delayMap}, ignoring its delays. */
    public NoopHandler(DelayMap delayMap) {
        this.delayMap = Objects.requireNonNull(delayMap, "delayMap");
    }

    @Override
    public String name() {
        return "noop";
    }

    /** The task's response with a planned delay of 0, or {@link TaskOutcome#UNKNOWN}. */
    @Override
    public TaskOutcome handle(Task task) {
        int index = delayMap.indexOf(task);
        return index < 0 ? TaskOutcome.UNKNOWN : TaskOutcome.ok(delayMap.response(index), 0);
    }
}
