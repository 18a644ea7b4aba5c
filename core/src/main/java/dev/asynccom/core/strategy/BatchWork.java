package dev.asynccom.core.strategy;

import dev.asynccom.core.Result;
import dev.asynccom.core.Task;

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

    /** Task {@code index} (0-based), for a strategy that runs it elsewhere ({@link RemoteWorkerStrategy}). */
    Task task(int index);

    /**
     * Delivers the result another process computed for task {@code index}: its status, response, service and
     * planned time are kept; its queue wait becomes the time since this server received the task less the
     * service time (transport to and from the worker included); its task id is replaced by the task's own.
     */
    void completeTask(int index, Result remote);
}
