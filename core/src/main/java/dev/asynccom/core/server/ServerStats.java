package dev.asynccom.core.server;

/**
 * A snapshot of a {@link ServerEngine}'s counters.
 *
 * @param batchesReceived  task batches taken from the transport
 * @param tasksReceived    tasks in those batches
 * @param resultsSent      results handed to the transport
 * @param messagesSent     result messages handed to the transport
 * @param resultsDropped   results whose message timed out on transport backpressure
 * @param tasksRejected    tasks answered {@link dev.asynccom.core.Status#REJECTED}
 * @param malformedFrames  frames the transport could not decode
 * @param inFlight         tasks received and not yet answered
 * @param strategy         the current strategy's name
 * @param handler          the current handler's name
 * @param strategySwaps    strategy swaps done
 * @param tasksWaiting     tasks received that wait at the server for their client's share (counted in
 *                         {@code inFlight} too)
 * @param clients          clients the server holds tasks for, waiting or at the strategy (0 without
 *                         per-client admission, or when the transport names no client)
 */
public record ServerStats(long batchesReceived, long tasksReceived, long resultsSent, long messagesSent,
                          long resultsDropped, long tasksRejected, long malformedFrames, long inFlight,
                          String strategy, String handler, long strategySwaps, long tasksWaiting, int clients) {
}
