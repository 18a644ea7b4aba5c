package dev.asynccom.core.concurrent;

import java.util.concurrent.locks.LockSupport;

/**
 * Idle strategy for a loop that polls: spin, then yield, then park for doubling times up to a cap.
 * A loop calls {@link #idle()} after finding no work and {@link #reset()} after doing some. Every loop
 * of the engines and transports that polls waits through one of these. Owned by one thread.
 */
public final class BackoffIdler {
    private static final int SPINS = 64;
    private static final int YIELDS = 8;
    private static final long MIN_PARK_NANOS = 1_000;

    private final long maxParkNanos;
    private int idles;
    private long parkNanos = MIN_PARK_NANOS;

    /** @param maxParkNanos the longest single park, which bounds the latency an idle loop adds */
    public BackoffIdler(long maxParkNanos) {
        this.maxParkNanos = Math.max(MIN_PARK_NANOS, maxParkNanos);
    }

    /** Waits a little, longer the longer the loop has been idle. */
    public void idle() {
        idle(Long.MAX_VALUE);
    }

    /**
     * As {@link #idle()}, but never parks longer than {@code limitNanos}: for a loop that waits until a
     * deadline and must not oversleep it.
     */
    public void idle(long limitNanos) {
        idles++;
        if (idles <= SPINS) {
            Thread.onSpinWait();
        } else if (idles <= SPINS + YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(parkNanos, limitNanos));
            parkNanos = Math.min(parkNanos << 1, maxParkNanos);
        }
    }

    /** Back to spinning: the loop found work. */
    public void reset() {
        idles = 0;
        parkNanos = MIN_PARK_NANOS;
    }
}
