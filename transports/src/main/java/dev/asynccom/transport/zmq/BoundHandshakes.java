package dev.asynccom.transport.zmq;

import org.zeromq.ZMonitor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells from a bound socket's monitor events which accepted peers failed the handshake before a key could be
 * checked: on a CURVE server, a peer without CURVE (its greeting names another mechanism) or with another
 * server's key (its HELLO does not decrypt); on a plain server, a peer whose greeting is not plain ZeroMQ (one
 * with CURVE, or no ZeroMQ at all). A key that is not admitted is told by {@link CurveAdmission} instead, which
 * knows the key. Fed by one thread (a {@link HandshakeMonitor}'s).
 *
 * <p>What jeromq 0.6.0 shows a bound socket: ACCEPTED and DISCONNECTED carry the connection's channel (so its
 * address), but HANDSHAKE_PROTOCOL and HANDSHAKE_FAILED_* carry only the bound endpoint. A peer without CURVE
 * shows ACCEPTED then DISCONNECTED within milliseconds and no HANDSHAKE_PROTOCOL; one with another server's key
 * shows HANDSHAKE_PROTOCOL, HANDSHAKE_FAILED_PROTOCOL (ZMTP_CRYPTOGRAPHIC), DISCONNECTED. So a greeting is
 * credited to the oldest connection still in its handshake, and a failure to the next greeted connection that
 * disconnects: exact for one handshake at a time, and when several overlap, the count stays right but an
 * address may be swapped with another one's.
 */
final class BoundHandshakes {
    /** Connections are forgotten this many handshake intervals after they were accepted: their handshake is over. */
    private static final long FORGET_AFTER_HANDSHAKES = 2;

    private final boolean curve;
    private final long handshakeNanos;
    private final Map<Object, Connection> open = new LinkedHashMap<>();
    private final Deque<String> failures = new ArrayDeque<>();

    /** A peer refused: its IP address (the rate-limit key) and the line to log. */
    record Refusal(String host, String line) {
    }

    private static final class Connection {
        final String host;
        final String address;
        final long acceptedAt;
        boolean greeted;

        Connection(String host, String address, long acceptedAt) {
            this.host = host;
            this.address = address;
            this.acceptedAt = acceptedAt;
        }
    }

    /**
     * @param curve          whether the socket is a CURVE server
     * @param handshakeNanos the socket's handshake interval (0 when it has none)
     */
    BoundHandshakes(boolean curve, long handshakeNanos) {
        this.curve = curve;
        this.handshakeNanos = handshakeNanos > 0 ? handshakeNanos : TimeUnit.SECONDS.toNanos(30);
    }

    /**
     * One monitor event.
     *
     * @param value the connection's channel for ACCEPTED and DISCONNECTED (null when jeromq lost it), the
     *              protocol code for HANDSHAKE_FAILED_PROTOCOL
     * @return the refusal this event shows, or null
     */
    Refusal onEvent(ZMonitor.Event event, Object value, long now) {
        forgetFinishedHandshakes(now);
        switch (event) {
            case ACCEPTED -> {
                if (value != null) {
                    String[] peer = peerOf(value);
                    open.put(value, new Connection(peer[0], peer[1], now));
                }
            }
            case HANDSHAKE_PROTOCOL -> {
                for (Connection c : open.values()) {
                    if (!c.greeted) {
                        c.greeted = true;
                        break;
                    }
                }
            }
            case HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_NO_DETAIL, HANDSHAKE_FAILED_AUTH ->
                    failures.add(String.valueOf(value));
            case DISCONNECTED -> {
                Connection c = value == null ? null : open.remove(value);
                if (c == null) {
                    return null;
                }
                if (c.greeted && !failures.isEmpty()) {
                    return new Refusal(c.host, "refused " + c.address + ": " + failed(failures.poll()));
                }
                if (!c.greeted && now - c.acceptedAt < handshakeNanos * 9 / 10) {
                    return new Refusal(c.host, curve
                            ? "refused " + c.address + ": it does not use CURVE (or does not speak ZeroMQ)"
                            : "refused " + c.address + ": its greeting is not plain ZeroMQ (it may use CURVE, which "
                                    + "this server was not given, or not speak ZeroMQ)");
                }
            }
            default -> {
            }
        }
        return null;
    }

    private String failed(String code) {
        if (curve && code.equals(ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC.name())) {
            return "its CURVE handshake does not decrypt with this server's key (its --curve-server is another "
                    + "server's certificate)";
        }
        return "its handshake failed (" + code + ")";
    }

    private void forgetFinishedHandshakes(long now) {
        Iterator<Connection> oldest = open.values().iterator();
        while (oldest.hasNext()) {
            Connection c = oldest.next();
            if (now - c.acceptedAt < FORGET_AFTER_HANDSHAKES * handshakeNanos) {
                break;
            }
            oldest.remove();
        }
        if (open.isEmpty()) {
            failures.clear();
        }
    }

    /** {host, host:port} of an accepted channel; jeromq keeps its remote address readable after close. */
    private static String[] peerOf(Object channel) {
        try {
            SocketAddress remote = channel instanceof SocketChannel socket ? socket.socket().getRemoteSocketAddress()
                    : null;
            if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
                String host = inet.getAddress().getHostAddress();
                return new String[] {host, (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort()};
            }
        } catch (RuntimeException unreadable) {
            // fall through
        }
        return new String[] {"an unknown address", "an unknown address"};
    }
}
