package dev.asynccom.core.client;

/**
 * Everything a client run accounted for. Every task is exactly one of ok, unknown command, failed,
 * rejected or missing ({@code tasks == answered() + missing}); {@link #notSent()} tasks never left the
 * client (sending stopped early, or the run ended first) and count as missing too. A task is answered by
 * the first result that names it; every later result for it is a duplicate, counted apart and never as
 * an answer: a <em>resend duplicate</em> when the client had sent the task again (the original and the
 * resend were both answered: expected, not an error), a plain duplicate otherwise (an error).
 *
 * @param tasks            tasks the run meant to send
 * @param sent             tasks handed to the transport at least once
 * @param resent           task sends after the first: each time a batch was sent again, each of its tasks
 *                         counts once (a task resent twice counts twice); 0 without resends
 * @param ok               results with status OK
 * @param unknownCommand   results with status UNKNOWN_COMMAND
 * @param failed           results with status FAILED
 * @param rejected         results with status REJECTED
 * @param missing          tasks with no result when the run ended (not sent included)
 * @param duplicates       results for a task already answered that was sent only as often as it had been
 *                         answered (ignored, an error: the server or the network doubled it)
 * @param resendDuplicates results for a task already answered that the client had sent again, at most one per
 *                         resend (ignored, not an error: both sends were answered)
 * @param unknownIds       results naming no task of this run (ignored)
 * @param malformedFrames  frames the transport could not decode
 * @param responseSum      sum of the response values of OK results
 * @param firstTaskId      the id of the run's first task: task {@code i} of the run has id {@code firstTaskId + i}
 *                         and is command {@code i % commands.size()} of the command list
 * @param missingIds       ids of missing tasks, the first {@link ClientEngine#MAX_MISSING_IDS} of them
 * @param end              why the run ended
 * @param sendingStopped   whether sending stopped before every task was sent because a send was blocked on
 *                         backpressure for the whole timeout ({@link RunListener#sendingStopped})
 * @param makespanNanos    first send to last result (or to the end of the run when results are missing)
 * @param steadyPerSecond  for an open-loop run, the rate results came back at, fitted through their intended
 *                         and receive times (see {@link SteadyRate}); NaN for a burst or a run of one batch
 * @param latencies        the latency histograms; a resent task's latency counts from its first intended send
 */
public record RunSummary(long tasks, long sent, long resent, long ok, long unknownCommand, long failed, long rejected,
                         long missing, long duplicates, long resendDuplicates, long unknownIds, long malformedFrames,
                         long responseSum, long firstTaskId, long[] missingIds, RunEnd end, boolean sendingStopped,
                         long makespanNanos, double steadyPerSecond, Latencies latencies) {

    /** Results received, one per task at most. */
    public long answered() {
        return ok + unknownCommand + failed + rejected;
    }

    /** Tasks never handed to the transport (counted in {@link #missing}). */
    public long notSent() {
        return tasks - sent;
    }

    /** Answered tasks per second of makespan. */
    public double tasksPerSecond() {
        return makespanNanos > 0 ? answered() * 1e9 / makespanNanos : 0;
    }

    /** Whether every task came back OK, once (a resend answered as well as its original does not count against it). */
    public boolean allOk() {
        return ok == tasks && duplicates == 0 && unknownIds == 0;
    }
}
