package dev.asynccom.core;

import java.util.List;

/**
 * Tasks the client sends together in one message, as the seed does.
 *
 * @param batchId a client-chosen id, unique per client run
 * @param replyTo where results go (a transport endpoint), or {@code null} for the server's default
 * @param tasks   the tasks, at least one
 */
public record TaskBatch(long batchId, String replyTo, List<Task> tasks) {
    public TaskBatch {
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one task");
        }
    }

    /** Number of tasks in the batch. */
    public int size() {
        return tasks.size();
    }
}
