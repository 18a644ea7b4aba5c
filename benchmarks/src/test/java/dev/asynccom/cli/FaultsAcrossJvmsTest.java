package dev.asynccom.cli;

import dev.asynccom.transport.zmq.ZmqTransports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What goes wrong between a client and a server, each in its own JVM over tcp loopback: unknown commands,
 * bad frames, a server that dies, a client that goes away. Nothing may hang: every wait is bounded.
 */
class FaultsAcrossJvmsTest {
    private static final Duration RUN = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void unknownCommandsAndAnAllUnknownBatchComeBackAsUnknownAndExitThree() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(32, 2, "0"));
        List<String> commands = new ArrayList<>();
        List<String> known = CliRig.commandLines(32);
        // Batch 1: half known; batch 2: all unknown (the seed's client would wait forever); batch 3: known.
        commands.addAll(known.subList(0, 8));
        for (int i = 0; i < 8; i++) {
            commands.add("10.9.9." + i + ":nope");
        }
        for (int i = 0; i < 16; i++) {
            commands.add("10.9.8." + i + ":foo");
        }
        commands.addAll(known.subList(16, 32));
        Path file = CliRig.write(dir.resolve("commands.txt"), commands);
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, clientEndpoint, 2, "--strategy", "platform");
             ChildProcess client = CliRig.startClient("client", file.toString(), "16", clientEndpoint,
                     server.endpoint(), "--timeout", "30s")) {

            int exit = client.awaitExit(RUN);

            assertEquals(ExitCodes.NOT_ALL_OK, exit, client.transcript());
            assertEquals(24, CliRig.count(client.out(), "ok"), client.out());
            assertEquals(24, CliRig.count(client.out(), "unknown"), client.out());
            assertEquals(0, CliRig.count(client.out(), "missing"), client.out());
            assertEquals(48, CliRig.count(client.out(), "response sum"), client.out());
            // Ctrl-C drains and ends the server as SIGTERM does.
            assertEquals(ExitCodes.OK, server.process().interrupt(RUN), server.process().transcript());
            assertTrue(server.process().err().contains("stopped after draining: 48 tasks in 3 batches received"),
                    server.process().transcript());
        }
    }

    @Test
    void malformedAndOversizedFramesLeaveTheServerServingTheNextClient() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(64, 1, "0"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(64));
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, clientEndpoint, 2, "--strategy", "platform")) {
            sendRaw(server.endpoint(), List.of(
                    "not a frame".getBytes(StandardCharsets.US_ASCII),
                    new byte[] {'A', 'C', 1, 1, 7, 0}, // a task frame cut short
                    "[1, \"5f0c\", [\"10.0.0.0:foo\"]]".getBytes(StandardCharsets.US_ASCII))); // seed JSON, wrong codec
            // One byte over the 16 MiB bound: jeromq drops the frame and the peer that sent it.
            sendRaw(server.endpoint(), List.of(new byte[(16 << 20) + 1]));

            try (ChildProcess client = CliRig.startClient("client", file.toString(), "16", clientEndpoint,
                    server.endpoint(), "--timeout", "30s", "--warmup", "1")) {
                assertEquals(ExitCodes.OK, client.awaitExit(RUN), client.transcript());
                assertEquals(64, CliRig.count(client.out(), "ok"), client.out());
                assertTrue(client.err().contains("warm-up 1/1: 64 ok, 0 missing"), client.transcript());
            }
            assertEquals(ExitCodes.OK, server.process().terminate(RUN), server.process().transcript());
            assertEquals(3, malformedFrames(server.process().err()), server.process().transcript());
            assertTrue(server.process().err().contains("128 tasks in 8 batches received"), "warm-up and run");
        }
    }

    /**
     * A 50 MB frame, three times the protocol's limit, sent to a server whose whole heap is 40 MB: jeromq
     * reads the announced length, drops the connection before allocating the frame, and the server goes on
     * serving. Had the frame been allocated, the server would have run out of memory.
     */
    @Test
    void aFrameOverTheLimitIsRefusedWithoutBeingAllocated() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(64, 1, "0"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(64));
        try (CliRig.Server server = CliRig.startServerWith("small-server", List.of("-Xmx40m",
                "-XX:+ExitOnOutOfMemoryError"), "tcp://127.0.0.1:0", map, "tcp://127.0.0.1:1", 2, "--strategy",
                "platform")) {
            ChildProcess process = server.process();
            String endpoint = server.endpoint();
            sendRaw(endpoint, List.of(new byte[50_000_000]));
            try (ChildProcess client = CliRig.startClient("client", file.toString(), "16", "tcp://127.0.0.1:1",
                    endpoint, "--timeout", "30s")) {
                assertEquals(ExitCodes.OK, client.awaitExit(RUN), client.transcript() + process.transcript());
                assertEquals(64, CliRig.count(client.out(), "ok"), client.out());
            }
            assertEquals(ExitCodes.OK, process.terminate(RUN), process.transcript());
        }
    }

    /**
     * A binary client aimed at a {@code --codec seed} server: their sockets do not match (DEALER against
     * PULL), so jeromq closes each connection right after its handshake. The client says so in one sentence
     * long before its 60 s timeout, and the server counts the closed connections.
     */
    @Test
    void aBinaryClientAgainstASeedServerSaysItIsTheWrongKindOfServer() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(16, 1, "0"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(16));
        try (CliRig.Server server = CliRig.startServer("seed-server", map, CliRig.freeEndpoint(), 2, "--codec", "seed");
             ChildProcess client = CliRig.startClient("client", file.toString(), "16", "tcp://127.0.0.1:1",
                     server.endpoint(), "--timeout", "60s")) {
            assertEquals(ExitCodes.BAD_INPUT, client.awaitExit(Duration.ofSeconds(40)), client.transcript());
            assertTrue(client.err().contains("ended the connection during the ZeroMQ handshake")
                    && client.err().contains("--codec seed"), client.transcript());
        }
    }

    @Test
    void serverKilledMidRunLeavesTheClientListingMissingIdsAndExitingOne() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(64, 1, "30"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(64));
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, clientEndpoint, 64, "--strategy", "virtual");
             ChildProcess client = CliRig.startClient("client", file.toString(), "16", clientEndpoint,
                     server.endpoint(), "--timeout", "3s")) {
            client.awaitErrLine("asynccom client: sending", CliRig.START);
            // Tasks of 30 s each: the server holds all 64 when it dies.
            TimeUnit.SECONDS.sleep(1);
            server.process().kill();

            int exit = client.awaitExit(RUN);

            assertEquals(ExitCodes.MISSING, exit, client.transcript());
            assertEquals(64, CliRig.count(client.out(), "missing"), client.out());
            assertTrue(client.out().contains("missing       64 (no result came for --timeout)"), client.out());
            // Each id named with its command and its line in the commands file.
            Matcher ids = Pattern.compile("(?m)^missing ids +((?:\\d+ \\(10\\.0\\.0\\.\\d+:foo, line \\d+\\), ){19}"
                    + "\\d+ \\(10\\.0\\.0\\.\\d+:foo, line \\d+\\)) \\.\\.\\. and 44 more$").matcher(client.out());
            assertTrue(ids.find(), client.out());
        }
    }

    @Test
    void clientThatGoesAwayLeavesTheServerServingTheNextClients() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(1000, 1, "0.001"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(1000));
        String firstEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, firstEndpoint, 2, "--strategy", "platform")) {
            // 5000 tasks of 1 ms on 2 threads: 2.5 s of work; the client goes after a fraction of it.
            try (ChildProcess gone = CliRig.startClient("gone", file.toString(), "16", firstEndpoint,
                    server.endpoint(), "--repeat", "5")) {
                gone.awaitErrLine("asynccom client: sending", CliRig.START);
                TimeUnit.MILLISECONDS.sleep(500);
                gone.kill();
            }
            // A client elsewhere: the server's results for the dead one must not hold its results up.
            try (ChildProcess next = CliRig.startClient("next", file.toString(), "16", CliRig.freeEndpoint(),
                    server.endpoint(), "--timeout", "60s")) {
                assertEquals(ExitCodes.OK, next.awaitExit(RUN), next.transcript());
                assertEquals(1000, CliRig.count(next.out(), "ok"), next.out());
            }
            // A client on the dead one's endpoint, as the seed's fixed URLs make it: late results of the dead
            // client may arrive there, and must not pass for answers.
            try (ChildProcess successor = CliRig.startClient("successor", file.toString(), "16", firstEndpoint,
                    server.endpoint(), "--timeout", "60s")) {
                assertEquals(ExitCodes.OK, successor.awaitExit(RUN), successor.transcript());
                assertEquals(1000, CliRig.count(successor.out(), "ok"), successor.out());
                assertEquals(0, CliRig.count(successor.out(), "duplicates"), successor.out());
            }
            assertEquals(ExitCodes.OK, server.process().terminate(RUN), server.process().transcript());
        }
    }

    /**
     * Pushes raw frames to {@code endpoint} from a socket of its own, waiting until they have left. The
     * socket retries a stalled handshake as ours do: with jeromq's 30 s default, the one connection in
     * twenty whose handshake stalls outlived the linger and its frames never left.
     */
    private static void sendRaw(String endpoint, List<byte[]> frames) {
        try (ZMQ.Context context = ZMQ.context(1); ZMQ.Socket dealer = context.socket(SocketType.DEALER)) {
            dealer.setLinger(10_000);
            dealer.setHandshakeIvl(ZmqTransports.HANDSHAKE_IVL_MILLIS);
            dealer.connect(endpoint);
            for (byte[] frame : frames) {
                assertTrue(dealer.send(frame, 0));
            }
        }
    }

    private static long malformedFrames(String serverErr) {
        Matcher m = Pattern.compile("(\\d+) malformed frames").matcher(serverErr);
        assertTrue(m.find(), serverErr);
        return Long.parseLong(m.group(1));
    }
}
