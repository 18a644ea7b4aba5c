package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Counts the connection attempts a server refused and logs them, at most one line per peer address per
 * {@link #WINDOW_NANOS interval}: a client retrying in a loop (or a scan) cannot flood the log. Lines held back
 * are counted and told with the next line for that address, or by {@link #flush()}. Thread-safe: jeromq's ZAP
 * thread and handshake monitors report concurrently.
 */
public final class RefusalLog {
    /** At most one line per address per second. */
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Addresses remembered; beyond that the quietest are forgotten (their held-back count told first). */
    static final int MAX_ADDRESSES = 1024;

    private final Consumer<String> lines;
    private final NanoClock clock;
    private final Map<String, Peer> peers = new LinkedHashMap<>(16, 0.75f, true);
    private long refused;

    private static final class Peer {
        long lastLineNanos;
        long heldBack;
    }

    /**
     * @param lines receives each line, without a line ending (a command line prefixes it with its name)
     * @param clock the time source of the rate limit
     */
    public RefusalLog(Consumer<String> lines, NanoClock clock) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A log that prints each line on {@code err} after {@code prefix} ({@code "asynccom server: "}). */
    public static RefusalLog printingTo(PrintStream err, String prefix) {
        return new RefusalLog(line -> {
            err.println(prefix + line);
            err.flush();
        }, NanoClock.system());
    }

    /**
     * Counts one refused attempt and logs {@code what} unless a line for {@code address} was logged within the
     * last second.
     *
     * @param address the peer's address, the key of the rate limit (its IP address)
     * @param what    the line: what was refused and why, naming the address ({@code refused 10.0.0.7: ...});
     *                control characters are escaped
     */
    public synchronized void refused(String address, String what) {
        refused++;
        long now = clock.nanoTime();
        Peer peer = peers.get(address);
        if (peer == null) {
            forgetQuietestBeyond(MAX_ADDRESSES - 1);
            peer = new Peer();
            peers.put(address, peer);
        } else if (now - peer.lastLineNanos < WINDOW_NANOS) {
            peer.heldBack++;
            return;
        }
        String line = UserError.printable(what) + heldBackNote(peer.heldBack);
        peer.lastLineNanos = now;
        peer.heldBack = 0;
        lines.accept(line);
    }

    /** Every attempt counted so far, logged or held back. */
    public synchronized long refused() {
        return refused;
    }

    /** Tells the attempts held back since each address's last line, one line per address; call when closing. */
    public synchronized void flush() {
        forgetQuietestBeyond(0);
    }

    private void forgetQuietestBeyond(int keep) {
        Iterator<Map.Entry<String, Peer>> eldest = peers.entrySet().iterator();
        while (peers.size() > keep && eldest.hasNext()) {
            Map.Entry<String, Peer> entry = eldest.next();
            if (entry.getValue().heldBack > 0) {
                long n = entry.getValue().heldBack;
                lines.accept(UserError.printable(entry.getKey()) + ": " + n + " more refused attempt"
                        + (n == 1 ? "" : "s") + " not logged");
            }
            eldest.remove();
        }
    }

    private static String heldBackNote(long heldBack) {
        return heldBack == 0 ? "" : " (" + heldBack + " more from this address since its last line)";
    }
}
