package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * jeromq #1009 ("PUSH-PULL with curve leads to loss of events in case of a backpressure"), tested rather than
 * assumed: a fast sender and a receiver that stops every so often, over CURVE links on 127.0.0.1 with
 * high-water marks of 10, so the link is pushed into backpressure again and again.
 *
 * <p>Found with jeromq 0.6.0: no frame is lost, but whenever the receive queue is full as a message is
 * decrypted, that message is replaced by its ciphertext (see {@link CurveSetup}). So every CURVE socket is
 * set up with an unlimited receive queue, and with that, every message arrives exactly once and in order.
 * The second test pins the bug itself: when a jeromq upgrade fixes it, it fails, and the receive queue can be
 * bounded again.
 */
@Timeout(180)
class CurveBackpressureTest {
    private static final int MESSAGES = 200_000;
    private static final int HWM = 10;
    /** The receiver stops this long every {@link #PAUSE_EVERY} messages, so the sender outruns it. */
    private static final int PAUSE_MILLIS = 20;
    private static final int PAUSE_EVERY = 10_000;
    private static final long SEND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final byte[] CURVE_MESSAGE_COMMAND = "\u0007MESSAGE".getBytes(StandardCharsets.US_ASCII);

    /** Who sends, who receives: the server's socket is bound, the client's connects. */
    enum Direction {
        PUSH_TO_PULL(SocketType.PULL, SocketType.PUSH, false),
        DEALER_TO_ROUTER(SocketType.ROUTER, SocketType.DEALER, false),
        ROUTER_TO_DEALER(SocketType.ROUTER, SocketType.DEALER, true);

        final SocketType server;
        final SocketType client;
        final boolean serverSends;

        Direction(SocketType server, SocketType client, boolean serverSends) {
            this.server = server;
            this.client = client;
            this.serverSends = serverSends;
        }
    }

    /**
     * What a receiver saw, how often the sender found the link full (so waited), and how long it all took.
     */
    record Received(long inOrder, long ciphertext, long outOfOrder, long senderWaits, long millis) {
        /** The counts alone, to compare. */
        List<Long> counts() {
            return List.of(inOrder, ciphertext, outOfOrder);
        }
    }

    @TempDir
    Path dir;

    private final ZContext context = new ZContext();
    private CurveAdmission admission;

    @AfterEach
    void close() {
        if (admission != null) {
            admission.close();
        }
        context.close();
    }

    /** A CURVE server socket and a CURVE client socket connected to it, both set up by {@link CurveSetup}. */
    private ZMQ.Socket[] curveLink(Direction direction) throws Exception {
        CurveCertificate serverKey = CurveCertificate.generate();
        CurveCertificate clientKey = CurveCertificate.generate();
        Path allow = Files.createDirectories(dir.resolve("allow"));
        clientKey.publicOnly().writePublic(allow.resolve("client"));
        serverKey.writeSecret(dir.resolve("server_secret"));
        clientKey.writeSecret(dir.resolve("client_secret"));
        serverKey.publicOnly().writePublic(dir.resolve("server"));
        CurveSetup.Server serverSetup = CurveSetup.forServer(dir.resolve("server_secret"), allow).orElseThrow();
        CurveSetup.Client clientSetup = CurveSetup.forClient(dir.resolve("client_secret"), dir.resolve("server"))
                .orElseThrow();
        admission = CurveAdmission.start(context, serverSetup, new RefusalLog(line -> { }, NanoClock.system()));

        ZMQ.Socket server = context.createSocket(direction.server);
        server.setSndHWM(HWM);
        server.setRcvHWM(HWM);
        server.setLinger(0);
        serverSetup.apply(server, admission);
        if (direction.server == SocketType.ROUTER) {
            server.setRouterMandatory(true);
        }
        Sockets.bind(server, "tcp://127.0.0.1:0");
        ZMQ.Socket client = context.createSocket(direction.client);
        client.setSndHWM(HWM);
        client.setRcvHWM(HWM);
        client.setLinger(0);
        clientSetup.apply(client);
        Sockets.connect(client, server.getLastEndpoint());
        return new ZMQ.Socket[] {server, client};
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void everyMessageArrivesOnceAndInOrderThroughACurveLinkUnderBackpressure(Direction direction) throws Exception {
        ZMQ.Socket[] link = curveLink(direction);

        Received received = drive(direction, link[0], link[1], MESSAGES);

        System.out.printf("%s, CURVE, receive queue unlimited (CurveSetup): %s%n", direction, received);
        assertEquals(List.of((long) MESSAGES, 0L, 0L), received.counts(), "in order, ciphertext, out of order");
        assertTrue(received.senderWaits() > 0, "the link never pushed back: " + received);
    }

    @Test
    void jeromq1009CurveWithABoundedReceiveQueueStillReplacesMessagesWithTheirCiphertext() throws Exception {
        ZMQ.Socket[] link = curveLink(Direction.PUSH_TO_PULL);
        link[0].setRcvHWM(HWM); // undo the workaround, before any connection exists

        // The bug shows when a frame is decrypted while the receive queue is full; on a loaded machine a round of
        // 20,000 can miss that moment (once while another build ran), so up to five rounds on the same link.
        Received received = null;
        for (int round = 0; round < 5 && (received == null || received.ciphertext() == 0); round++) {
            received = drive(Direction.PUSH_TO_PULL, link[0], link[1], MESSAGES / 10);
            System.out.printf("PUSH_TO_PULL, CURVE, receive queue of %d, round %d: %s%n", HWM, round + 1, received);
            assertEquals(MESSAGES / 10, received.inOrder() + received.ciphertext(), "frames are replaced, never dropped");
            assertEquals(0, received.outOfOrder());
        }
        assertTrue(received.ciphertext() > 0, "jeromq #1009 seems fixed: every message of five rounds arrived as "
                + "sent (the last: " + received + "); CurveSetup.RECEIVE_HWM may be bounded again");
    }

    /** Sends one frame, waiting out backpressure (the high-water mark) for up to 30 s. */
    private static void sendWaiting(ZMQ.Socket socket, byte[] frame, int flags, AtomicLong waits) {
        long deadline = System.nanoTime() + SEND_TIMEOUT_NANOS;
        while (!socket.send(frame, flags | ZMQ.DONTWAIT)) {
            waits.incrementAndGet();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("backpressure did not let up for 30 s");
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /**
     * Sends {@code count} numbered 8-byte messages from one end while the other receives them, pausing
     * {@value #PAUSE_MILLIS} ms every {@value #PAUSE_EVERY}; counts those that arrive in order, the CURVE
     * MESSAGE commands jeromq delivered in their place, and any other disorder.
     */
    private Received drive(Direction direction, ZMQ.Socket server, ZMQ.Socket client, int count) throws Exception {
        long start = System.nanoTime();
        ZMQ.Socket sender = direction.serverSends ? server : client;
        ZMQ.Socket receiver = direction.serverSends ? client : server;
        byte[] routing = null;
        if (direction.serverSends) { // the ROUTER learns the DEALER's identity from a first message
            assertTrue(client.send("hello"));
            server.setReceiveTimeOut(10_000);
            routing = server.recv();
            server.recv();
        }
        byte[] identity = routing;
        AtomicLong waits = new AtomicLong();
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            for (long i = 0; i < count; i++) {
                if (identity != null) {
                    sendWaiting(sender, identity, ZMQ.SNDMORE, waits);
                    // ROUTER_MANDATORY: once the identity is taken, the frame after it is taken as well
                    assertTrue(sender.send(ByteBuffer.allocate(8).putLong(i).array(), 0));
                } else {
                    sendWaiting(sender, ByteBuffer.allocate(8).putLong(i).array(), 0, waits);
                }
            }
        });
        long inOrder = 0;
        long ciphertext = 0;
        long outOfOrder = 0;
        long expected = 0;
        receiver.setReceiveTimeOut(10_000);
        for (long n = 0; n < count; n++) {
            byte[] frame = receiver.recv();
            if (frame != null && direction == Direction.DEALER_TO_ROUTER) {
                frame = receiver.recv(); // after the peer's identity
            }
            if (frame == null) {
                throw new AssertionError("nothing for 10 s after " + n + " messages (" + inOrder + " in order)");
            }
            if (frame.length == 8 && ByteBuffer.wrap(frame).getLong() == expected) {
                inOrder++;
            } else if (frame.length > 8 && Arrays.equals(frame, 0, CURVE_MESSAGE_COMMAND.length,
                    CURVE_MESSAGE_COMMAND, 0, CURVE_MESSAGE_COMMAND.length)) {
                ciphertext++;
            } else {
                outOfOrder++;
            }
            expected++;
            if ((n + 1) % PAUSE_EVERY == 0) {
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        sent.get(30, TimeUnit.SECONDS);
        return new Received(inOrder, ciphertext, outOfOrder, waits.get(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
