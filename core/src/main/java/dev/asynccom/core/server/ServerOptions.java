package dev.asynccom.core.server;

import java.time.Duration;

/**
 * Tuning of a {@link ServerEngine}.
 *
 * @param maxInFlightTasks     tasks received and not yet answered before the server stops receiving
 *                             (backpressure towards the client, bounded memory)
 * @param maxResultsPerMessage results merged into one {@link dev.asynccom.core.ResultBatch} at most
 * @param maxFlushDelay        how long a result may wait for others to share its message; zero sends as
 *                             soon as no more results are queued
 * @param sendTimeout          how long a client may accept no result message at all before the messages
 *                             waiting for it are dropped and counted (it went away); messages a client refuses
 *                             wait in its own backlog meanwhile, so it never holds up results for the others
 * @param drainTimeout         how long shutdown and a strategy swap wait for accepted tasks to finish
 */
public record ServerOptions(int maxInFlightTasks, int maxResultsPerMessage, Duration maxFlushDelay,
                            Duration sendTimeout, Duration drainTimeout) {
    /** 100,000 tasks in flight, 256 results a message, no flush delay, 5 s send timeout, 10 s drain. */
    public static final ServerOptions DEFAULTS = new ServerOptions(100_000, 256, Duration.ZERO,
            Duration.ofSeconds(5), Duration.ofSeconds(10));

    public ServerOptions {
        if (maxInFlightTasks < 1 || maxResultsPerMessage < 1) {
            throw new IllegalArgumentException("maxInFlightTasks and maxResultsPerMessage must be at least 1");
        }
        if (maxFlushDelay.isNegative() || sendTimeout.isNegative() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public ServerOptions withMaxInFlightTasks(int tasks) {
        return new ServerOptions(tasks, maxResultsPerMessage, maxFlushDelay, sendTimeout, drainTimeout);
    }

    public ServerOptions withDrainTimeout(Duration timeout) {
        return new ServerOptions(maxInFlightTasks, maxResultsPerMessage, maxFlushDelay, sendTimeout, timeout);
    }

    public ServerOptions withMaxFlushDelay(Duration delay) {
        return new ServerOptions(maxInFlightTasks, maxResultsPerMessage, delay, sendTimeout, drainTimeout);
    }
}
