package dev.asynccom.core.client;

import java.time.Duration;

/**
 * What a {@link ClientEngine} run sends and how long it waits.
 *
 * @param batchSize    tasks per message (the seed's {@code num_tasks_per_batch}), at least 1
 * @param repeat       times the command list is sent, at least 1
 * @param ratePerSecond 0 to send every batch at once (the seed's burst); otherwise the open-loop rate
 *                     in tasks per second, each batch stamped with its intended send time
 * @param timeout      how long, once every batch is sent, the client waits with no result arriving
 *                     before it counts the rest missing; and the longest a single send may block on
 *                     backpressure
 */
public record ClientOptions(int batchSize, int repeat, double ratePerSecond, Duration timeout) {
    /** Batch 16, sent once, burst, 30 s timeout. */
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
    }

    /** Whether batches follow a schedule (open loop) rather than going out at once. */
    public boolean openLoop() {
        return ratePerSecond > 0;
    }

    public ClientOptions withBatchSize(int size) {
        return new ClientOptions(size, repeat, ratePerSecond, timeout);
    }

    public ClientOptions withRepeat(int times) {
        return new ClientOptions(batchSize, times, ratePerSecond, timeout);
    }

    public ClientOptions withRate(double tasksPerSecond) {
        return new ClientOptions(batchSize, repeat, tasksPerSecond, timeout);
    }

    public ClientOptions withTimeout(Duration wait) {
        return new ClientOptions(batchSize, repeat, ratePerSecond, wait);
    }
}
