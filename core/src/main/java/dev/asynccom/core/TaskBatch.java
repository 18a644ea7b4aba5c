package dev.asynccom.core;

import java.util.List;

/**
 * Tasks the client sends together in one message, as the seed does.
 *
 * @param batchId a client-chosen id, unique per client run
 * @param client  on the server, the transport's token for the client the batch came from (its
 *                connection): results carrying an equal token go back to that client, and the server
 *                keeps its per-client state under it; {@code null} when a client builds the batch, or when
 *                the transport has a single destination for results (the seed's protocol)
 * @param tasks   the tasks, at least one
 */
public record TaskBatch(long batchId, Object client, List<Task> tasks) {
    public TaskBatch {
        // Columns are immutable already; copying them would make the Task objects they exist to spare.
        tasks = tasks instanceof TaskColumns ? tasks : List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one task");
        }
    }

    /** A batch as a client builds it: no client token (the server's transport adds it on receipt). */
    public TaskBatch(long batchId, List<Task> tasks) {
        this(batchId, null, tasks);
    }

    /** This batch as received from {@code client}. */
    public TaskBatch from(Object client) {
        return new TaskBatch(batchId, client, tasks);
    }

    /** Number of tasks in the batch. */
    public int size() {
        return tasks.size();
    }
}
