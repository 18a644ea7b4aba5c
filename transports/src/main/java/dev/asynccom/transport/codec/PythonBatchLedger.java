package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Status;
import dev.asynccom.core.TaskBatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The seed client's memory of the batches it sent and has not seen answered, oldest first, because
 * seed answers name no batch. An answer {@code [2, sum]} is attributed to the oldest unanswered batch:
 * one {@link Status#OK} result per task, the whole sum on the first task and 0 on the others, no
 * timings. A job-complete answer ends every unanswered batch with {@link Status#REJECTED} results.
 *
 * <p>Ownership: the client's sender thread calls {@link #sent} and {@link #unsent}, its receiver thread
 * calls {@link #attribute}; the queue hands entries from one to the other.
 */
public final class PythonBatchLedger {
    private final Queue<long[]> unanswered = new ConcurrentLinkedQueue<>();

    /** Records a batch about to be sent; returns the entry to pass to {@link #unsent} if sending fails. */
    public long[] sent(TaskBatch batch) {
        long[] ids = new long[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = batch.tasks().get(i).id();
        }
        unanswered.add(ids);
        return ids;
    }

    /** Forgets a batch that was recorded but never handed to the transport. */
    public void unsent(long[] entry) {
        unanswered.remove(entry); // identity: arrays do not override equals
    }

    /**
     * Attributes the unattributed results {@link PythonJsonCodec#decodeResults} returns.
     *
     * @return the attributed results, possibly empty, or {@code null} when an answer came for no
     *         unanswered batch
     */
    public ResultBatch attribute(ResultBatch unattributed) {
        List<Result> results = new ArrayList<>();
        for (Result answer : unattributed.results()) {
            if (answer.status() == Status.OK) {
                long[] ids = unanswered.poll();
                if (ids == null) {
                    return null;
                }
                for (int i = 0; i < ids.length; i++) {
                    results.add(Result.untimed(ids[i], Status.OK, i == 0 ? answer.response() : 0));
                }
            } else {
                for (long[] ids; (ids = unanswered.poll()) != null; ) {
                    for (long id : ids) {
                        results.add(Result.untimed(id, answer.status(), 0));
                    }
                }
            }
        }
        return new ResultBatch(null, results);
    }
}
