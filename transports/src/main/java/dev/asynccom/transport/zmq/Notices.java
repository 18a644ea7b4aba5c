package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.WireCodec;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lines for an operator about what peers did wrong (malformed frames, a likely codec mismatch, refused
 * keys), at most one per kind of line per interval, so a flood of bad frames cannot flood the log: the
 * next line of a kind says how many like it were left out meanwhile. Thread-safe.
 */
public final class Notices {
    /** Discards every line: the library default, for embedders that watch the counters instead. */
    public static final Notices NONE = new Notices(line -> { }, NanoClock.system(), 0);
    /** At most one line of a kind a minute. */
    public static final long DEFAULT_INTERVAL_NANOS = 60_000_000_000L;

    private final Consumer<String> sink;
    private final NanoClock clock;
    private final long intervalNanos;
    private final Map<String, Kind> kinds = new HashMap<>();

    /**
     * @param sink          where lines go (the commands print them on stderr)
     * @param intervalNanos the least time between two lines of one kind
     */
    public Notices(Consumer<String> sink, NanoClock clock, long intervalNanos) {
        this.sink = sink;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
    }

    /** A sink printing at most one line of a kind a minute. */
    public static Notices to(Consumer<String> sink) {
        return new Notices(sink, NanoClock.system(), DEFAULT_INTERVAL_NANOS);
    }

    /**
     * Says {@code line} unless a line of {@code kind} was said less than the interval ago; then it is
     * only counted, and told with the next one said.
     */
    public void say(String kind, String line) {
        if (this == NONE) {
            return;
        }
        String out;
        synchronized (kinds) {
            long now = clock.nanoTime();
            Kind k = kinds.get(kind);
            if (k != null && now - k.lastNanos < intervalNanos) {
                k.suppressed++;
                return;
            }
            long suppressed = k == null ? 0 : k.suppressed;
            kinds.put(kind, new Kind(now));
            out = suppressed == 0 ? line : line + " (" + suppressed + " more like it left out since the last such line)";
        }
        sink.accept(out);
    }

    /** Says {@code line} as it is, unlimited: for a caller that limits its own lines ({@link RefusalLog}). */
    public void sayNow(String line) {
        if (this != NONE) {
            sink.accept(line);
        }
    }

    /**
     * Tells of a frame refused from {@code peer}: a likely codec mismatch when it looks like the other
     * format, else what was wrong with it.
     */
    void refusedFrame(String peer, byte[] frame, WireCodec expected, MalformedFrameException why) {
        String looks = WireCodec.likelyFormat(frame);
        if (looks != null && !looks.equals(expected.name())) {
            say("codec", "refused a frame from " + peer + ": it is in the " + looks + " codec's format and this "
                    + "side speaks " + expected.name() + " (is the peer started with --codec " + looks
                    + "? both ends must use the same one)");
        } else {
            say("malformed", "refused a malformed frame from " + peer + ": " + why.getMessage());
        }
    }

    private static final class Kind {
        final long lastNanos;
        long suppressed;

        Kind(long lastNanos) {
            this.lastNanos = lastNanos;
        }
    }
}
