package dev.asynccom.core.server;

import java.time.Duration;

/**
 * Tuning of a {@link ServerEngine}.
 *
 * @param maxInFlightTasks     tasks received and not yet answered (handed to the strategy, or waiting at the
 *                             server for their client's share) before the server stops receiving
 *                             (backpressure towards the clients, bounded memory)
 * @param maxResultsPerMessage results merged into one {@link dev.asynccom.core.ResultBatch} at most
 * @param maxFlushDelay        how long a result may wait for others to share its message; zero sends as
 *                             soon as no more results are queued
 * @param sendTimeout          how long a client may accept no result message at all before the messages
 *                             waiting for it are dropped and counted (it went away); messages a client refuses
 *                             wait in its own backlog meanwhile, so it never holds up results for the others
 * @param drainTimeout         how long shutdown and a strategy swap wait for accepted tasks to finish
 * @param maxInFlightPerClient the most tasks one client may have handed to the strategy and not yet answered;
 *                             its further batches wait at the server, in a queue of its own, and go to the
 *                             strategy round-robin among the clients with room. {@link #PER_CLIENT_FAIR_SHARE}
 *                             (the default) derives it: the dispatch window (4 tasks per task the strategy
 *                             runs at once, or twice what the server answered in the last millisecond if that
 *                             is more, at most {@code maxInFlightTasks}) shared equally among the clients the
 *                             server holds tasks for, at least 1 each; so a lone client keeps every worker
 *                             busy, and a client arriving behind another's backlog waits for at most a window,
 *                             not the backlog. {@link #PER_CLIENT_OFF} hands every batch to the
 *                             strategy as it arrives (first come, first served); a positive number is a fixed
 *                             cap per client. Batches are cut to fit a client's room, so shares hold in tasks
 *                             whatever the batch sizes. Batches without a client token (a transport with a
 *                             single destination, the seed's protocol) always go straight on. Tasks waiting when
 *                             the server stops go to the strategy then and run within the drain timeout, as
 *                             every task received does.
 */
public record ServerOptions(int maxInFlightTasks, int maxResultsPerMessage, Duration maxFlushDelay,
                            Duration sendTimeout, Duration drainTimeout, int maxInFlightPerClient) {
    /** {@link #maxInFlightPerClient}: each client an equal share of the dispatch window. */
    public static final int PER_CLIENT_FAIR_SHARE = -1;
    /** {@link #maxInFlightPerClient}: no per-client limit, every batch to the strategy as it arrives. */
    public static final int PER_CLIENT_OFF = 0;

    /**
     * 100,000 tasks in flight, 256 results a message, no flush delay, 5 s send timeout, 10 s drain, a fair
     * share per client.
     */
    public static final ServerOptions DEFAULTS = new ServerOptions(100_000, 256, Duration.ZERO,
            Duration.ofSeconds(5), Duration.ofSeconds(10), PER_CLIENT_FAIR_SHARE);

    public ServerOptions {
        if (maxInFlightTasks < 1 || maxResultsPerMessage < 1) {
            throw new IllegalArgumentException("maxInFlightTasks and maxResultsPerMessage must be at least 1");
        }
        if (maxFlushDelay.isNegative() || sendTimeout.isNegative() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxInFlightPerClient < PER_CLIENT_FAIR_SHARE) {
            throw new IllegalArgumentException("maxInFlightPerClient must be PER_CLIENT_FAIR_SHARE (-1), "
                    + "PER_CLIENT_OFF (0) or a number of tasks, got " + maxInFlightPerClient);
        }
    }

    /** Options with a fair share per client. */
    public ServerOptions(int maxInFlightTasks, int maxResultsPerMessage, Duration maxFlushDelay, Duration sendTimeout,
                         Duration drainTimeout) {
        this(maxInFlightTasks, maxResultsPerMessage, maxFlushDelay, sendTimeout, drainTimeout, PER_CLIENT_FAIR_SHARE);
    }

    public ServerOptions withMaxInFlightTasks(int tasks) {
        return new ServerOptions(tasks, maxResultsPerMessage, maxFlushDelay, sendTimeout, drainTimeout,
                maxInFlightPerClient);
    }

    public ServerOptions withDrainTimeout(Duration timeout) {
        return new ServerOptions(maxInFlightTasks, maxResultsPerMessage, maxFlushDelay, sendTimeout, timeout,
                maxInFlightPerClient);
    }

    public ServerOptions withMaxFlushDelay(Duration delay) {
        return new ServerOptions(maxInFlightTasks, maxResultsPerMessage, delay, sendTimeout, drainTimeout,
                maxInFlightPerClient);
    }

    /** These options with {@code tasks} as {@link #maxInFlightPerClient} (or one of its two constants). */
    public ServerOptions withMaxInFlightPerClient(int tasks) {
        return new ServerOptions(maxInFlightTasks, maxResultsPerMessage, maxFlushDelay, sendTimeout, drainTimeout,
                tasks);
    }
}
