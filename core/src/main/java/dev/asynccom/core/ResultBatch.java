package dev.asynccom.core;

import java.util.List;

/**
 * Results travelling together from server to client. The server's result sender merges results
 * of many batches bound for the same client into one, so one message carries many results.
 *
 * @param replyTo where the results go, or {@code null} for the server's default endpoint
 * @param results the results, at least one
 */
public record ResultBatch(String replyTo, List<Result> results) {
    public ResultBatch {
        results = List.copyOf(results);
    }

    /** Number of results in the batch. */
    public int size() {
        return results.size();
    }
}
