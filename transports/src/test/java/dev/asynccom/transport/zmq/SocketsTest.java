package dev.asynccom.transport.zmq;

import dev.asynccom.core.OpenDescriptors;
import dev.asynccom.transport.codec.WireCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketsTest {
    @Test
    void everySocketRetriesAStalledHandshakeWithinASecondRatherThanThirty() {
        try (ZContext context = new ZContext()) {
            for (SocketType type : new SocketType[]{SocketType.PUSH, SocketType.PULL}) {
                ZMQ.Socket socket = Sockets.open(context, type, ZmqOptions.defaults());
                assertEquals(Sockets.HANDSHAKE_IVL_MILLIS, socket.getHandshakeIvl(), type.name());
                socket.close();
            }
        }
    }

    /**
     * jeromq 0.6.0 stalls about one handshake in twenty (see {@link Sockets#HANDSHAKE_IVL_MILLIS}). A socket
     * that connects, queues a frame and closes at once delivers it all the same: the handshake timer retries
     * the stalled connection well within the linger. With jeromq's 30 s default, a few of these rounds lost
     * their frame when the linger ran out.
     */
    @Test
    void aFrameQueuedOnAFreshConnectionLeavesBeforeTheSocketCloses() {
        int rounds = 100;
        try (ZContext serverContext = new ZContext()) {
            ZMQ.Socket router = Sockets.open(serverContext, SocketType.ROUTER, ZmqOptions.defaults());
            String endpoint = Sockets.bind(router, "tcp://127.0.0.1:0");
            router.setReceiveTimeOut(5_000);
            for (int round = 0; round < rounds; round++) {
                try (ZContext context = new ZContext()) {
                    ZMQ.Socket dealer = Sockets.open(context, SocketType.DEALER, ZmqOptions.defaults()
                            .withLingerMillis(3_000));
                    dealer.connect(endpoint);
                    dealer.send(new byte[] {(byte) round});
                } // closing waits out the linger while the frame is queued
                byte[] identity = router.recv();
                assertNotNull(identity, "round " + round + ": the frame never left");
                assertArrayEquals(new byte[] {(byte) round}, router.recv(), "round " + round);
            }
        }
    }

    @Test
    void everySocketCapsMessagesAtTheProtocolsFrameLimit() {
        try (ZContext context = new ZContext()) {
            for (SocketType type : new SocketType[]{SocketType.PUSH, SocketType.PULL, SocketType.ROUTER,
                    SocketType.DEALER}) {
                ZMQ.Socket socket = Sockets.open(context, type, ZmqOptions.defaults());
                assertEquals(WireCodec.MAX_FRAME_BYTES, socket.getMaxMsgSize(), type.name());
                socket.close();
            }
        }
    }

    /**
     * {@link Sockets#closeAndAwait} waits for jeromq to report the socket finished, and a context terminated
     * next leaves none of the socket's connections open. (The race this prevents struck once in 3,000 to
     * 10,000 closes here, too rarely for a unit test to catch; {@code DescriptorBaselineTest} in the benchmarks
     * module checks 200 clients' descriptors, the note on {@code closeAndAwait} gives the stress figures.)
     * The client's end of each connection is found by its ports in {@code /proc/self/net}.
     */
    @Test
    @Timeout(30)
    void closeAndAwaitWaitsForTheSocketAndItsContextLeavesNoConnectionOpen() throws IOException {
        try (ZContext serverContext = new ZContext()) {
            ZMQ.Socket router = Sockets.open(serverContext, SocketType.ROUTER, ZmqOptions.defaults());
            String endpoint = Sockets.bind(router, "tcp://127.0.0.1:0");
            int port = URI.create(endpoint).getPort();
            router.setReceiveTimeOut(5_000);
            for (int round = 0; round < 20; round++) {
                ZContext context = new ZContext();
                ZMQ.Socket dealer = Sockets.open(context, SocketType.DEALER, ZmqOptions.defaults());
                dealer.connect(endpoint);
                dealer.send(new byte[] {(byte) round});
                assertNotNull(router.recv(), "round " + round + ": the frame never came");
                router.recv();
                Set<String> clientEnds = connectionsTo(port);
                assertEquals(1, clientEnds.size(), "round " + round + ": the client's end of the connection");
                assertTrue(openSockets().containsAll(clientEnds), "round " + round);

                assertTrue(Sockets.closeAndAwait(context, dealer), "round " + round + ": jeromq never finished it");
                context.close();
                assertFalse(openSockets().stream().anyMatch(clientEnds::contains),
                        "round " + round + ": the connection " + clientEnds + " is still open");
            }
        }
    }

    /** A socket already watched by a monitor (as every transport's is) is closed as well: jeromq allows one. */
    @Test
    @Timeout(30)
    void closeAndAwaitStopsAMonitorAlreadyWatchingTheSocket() {
        try (ZContext context = new ZContext()) {
            ZMQ.Socket router = Sockets.open(context, SocketType.ROUTER, ZmqOptions.defaults());
            Sockets.bind(router, "tcp://127.0.0.1:0");
            assertTrue(router.monitor("inproc://sockets-test-watched", ZMQ.EVENT_ALL));
            ZMQ.Socket watcher = context.createSocket(SocketType.PAIR);
            watcher.connect("inproc://sockets-test-watched");
            assertTrue(Sockets.closeAndAwait(context, router));
            watcher.close();
        } // and the context terminates
    }

    /**
     * A frame that can never leave (nobody listens) holds the socket for its linger, and then jeromq finishes
     * it: closeAndAwait waits that long, not for ever, and the context terminates.
     */
    @Test
    @Timeout(30)
    void closeAndAwaitIsBoundedWhenAFrameCannotLeave() {
        try (ZContext context = new ZContext()) {
            ZMQ.Socket dealer = Sockets.open(context, SocketType.DEALER, ZmqOptions.defaults().withLingerMillis(300));
            dealer.connect("tcp://127.0.0.1:1"); // refused: the frame stays queued
            assertTrue(dealer.send(new byte[] {1}, ZMQ.DONTWAIT));
            assertTrue(Sockets.closeAndAwait(context, dealer));
        }
    }

    /** Inodes of this process's TCP connections whose remote port is {@code port}, from /proc/self/net. */
    private static Set<String> connectionsTo(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[2].endsWith(":" + String.format("%04X", port)) && f[3].equals("01")) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        return inodes;
    }

    /** What this process's descriptors point at: {@code socket:[inode]} for a socket. */
    private static Set<String> openSockets() throws IOException {
        return new HashSet<>(OpenDescriptors.of(ProcessHandle.current().pid()).values());
    }
}
