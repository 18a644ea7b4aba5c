package dev.asynccom.core.server;

import java.util.concurrent.TimeUnit;

/**
 * The share rule of per-client admission: how many tasks one client may have handed to the strategy and not
 * yet answered ({@link ServerOptions#maxInFlightPerClient()}).
 *
 * <p>With the fair share, the <em>dispatch window</em> is what the strategy needs to stay busy: 4 tasks per
 * task it runs at once (one running, three queued behind it), or twice what the server answered in the last
 * millisecond when that is more (short tasks: the receive thread may park up to 100 us between two looks,
 * so the window must hold more than that much work), never more than {@code maxInFlightTasks}. Each client
 * the server holds tasks for gets an equal part of it, at least 1. The window is kept small on purpose: the
 * strategy's queue is first come, first served and gives nothing back, so whatever a client has there when
 * another arrives is served first. A share of {@code maxInFlightTasks} would let a lone client put its whole
 * backlog ahead of anyone who came later; a share of the window costs a newcomer one window at most.
 *
 * <p>Owned by the server's receive thread.
 */
final class FairShare {
    /** Tasks in the window per task the strategy runs at once. */
    static final int TASKS_PER_WORKER = 4;
    /** How often the answer rate is sampled. */
    static final long RATE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The window holds at least this many periods' worth of answers. */
    static final int PERIODS_OF_WORK = 2;

    private final int fixed;
    private final long maxInFlightTasks;
    private long periodStartNanos;
    private long periodStartAnswered;
    private long answeredPerPeriod;
    private boolean sampling;

    /**
     * @param maxInFlightPerClient {@link ServerOptions#PER_CLIENT_FAIR_SHARE} or a fixed cap (at least 1)
     * @param maxInFlightTasks     the server's global bound, the largest window
     */
    FairShare(int maxInFlightPerClient, int maxInFlightTasks) {
        if (maxInFlightPerClient == ServerOptions.PER_CLIENT_OFF) {
            throw new IllegalArgumentException("no share without a per-client limit");
        }
        this.fixed = maxInFlightPerClient;
        this.maxInFlightTasks = maxInFlightTasks;
    }

    /**
     * Samples the answer rate: {@code answered} is every task the server answered so far, {@code nowNanos} the
     * engine's clock. Cheap enough to call every turn of the receive loop.
     */
    void observe(long answered, long nowNanos) {
        if (!sampling) {
            sampling = true;
            periodStartNanos = nowNanos;
            periodStartAnswered = answered;
            return;
        }
        long elapsed = nowNanos - periodStartNanos;
        if (elapsed >= RATE_PERIOD_NANOS) {
            // Scaled to one period: after a long wait in receive the sample covers more than a period.
            answeredPerPeriod = (long) ((double) Math.max(0, answered - periodStartAnswered) * RATE_PERIOD_NANOS / elapsed);
            periodStartNanos = nowNanos;
            periodStartAnswered = answered;
        }
    }

    /** The dispatch window for a strategy that runs {@code concurrency} tasks at once. */
    long window(int concurrency) {
        long forWorkers = (long) TASKS_PER_WORKER * concurrency;
        long forRate = PERIODS_OF_WORK * answeredPerPeriod;
        return Math.max(1, Math.min(maxInFlightTasks, Math.max(forWorkers, forRate)));
    }

    /**
     * The most tasks each client may have at the strategy now.
     *
     * @param clients     clients the server holds tasks for (in flight or waiting), at least 1
     * @param concurrency what the current strategy runs at once ({@link Integer#MAX_VALUE} when unbounded)
     */
    long share(int clients, int concurrency) {
        if (fixed > 0) {
            return fixed;
        }
        return Math.max(1, window(concurrency) / Math.max(1, clients));
    }
}
