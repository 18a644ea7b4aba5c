package dev.asynccom.core.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link ClientEngine} run sends, how long it waits, and whether it resends.
 *
 * @param batchSize    tasks per message (the seed's {@code num_tasks_per_batch}), at least 1
 * @param repeat       times the command list is sent, at least 1
 * @param ratePerSecond 0 to send every batch at once (the seed's burst); otherwise the open-loop rate
 *                     in tasks per second, each batch stamped with its intended send time
 * @param timeout      how long, once every batch is sent and no resend is left to make, the client waits
 *                     with no result arriving before it counts the rest missing; and the longest a single
 *                     send may block on backpressure before sending stops for good
 * @param retryAfter   {@link Duration#ZERO} never to resend (the seed's client); otherwise a batch with a
 *                     task still unanswered this long after the batch was (last) sent is sent again as it
 *                     was, same batch id, same tasks (Lazy Pirate)
 * @param retries      the most times one batch, and so one task, is sent again, up to {@link #MAX_RETRIES};
 *                     0 exactly when {@code retryAfter} is zero
 * @param deadline     {@link Duration#ZERO} for none; otherwise the longest a run may last from its first send:
 *                     when it passes, the run ends and what is unanswered is missing, however recently a
 *                     result came
 * @param maxInFlight  0 for no limit; otherwise the most tasks sent and not yet answered: the sender waits for
 *                     answers before sending more (and gives up, as on backpressure, when none comes for the
 *                     timeout). This bounds what a server must hold for this client even where its sockets
 *                     cannot push back (CURVE sockets, whose receive queue is unlimited: jeromq #1009)
 */
public record ClientOptions(int batchSize, int repeat, double ratePerSecond, Duration timeout, Duration retryAfter,
                            int retries, Duration deadline, int maxInFlight) {
    /**
     * The most resends of one task: the client counts a task's answers in the 5 bits its one byte of state has
     * left over, so it can tell up to 32 answers (the original and 31 resends) from a duplicate.
     */
    public static final int MAX_RETRIES = 31;

    /** Batch 16, sent once, burst, 30 s timeout, no resends, no deadline. */
    public static final ClientOptions DEFAULTS = new ClientOptions(16, 1, 0, Duration.ofSeconds(30));

    public ClientOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be 0 (burst) or a positive number of tasks/s, got " + ratePerSecond);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(deadline, "deadline");
        if (retryAfter.isNegative() || deadline.isNegative()) {
            throw new IllegalArgumentException("retry-after and deadline must be zero (none) or positive, got "
                    + retryAfter + " and " + deadline);
        }
        if (maxInFlight < 0) {
            throw new IllegalArgumentException("maxInFlight must be 0 (no limit) or more, got " + maxInFlight);
        }
        if (retries < 0 || retries > MAX_RETRIES || retryAfter.isZero() != (retries == 0)) {
            throw new IllegalArgumentException("retries must be from 1 to " + MAX_RETRIES + " with a retry-after and 0 "
                    + "without one, got " + retries + " with retry-after " + retryAfter);
        }
    }

    /** Sends once and waits: no resends, no deadline, no in-flight limit. */
    public ClientOptions(int batchSize, int repeat, double ratePerSecond, Duration timeout) {
        this(batchSize, repeat, ratePerSecond, timeout, Duration.ZERO, 0, Duration.ZERO, 0);
    }

    /** Whether batches follow a schedule (open loop) rather than going out at once. */
    public boolean openLoop() {
        return ratePerSecond > 0;
    }

    /** Whether unanswered batches are sent again ({@link #retryAfter} is set). */
    public boolean resends() {
        return retries > 0;
    }

    /** Whether a run ends when {@link #deadline} passes. */
    public boolean hasDeadline() {
        return !deadline.isZero();
    }

    public ClientOptions withBatchSize(int size) {
        return new ClientOptions(size, repeat, ratePerSecond, timeout, retryAfter, retries, deadline, maxInFlight);
    }

    public ClientOptions withRepeat(int times) {
        return new ClientOptions(batchSize, times, ratePerSecond, timeout, retryAfter, retries, deadline, maxInFlight);
    }

    public ClientOptions withRate(double tasksPerSecond) {
        return new ClientOptions(batchSize, repeat, tasksPerSecond, timeout, retryAfter, retries, deadline, maxInFlight);
    }

    public ClientOptions withTimeout(Duration wait) {
        return new ClientOptions(batchSize, repeat, ratePerSecond, wait, retryAfter, retries, deadline, maxInFlight);
    }

    /** Resends a batch unanswered {@code after} its last send, at most {@code times} times ({@code ZERO, 0}: never). */
    public ClientOptions withResend(Duration after, int times) {
        return new ClientOptions(batchSize, repeat, ratePerSecond, timeout, after, times, deadline, maxInFlight);
    }

    /** Ends each run {@code bound} after its first send ({@link Duration#ZERO}: no deadline). */
    public ClientOptions withDeadline(Duration bound) {
        return new ClientOptions(batchSize, repeat, ratePerSecond, timeout, retryAfter, retries, bound, maxInFlight);
    }

    /** Sends no more while {@code tasks} are unanswered (0: no limit). */
    public ClientOptions withMaxInFlight(int tasks) {
        return new ClientOptions(batchSize, repeat, ratePerSecond, timeout, retryAfter, retries, deadline, tasks);
    }
}
