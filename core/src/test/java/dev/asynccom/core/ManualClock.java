package dev.asynccom.core;

import java.util.concurrent.atomic.AtomicLong;

/** A {@link NanoClock} that moves only when a test says so; safe to read from any thread. */
public final class ManualClock implements NanoClock {
    private final AtomicLong now;

    /** A clock at {@code startNanos}; tests start far from 0 so nothing mistakes 0 for "unset". */
    public ManualClock(long startNanos) {
        this.now = new AtomicLong(startNanos);
    }

    public ManualClock() {
        this(1_000_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves the clock forward by {@code nanos}; returns the new time. */
    public long advance(long nanos) {
        return now.addAndGet(nanos);
    }
}
