package dev.asynccom.core;

import java.time.Duration;

/**
 * Liveness of a link between the server and a worker, as in the ZeroMQ guide's Paranoid Pirate: each side
 * sends a heartbeat when it has sent nothing for {@code interval}, and declares the other side gone after
 * {@code liveness} intervals of hearing nothing at all.
 *
 * @param interval how long a side may stay silent before it sends a heartbeat
 * @param liveness intervals of silence before the peer is declared gone, at least 1
 */
public record Heartbeat(Duration interval, int liveness) {
    /** The guide's 1 s x 3. */
    public static final Heartbeat DEFAULTS = new Heartbeat(Duration.ofSeconds(1), 3);

    public Heartbeat {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        if (liveness < 1) {
            throw new IllegalArgumentException("liveness must be at least 1 interval, got " + liveness);
        }
    }

    /** Nanoseconds of silence after which the peer is declared gone. */
    public long silenceNanos() {
        return interval.toNanos() * liveness;
    }
}
