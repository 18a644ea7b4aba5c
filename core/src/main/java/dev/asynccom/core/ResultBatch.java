package dev.asynccom.core;

import java.util.List;

/**
 * Results travelling together from server to client. The server's result sender merges results
 * of many batches bound for the same client into one, so one message carries many results.
 *
 * @param client  the client the results go to: the token its tasks arrived with
 *                ({@link TaskBatch#client()}), {@code null} for a transport's single destination
 * @param results the results, at least one
 */
public record ResultBatch(Object client, List<Result> results) {
    public ResultBatch {
        results = List.copyOf(results);
    }

    /** Number of results in the batch. */
    public int size() {
        return results.size();
    }
}
