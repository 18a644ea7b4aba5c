package dev.asynccom.core.client;

import java.time.Duration;

/**
 * What a client run tells its caller the moment it happens, rather than in the summary at the end. Called on
 * the run's sender thread: an implementation returns quickly and never calls back into the run.
 */
@FunctionalInterface
public interface RunListener {
    /** A listener that ignores everything. */
    RunListener NONE = (sent, total, blockedFor) -> {
    };

    /**
     * Sending stopped for good before every task was sent: one send was blocked on backpressure (the
     * server, or the transport's queue to it, took nothing) for the whole timeout. The run goes on waiting
     * for the tasks already sent; the {@code total - sent} never sent are reported missing.
     *
     * @param sent       tasks handed to the transport before sending stopped
     * @param total      tasks the run meant to send
     * @param blockedFor how long the last send was blocked (the timeout)
     */
    void sendingStopped(long sent, long total, Duration blockedFor);
}
