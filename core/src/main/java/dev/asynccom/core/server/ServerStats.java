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
 */
public record ServerStats(long batchesReceived, long tasksReceived, long resultsSent, long messagesSent,
                          long resultsDropped, long tasksRejected, long malformedFrames, long inFlight,
                          String strategy, String handler, long strategySwaps) {
}
