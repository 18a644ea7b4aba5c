package dev.asynccom.transport.zmq;

import org.junit.jupiter.api.Test;
import org.zeromq.ZMonitor;
import org.zeromq.ZMonitor.Event;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event sequences jeromq 0.6.0 gives a connecting socket (recorded in {@link CurveAdmissionTest}'s runs and
 * described in {@link ConnectingHandshakes}), replayed with chosen times: each refusal gets its sentence, and the
 * look-alikes that are no refusal (a server that stopped, a stalled handshake) get none.
 */
class ConnectingHandshakesTest {
    private static final String SERVER = "tcp://127.0.0.1:40001";
    private static final long IVL = TimeUnit.MILLISECONDS.toNanos(500);
    private final CurveSetup.Client curve = new CurveSetup.Client(CurveCertificate.generate(),
            CurveCertificate.generate().publicOnly(), Path.of("keys/server"));

    private long now;

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Feeds {@code event} at {@code at} ms; the sentence it gives, if any. */
    private String feed(ConnectingHandshakes h, Event event, Object value, long at) {
        now = ms(at);
        return h.onEvent(event, SERVER, value, now);
    }

    /** Ticks every 10 ms from the last event up to {@code until} ms; the first sentence, if any. */
    private String tickUntil(ConnectingHandshakes h, long until) {
        for (; now <= ms(until); now += ms(10)) {
            String s = h.onTick(now);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    @Test
    void keyNotAdmittedIsToldAtTheAuthFailure() {
        ConnectingHandshakes h = new ConnectingHandshakes(curve, "client", IVL);
        assertNull(feed(h, Event.CONNECTED, null, 10));
        assertNull(feed(h, Event.HANDSHAKE_PROTOCOL, 3, 30));

        String sentence = feed(h, Event.HANDSHAKE_FAILED_AUTH, 400, 180);

        assertEquals("the server at " + SERVER + " refused this client's key " + curve.own().publicKey()
                + " (is its certificate in the server's --curve-allow folder?)", sentence);
    }

    @Test
    void curveClientAgainstAPlainServerIsToldAtTheSecondGreetinglessDisconnect() {
        ConnectingHandshakes h = new ConnectingHandshakes(curve, "worker", IVL);
        feed(h, Event.CONNECTED, null, 10);
        assertNull(feed(h, Event.DISCONNECTED, null, 22));
        assertNull(feed(h, Event.CONNECT_RETRIED, 154, 23));
        feed(h, Event.CONNECTED, null, 180);
        feed(h, Event.DISCONNECTED, null, 181);

        String sentence = feed(h, Event.CONNECT_RETRIED, 139, 182);

        assertTrue(sentence.startsWith("the server at " + SERVER + " does not use CURVE (or is not a ZeroMQ server), "
                + "but this worker was given --curve-server"), sentence);
    }

    @Test
    void plainClientAgainstACurveServerIsToldWhenJeromqGivesUp() {
        ConnectingHandshakes h = new ConnectingHandshakes(null, "client", IVL);
        feed(h, Event.CONNECTED, null, 10);
        feed(h, Event.DISCONNECTED, null, 21); // jeromq saw the CURVE greeting itself: no retry follows

        String sentence = tickUntil(h, 600);

        assertEquals("the server at " + SERVER + " uses CURVE (or is not a ZeroMQ server): give this client "
                + "--curve-secret and --curve-server", sentence);
        assertTrue(now - ms(21) >= ConnectingHandshakes.SETTLE_NANOS);
    }

    @Test
    void wrongServerKeyIsAGreetedDisconnectWithoutRetry() {
        ConnectingHandshakes h = new ConnectingHandshakes(curve, "client", IVL);
        feed(h, Event.CONNECTED, null, 10);
        feed(h, Event.HANDSHAKE_PROTOCOL, 3, 60);
        feed(h, Event.DISCONNECTED, null, 95);

        String sentence = tickUntil(h, 600);

        assertEquals("the server at " + SERVER + " dropped the CURVE handshake: its key is not "
                + curve.server().publicKey() + " from --curve-server keys/server (give this client that server's "
                + "own public certificate)", sentence);
    }

    @Test
    void aServerThatStopsAfterTheHandshakeIsNoRefusal() {
        ConnectingHandshakes h = new ConnectingHandshakes(curve, "client", IVL);
        feed(h, Event.CONNECTED, null, 10);
        feed(h, Event.HANDSHAKE_PROTOCOL, 3, 60);
        feed(h, Event.DISCONNECTED, null, 95);
        assertNull(feed(h, Event.CONNECT_RETRIED, 100, 96)); // jeromq reconnects: the connection was lost

        assertNull(tickUntil(h, 2_000));
    }

    @Test
    void aStalledHandshakeTimedOutByJeromqIsNoRefusal() {
        ConnectingHandshakes h = new ConnectingHandshakes(null, "client", IVL);
        for (int attempt = 0; attempt < 5; attempt++) {
            long start = attempt * 700L;
            feed(h, Event.CONNECTED, null, start);
            assertNull(feed(h, Event.DISCONNECTED, null, start + 500)); // the handshake interval ran out
            assertNull(feed(h, Event.CONNECT_RETRIED, 100, start + 501));
        }

        assertNull(tickUntil(h, 5_000));
    }

    @Test
    void oneGreetinglessDisconnectFollowedByAWorkingConnectionIsNoRefusal() {
        ConnectingHandshakes h = new ConnectingHandshakes(null, "client", IVL);
        feed(h, Event.CONNECTED, null, 10);
        feed(h, Event.DISCONNECTED, null, 12); // e.g. a server closing its listener as it restarts
        feed(h, Event.CONNECT_RETRIED, 100, 13);
        feed(h, Event.CONNECTED, null, 200);
        feed(h, Event.HANDSHAKE_PROTOCOL, 3, 210);
        feed(h, Event.DISCONNECTED, null, 2_000);
        feed(h, Event.CONNECT_RETRIED, 100, 2_001);
        feed(h, Event.CONNECTED, null, 2_100);
        feed(h, Event.DISCONNECTED, null, 2_102);
        assertNull(feed(h, Event.CONNECT_RETRIED, 100, 2_103));

        assertNull(tickUntil(h, 3_000));
    }

    @Test
    void aProtocolFailureOnThisSideIsToldWithItsCode() {
        ConnectingHandshakes h = new ConnectingHandshakes(curve, "client", IVL);
        feed(h, Event.CONNECTED, null, 10);

        String sentence = feed(h, Event.HANDSHAKE_FAILED_PROTOCOL,
                ZMonitor.ProtocolCode.ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC, 40);

        assertEquals("the CURVE handshake with the server at " + SERVER + " failed "
                + "(ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC): is --curve-server keys/server that server's certificate?",
                sentence);
    }
}
