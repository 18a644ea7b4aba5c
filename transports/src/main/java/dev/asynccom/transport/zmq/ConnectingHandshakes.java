package dev.asynccom.transport.zmq;

import org.zeromq.ZMonitor;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells from a connecting socket's monitor events that the server refused this side, and why, in one sentence.
 * Fed by one thread (a {@link HandshakeMonitor}'s), with the time of each event, so tests drive it with
 * synthetic events and times.
 *
 * <p>What jeromq 0.6.0 shows a connecting socket, measured over loopback against a ROUTER bound with
 * {@link Sockets#HANDSHAKE_IVL_MILLIS} ms of handshake interval (times from CONNECTED):
 * <ul>
 *   <li>key not admitted: HANDSHAKE_PROTOCOL, then HANDSHAKE_FAILED_AUTH with status 400 (about 150 ms, with the
 *       ZAP round trip) and DISCONNECTED; jeromq never reconnects.</li>
 *   <li>server plain, this side CURVE, and the reverse: DISCONNECTED within about 15 ms and no
 *       HANDSHAKE_PROTOCOL (the greetings name different mechanisms; jeromq raises no handshake event for that).
 *       jeromq reconnects when the peer closed first and gives up for good when it saw the wrong greeting itself,
 *       so two or three attempts, then silence. The two cases look the same here and are told apart by this
 *       side's own setup; a peer that is no ZeroMQ socket at all looks the same too, so the sentences say so.</li>
 *   <li>wrong server key: HANDSHAKE_PROTOCOL, then DISCONNECTED (about 40 ms) with no failure event (the server
 *       answers with an ERROR command that has no status, and jeromq raises nothing for it), and no reconnect.
 *       A connection that works and is lost soon after (the server stopped) looks the same, except that jeromq
 *       reconnects (CONNECT_RETRIED at once), so a disconnect counts only once no retry followed within
 *       {@link #SETTLE_NANOS}.</li>
 *   <li>a plain socket of a type this one cannot talk to (a DEALER against a {@code --codec seed} server's
 *       PULL): HANDSHAKE_PROTOCOL, then DISCONNECTED (about 15 ms), no reconnect, like the wrong server key; told
 *       as such for a plain side (with CURVE it cannot happen here: the seed codec refuses CURVE).</li>
 *   <li>admitted: HANDSHAKE_PROTOCOL and nothing more: jeromq 0.6.0 never raises HANDSHAKE_SUCCEEDED, so success
 *       shows only as the absence of the above.</li>
 * </ul>
 * jeromq's own handshake timeout (a stalled handshake, see {@link Sockets#HANDSHAKE_IVL_MILLIS}) disconnects
 * after the whole interval and reconnects; disconnects that late are never taken for a refusal.
 */
final class ConnectingHandshakes {
    /** How long after a disconnect a missing reconnect means jeromq gave up on the server for good. */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Greeting-less disconnects in a row that, even followed by reconnects, mean a mechanism mismatch. */
    static final int GREETING_STRIKES = 2;

    private final CurveSetup.Client curve;
    private final String side;
    private final long handshakeNanos;
    private final Map<String, Attempt> attempts = new HashMap<>();

    /** What one endpoint's connection is doing. */
    private static final class Attempt {
        long connectedAt = -1;
        boolean greeted;
        /** A disconnect during the handshake whose meaning waits for a retry or for {@link #SETTLE_NANOS}. */
        long disconnectedAt = -1;
        boolean disconnectedGreeted;
        int greetingStrikes;
    }

    /**
     * @param curve          this side's CURVE setup, or null for a plain side
     * @param side           what this side is, for the sentences ("client", "worker")
     * @param handshakeNanos the socket's handshake interval (0 when it has none)
     */
    ConnectingHandshakes(CurveSetup.Client curve, String side, long handshakeNanos) {
        this.curve = curve;
        this.side = side;
        this.handshakeNanos = handshakeNanos > 0 ? handshakeNanos : TimeUnit.SECONDS.toNanos(30);
    }

    /**
     * One monitor event.
     *
     * @param value the event's value: the status for HANDSHAKE_FAILED_AUTH, the protocol code for
     *              HANDSHAKE_FAILED_PROTOCOL, else ignored
     * @return the refusal, once this event shows one, else null
     */
    String onEvent(ZMonitor.Event event, String endpoint, Object value, long now) {
        Attempt a = attempts.computeIfAbsent(endpoint, e -> new Attempt());
        switch (event) {
            case CONNECTED -> {
                a.connectedAt = now;
                a.greeted = false;
            }
            case HANDSHAKE_PROTOCOL -> {
                a.greeted = true;
                a.greetingStrikes = 0;
            }
            case HANDSHAKE_FAILED_AUTH -> {
                return keyRefused(endpoint, value instanceof Integer status ? status : 400);
            }
            case HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_NO_DETAIL -> {
                return handshakeFailed(endpoint, String.valueOf(value));
            }
            case DISCONNECTED -> {
                if (a.connectedAt >= 0 && now - a.connectedAt < handshakeNanos * 9 / 10) {
                    a.disconnectedAt = now;
                    a.disconnectedGreeted = a.greeted;
                }
                a.connectedAt = -1;
            }
            case CONNECT_RETRIED -> {
                if (a.disconnectedAt >= 0) {
                    a.disconnectedAt = -1;
                    if (a.disconnectedGreeted) {
                        a.greetingStrikes = 0; // a working connection lost: the server went away, it may return
                    } else if (++a.greetingStrikes >= GREETING_STRIKES) {
                        return greetingRefused(endpoint);
                    }
                }
            }
            default -> {
            }
        }
        return null;
    }

    /** The passing of time: a disconnect that jeromq did not follow with a retry is final. */
    String onTick(long now) {
        for (Map.Entry<String, Attempt> entry : attempts.entrySet()) {
            Attempt a = entry.getValue();
            if (a.disconnectedAt >= 0 && now - a.disconnectedAt >= SETTLE_NANOS) {
                a.disconnectedAt = -1;
                return a.disconnectedGreeted ? handshakeDropped(entry.getKey()) : greetingRefused(entry.getKey());
            }
        }
        return null;
    }

    private String keyRefused(String endpoint, int status) {
        String key = curve == null ? "" : " " + curve.own().publicKey();
        if (status == 400) {
            return "the server at " + endpoint + " refused this " + side + "'s key" + key
                    + " (is its certificate in the server's --curve-allow folder?)";
        }
        return "the server at " + endpoint + " refused this " + side + "'s key" + key + " (ZAP status " + status + ")";
    }

    private String greetingRefused(String endpoint) {
        if (curve != null) {
            return "the server at " + endpoint + " does not use CURVE (or is not a ZeroMQ server), but this " + side
                    + " was given --curve-server: start the server with --curve-secret and --curve-allow, or drop "
                    + "this " + side + "'s key options";
        }
        return "the server at " + endpoint + " uses CURVE (or is not a ZeroMQ server): give this " + side
                + " --curve-secret and --curve-server";
    }

    private String handshakeDropped(String endpoint) {
        if (curve != null) {
            return "the server at " + endpoint + " dropped the CURVE handshake: its key is not "
                    + curve.server().publicKey() + fromFile() + " (give this " + side + " that server's own "
                    + "public certificate)";
        }
        return "the server at " + endpoint + " ended the connection during the ZeroMQ handshake: it is not the "
                + "kind of socket this " + side + " expects (a --codec seed server, or another version): start it "
                + "without --codec seed, or give this " + side + " --codec seed";
    }

    private String handshakeFailed(String endpoint, String code) {
        if (curve != null) {
            return "the CURVE handshake with the server at " + endpoint + " failed (" + code + "): is "
                    + (curve.serverFile() != null ? "--curve-server " + curve.serverFile() : "the server key")
                    + " that server's certificate?";
        }
        return "the ZeroMQ handshake with the server at " + endpoint + " failed (" + code + ")";
    }

    private String fromFile() {
        return curve.serverFile() == null ? "" : " from --curve-server " + curve.serverFile();
    }
}
