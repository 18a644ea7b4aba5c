package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.workload.DelayMap;

import java.util.Objects;

/**
 * A handler that emulates each command from its {@link DelayMap} entry: an unknown {@code host:command}
 * answers {@link TaskOutcome#UNKNOWN} at once, a known one is {@linkplain #emulate emulated} and answers
 * the entry's response. Subclasses say only how a command's delay is spent. Thread-safe when
 * {@link #emulate} is.
 */
public abstract class DelayMapHandler implements TaskHandler {
    /** The entries this handler answers from. */
    protected final DelayMap delayMap;
    private static final int OUTCOME_SLOTS = 1 << 12;
    /**
     * Outcomes answered lately, by entry index (direct-mapped). Racy by design: outcomes are immutable records,
     * so a reader sees an old one, which it checks, or the new one; a store lost to a race costs an allocation.
     */
    private final TaskOutcome[] outcomes = new TaskOutcome[OUTCOME_SLOTS];

    protected DelayMapHandler(DelayMap delayMap) {
        this.delayMap = Objects.requireNonNull(delayMap, "delayMap");
    }

    /** Emulates the task's command, then answers its response; unknown commands answer at once. */
    @Override
    public final TaskOutcome handle(Task task) throws InterruptedException {
        int index = delayMap.indexOf(task);
        if (index < 0) {
            return TaskOutcome.UNKNOWN;
        }
        int response = delayMap.response(index);
        long planned = emulate(task, delayMap.delayNanos(index));
        // The same entry answers the same outcome every time: keep it rather than allocate one per task.
        int slot = index & (OUTCOME_SLOTS - 1);
        TaskOutcome kept = outcomes[slot];
        if (kept != null && kept.response() == response && kept.plannedNanos() == planned) {
            return kept;
        }
        TaskOutcome outcome = TaskOutcome.ok(response, planned);
        outcomes[slot] = outcome;
        return outcome;
    }

    /**
     * Spends a command's delay on the calling thread.
     *
     * @param delayNanos the delay the DelayMap holds for the task's command
     * @return the nanoseconds of work planned, reported as the result's planned time
     * @throws InterruptedException when the thread is interrupted while working
     */
    protected abstract long emulate(Task task, long delayNanos) throws InterruptedException;
}
