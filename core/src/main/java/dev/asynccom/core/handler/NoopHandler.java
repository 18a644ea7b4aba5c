package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.workload.DelayMap;

/**
 * Answers each known command's response at once, with no delay: measures everything but the work
 * (transport, queueing, dispatch). Thread-safe; owns no threads.
 */
public final class NoopHandler extends DelayMapHandler {
    /** A handler answering from {@code delayMap}, ignoring its delays. */
    public NoopHandler(DelayMap delayMap) {
        super(delayMap);
    }

    @Override
    public String name() {
        return "noop";
    }

    /** It spends nothing: the result reports a planned delay of 0. */
    @Override
    protected long plannedNanos(long delayNanos) {
        return 0;
    }

    @Override
    protected void emulate(long taskId, long delayNanos) {
    }
}
