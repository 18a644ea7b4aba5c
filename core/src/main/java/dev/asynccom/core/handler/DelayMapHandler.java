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

    /**
     * Emulates the task's command, then answers its response; unknown commands answer at once. The outcome is
     * settled before the work and nothing but the return follows it: C2 can compile this method while every call
     * of it is still inside {@link #emulate} (a first wave of 100,000 one-second sleeps), and bytecodes that had
     * never run by then compile to uncommon traps that every frame parked in that code takes when it wakes, a
     * deoptimization each. Computed after the sleep, 7,665 of a warm run's 100,000 wake-ups deoptimized here
     * ({@code -Xlog:deoptimization=debug}, "uninitialized" at the first call after {@code emulate}).
     */
    @Override
    public final TaskOutcome handle(Task task) throws InterruptedException {
        return handle(task.id(), task.host(), task.command());
    }

    /** As {@link #handle(Task)}, from the task's fields. */
    @Override
    public final TaskOutcome handle(long taskId, String host, String command) throws InterruptedException {
        int index = delayMap.indexOf(host, command);
        if (index < 0) {
            return TaskOutcome.UNKNOWN;
        }
        long delayNanos = delayMap.delayNanos(index);
        TaskOutcome outcome = outcome(index, delayMap.response(index), plannedNanos(delayNanos));
        emulate(taskId, delayNanos);
        return outcome;
    }

    /** The same entry answers the same outcome every time: kept rather than allocated per task. */
    private TaskOutcome outcome(int index, int response, long planned) {
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
     * The nanoseconds of work {@link #emulate} spends on a command of {@code delayNanos}, reported as the result's
     * planned time: the delay itself unless a subclass spends none.
     */
    protected long plannedNanos(long delayNanos) {
        return delayNanos;
    }

    /**
     * Spends a command's delay on the calling thread.
     *
     * @param taskId     the id of the task whose command it is
     * @param delayNanos the delay the DelayMap holds for the task's command
     * @throws InterruptedException when the thread is interrupted while working
     */
    protected abstract void emulate(long taskId, long delayNanos) throws InterruptedException;
}
