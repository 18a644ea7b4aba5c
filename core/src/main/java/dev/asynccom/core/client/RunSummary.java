package dev.asynccom.core.client;

/**
 * Everything a client run accounted for. Every task sent is exactly one of ok, unknown command,
 * failed, rejected or missing; {@code notSent} tasks never left the client (the transport refused
 * them within the timeout) and count as missing too.
 *
 * @param tasks          tasks the run meant to send
 * @param sent           tasks handed to the transport
 * @param ok             results with status OK
 * @param unknownCommand results with status UNKNOWN_COMMAND
 * @param failed         results with status FAILED
 * @param rejected       results with status REJECTED
 * @param missing        tasks with no result when the run ended (not sent included)
 * @param duplicates     results for a task already answered (ignored)
 * @param unknownIds     results naming no task of this run (ignored)
 * @param malformedFrames frames the transport could not decode
 * @param responseSum    sum of the response values of OK results
 * @param missingIds     ids of missing tasks, the first {@link ClientEngine#MAX_MISSING_IDS} of them
 * @param makespanNanos  first send to last result (or to the end of the run when results are missing)
 * @param steadyPerSecond for an open-loop run, the rate results came back at, fitted through their intended
 *                       and receive times (see {@link SteadyRate}); NaN for a burst or a run of one batch
 * @param latencies      the latency histograms
 */
public record RunSummary(long tasks, long sent, long ok, long unknownCommand, long failed, long rejected,
                         long missing, long duplicates, long unknownIds, long malformedFrames, long responseSum,
                         long[] missingIds, long makespanNanos, double steadyPerSecond,
                         Latencies latencies) {

    /** Results received, one per task at most. */
    public long answered() {
        return ok + unknownCommand + failed + rejected;
    }

    /** Answered tasks per second of makespan. */
    public double tasksPerSecond() {
        return makespanNanos > 0 ? answered() * 1e9 / makespanNanos : 0;
    }

    /** Whether every task came back OK, once. */
    public boolean allOk() {
        return ok == tasks && duplicates == 0 && unknownIds == 0;
    }
}
