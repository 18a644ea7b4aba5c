package dev.asynccom.core.strategy;

/**
 * The tasks of one received batch, as the server engine hands them to a {@link WorkerStrategy}.
 * Each index must be run exactly once; {@link #runTask} never throws (the engine turns a handler's
 * failure into a {@link dev.asynccom.core.Status#FAILED} result) and delivers the task's result itself.
 */
public interface BatchWork {
    /** Number of tasks in the batch. */
    int size();

    /** Runs task {@code index} (0-based) on the calling thread and delivers its result. */
    void runTask(int index);

    /**
     * Delivers {@link dev.asynccom.core.Status#REJECTED} for task {@code index} without running it, for a strategy that
     * cannot take the task (it is shutting down). Keeps every task accounted for.
     */
    void rejectTask(int index);
}
