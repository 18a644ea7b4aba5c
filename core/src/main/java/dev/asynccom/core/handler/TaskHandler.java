package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskOutcome;

/**
 * What a task does on the server: the seed's "callable". Called concurrently from whatever threads
 * the {@link dev.asynccom.core.strategy.WorkerStrategy} runs tasks on, so implementations must be thread-safe.
 *
 * <p>A handler that blocks should block through {@link java.util.concurrent.ForkJoinPool#managedBlock},
 * so the {@code forkjoin} strategy can compensate; on other threads that call simply blocks.
 */
@FunctionalInterface
public interface TaskHandler {
    /**
     * The name used on command lines and in results ({@code sleep}, {@code cpu}, {@code noop});
     * {@code custom} unless overridden, so a lambda is a handler.
     */
    default String name() {
        return "custom";
    }

    /**
     * Runs one task.
     *
     * @return the outcome; {@link TaskOutcome#UNKNOWN} when the task's {@code host:command} is not known
     * @throws Exception when the task fails; the server reports it as {@link dev.asynccom.core.Status#FAILED}
     */
    TaskOutcome handle(Task task) throws Exception;

    /**
     * Runs one task given as its fields, as {@link #handle(Task)} does: what the server calls for a batch that
     * came as {@link dev.asynccom.core.TaskColumns}. The default makes the {@link Task}; a handler that needs
     * only the fields overrides it, so the task costs no object.
     */
    default TaskOutcome handle(long taskId, String host, String command) throws Exception {
        return handle(new Task(taskId, host, command));
    }
}
