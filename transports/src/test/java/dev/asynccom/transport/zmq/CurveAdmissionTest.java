package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admission over 127.0.0.1 with raw jeromq pairs (ROUTER bound by the server and DEALER connecting, as the
 * binary codec's links; PULL bound and PUSH connecting too): an admitted key is served, every other peer is
 * refused, counted and logged, and the refused side is told why within seconds. Each case prints what it saw
 * and when (in the surefire report's output).
 */
@Timeout(60)
class CurveAdmissionTest {
    /** A refused side must know within this; jeromq shows every case in well under a second here. */
    private static final Duration TOLD_WITHIN = Duration.ofSeconds(3);

    /** The socket types of one link: the server's, bound, and the peer's, connecting. */
    enum Link {
        ROUTER_DEALER(SocketType.ROUTER, SocketType.DEALER),
        PULL_PUSH(SocketType.PULL, SocketType.PUSH);

        final SocketType server;
        final SocketType client;

        Link(SocketType server, SocketType client) {
            this.server = server;
            this.client = client;
        }
    }

    @TempDir
    Path dir;

    private final List<String> serverLog = Collections.synchronizedList(new ArrayList<>());
    private final RefusalLog log = new RefusalLog(serverLog::add, NanoClock.system());
    private final ZContext serverContext = new ZContext();
    private final ZContext clientContext = new ZContext();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final CurveCertificate serverKey = CurveCertificate.generate();
    private final CurveCertificate clientKey = CurveCertificate.generate();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        clientContext.close();
        serverContext.close();
    }

    private Path allowFolder() throws IOException {
        return Files.createDirectories(dir.resolve("allow"));
    }

    private Path allow(CurveCertificate key, String name) throws IOException {
        Path file = allowFolder().resolve(name);
        key.publicOnly().writePublic(file);
        return file;
    }

    private Path serverPublicFile(CurveCertificate key) throws IOException {
        Path file = dir.resolve("server-" + key.publicKey().hashCode());
        if (!Files.exists(file)) {
            key.publicOnly().writePublic(file);
        }
        return file;
    }

    private CurveSetup.Server serverSetup() throws IOException {
        Path secret = dir.resolve("server_secret");
        if (!Files.exists(secret)) {
            serverKey.writeSecret(secret);
        }
        return CurveSetup.forServer(secret, allowFolder()).orElseThrow();
    }

    private CurveSetup.Client clientSetup(CurveCertificate own, CurveCertificate server) throws IOException {
        Path secret = dir.resolve("client-" + own.publicKey().hashCode() + "_secret");
        if (!Files.exists(secret)) {
            own.writeSecret(secret);
        }
        return CurveSetup.forClient(secret, serverPublicFile(server)).orElseThrow();
    }

    /** A server socket bound on 127.0.0.1, CURVE with admission (and its monitor) when {@code admission} is set. */
    private ZMQ.Socket server(SocketType type, CurveAdmission admission, CurveSetup.Server setup) {
        ZMQ.Socket socket = serverContext.createSocket(type);
        socket.setLinger(0);
        socket.setHandshakeIvl(Sockets.HANDSHAKE_IVL_MILLIS);
        if (admission != null) {
            setup.apply(socket, admission);
            open.add(admission.watch(socket));
        } else {
            open.add(HandshakeMonitor.watchBound(serverContext, socket, false, log));
        }
        Sockets.bind(socket, "tcp://127.0.0.1:0");
        open.add(socket::close);
        return socket;
    }

    private CurveAdmission admission(CurveSetup.Server setup) {
        CurveAdmission admission = CurveAdmission.start(serverContext, setup, log);
        open.add(admission);
        return admission;
    }

    /** A connecting peer and what its monitor tells. */
    private record Peer(ZMQ.Socket socket, HandshakeMonitor monitor, CompletableFuture<String> refusal,
                        long connectedAt) {
        /** The refusal sentence, and how long after connecting it came. */
        String told(String what) throws Exception {
            String sentence = refusal.get(TOLD_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAt);
            System.out.printf("%s: told after %d ms: %s%n", what, millis, sentence);
            assertEquals(1, sentence.lines().count(), sentence);
            return sentence;
        }
    }

    private Peer client(SocketType type, CurveSetup.Client setup, ZMQ.Socket server) {
        ZMQ.Socket socket = clientContext.createSocket(type);
        socket.setLinger(0);
        socket.setHandshakeIvl(Sockets.HANDSHAKE_IVL_MILLIS);
        if (setup != null) {
            setup.apply(socket);
        }
        CompletableFuture<String> refusal = new CompletableFuture<>();
        HandshakeMonitor monitor = HandshakeMonitor.watchConnecting(clientContext, socket, setup, "client",
                refusal::complete);
        open.add(monitor);
        long connectedAt = System.nanoTime();
        Sockets.connect(socket, server.getLastEndpoint());
        open.add(socket::close);
        return new Peer(socket, monitor, refusal, connectedAt);
    }

    /** Sends one message from the peer and, for ROUTER/DEALER, answers it; asserts both arrive. */
    private static void roundTrip(Link link, ZMQ.Socket server, Peer peer) {
        server.setReceiveTimeOut(5_000);
        peer.socket.setReceiveTimeOut(5_000);
        assertTrue(peer.socket.send("ping"));
        if (link == Link.ROUTER_DEALER) {
            byte[] identity = server.recv();
            assertArrayEquals("ping".getBytes(StandardCharsets.UTF_8), server.recv());
            server.sendMore(identity);
            server.send("pong");
            assertEquals("pong", peer.socket.recvStr());
        } else {
            assertEquals("ping", server.recvStr());
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TOLD_WITHIN.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + TOLD_WITHIN + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    private String serverLine(String containing) throws InterruptedException {
        await(() -> serverLog.stream().anyMatch(l -> l.contains(containing)), "a server line with " + containing
                + " in " + serverLog);
        String line = serverLog.stream().filter(l -> l.contains(containing)).findFirst().orElseThrow();
        System.out.println("server logged: " + line);
        return line;
    }

    @ParameterizedTest
    @EnumSource(Link.class)
    void allowedKeyIsServed(Link link) throws Exception {
        allow(clientKey, "client");
        CurveSetup.Server setup = serverSetup();
        CurveAdmission admission = admission(setup);
        ZMQ.Socket server = server(link.server, admission, setup);

        Peer peer = client(link.client, clientSetup(clientKey, serverKey), server);
        roundTrip(link, server, peer);

        assertEquals(1, admission.admitted());
        assertEquals(0, admission.refused());
        assertTrue(peer.monitor.refusal().isEmpty());
        assertEquals(List.of(), serverLog);
    }

    @ParameterizedTest
    @EnumSource(Link.class)
    void unknownKeyIsRefusedCountedLoggedAndToldWithinSeconds(Link link) throws Exception {
        allow(CurveCertificate.generate(), "someone-else");
        CurveSetup.Server setup = serverSetup();
        CurveAdmission admission = admission(setup);
        ZMQ.Socket server = server(link.server, admission, setup);

        Peer peer = client(link.client, clientSetup(clientKey, serverKey), server);
        peer.socket.send("ping", ZMQ.DONTWAIT);

        assertEquals("the server at " + server.getLastEndpoint() + " refused this client's key "
                + clientKey.publicKey() + " (is its certificate in the server's --curve-allow folder?)",
                peer.told("unknown key, " + link));
        String line = serverLine(clientKey.publicKey());
        assertEquals("refused 127.0.0.1: key " + clientKey.publicKey() + " has no certificate in --curve-allow "
                + setup.allowFolder(), line);
        assertTrue(admission.refused() >= 1);
        assertEquals(0, admission.admitted());
        server.setReceiveTimeOut(300);
        assertNull(server.recv(), "a refused peer gets nothing through");
    }

    @Test
    void plainClientIsRefusedByACurveServerAndBothSidesSaySo() throws Exception {
        CurveSetup.Server setup = serverSetup();
        CurveAdmission admission = admission(setup);
        ZMQ.Socket server = server(SocketType.ROUTER, admission, setup);

        Peer peer = client(SocketType.DEALER, null, server);

        assertEquals("the server at " + server.getLastEndpoint() + " uses CURVE (or is not a ZeroMQ server): give "
                + "this client --curve-secret and --curve-server", peer.told("plain client, CURVE server"));
        assertTrue(serverLine("does not use CURVE").matches(
                "refused 127\\.0\\.0\\.1:[0-9]+: it does not use CURVE \\(or does not speak ZeroMQ\\)"));
        assertTrue(admission.refused() >= 1);
    }

    @Test
    void curveClientAgainstAPlainServerIsToldAndThePlainServerSaysSo() throws Exception {
        ZMQ.Socket server = server(SocketType.ROUTER, null, null);

        Peer peer = client(SocketType.DEALER, clientSetup(clientKey, serverKey), server);

        assertTrue(peer.told("CURVE client, plain server").startsWith("the server at " + server.getLastEndpoint()
                + " does not use CURVE (or is not a ZeroMQ server), but this client was given --curve-server: "));
        assertTrue(serverLine("may use CURVE").contains("its greeting is not plain ZeroMQ"));
    }

    @Test
    void wrongServerKeyIsToldOnBothSides() throws Exception {
        allow(clientKey, "client");
        CurveSetup.Server setup = serverSetup();
        CurveAdmission admission = admission(setup);
        ZMQ.Socket server = server(SocketType.ROUTER, admission, setup);
        CurveCertificate otherServer = CurveCertificate.generate();

        Peer peer = client(SocketType.DEALER, clientSetup(clientKey, otherServer), server);

        assertEquals("the server at " + server.getLastEndpoint() + " dropped the CURVE handshake: its key is not "
                + otherServer.publicKey() + " from --curve-server " + serverPublicFile(otherServer)
                + " (give this client that server's own public certificate)", peer.told("wrong server key"));
        assertTrue(serverLine("does not decrypt").endsWith("its CURVE handshake does not decrypt with this server's "
                + "key (its --curve-server is another server's certificate)"));
        assertEquals(0, admission.admitted());
    }

    @Test
    void plainClientAgainstASocketOfAnotherKindIsTold() throws Exception {
        ZMQ.Socket seedServer = server(SocketType.PULL, null, null); // what a --codec seed server binds

        Peer peer = client(SocketType.DEALER, null, seedServer);

        assertEquals("the server at " + seedServer.getLastEndpoint() + " ended the connection during the ZeroMQ "
                + "handshake: it is not the kind of socket this client expects (a --codec seed server, or another "
                + "version): start it without --codec seed, or give this client --codec seed",
                peer.told("DEALER against PULL"));
    }

    @Test
    void addingAndRemovingACertificateTakesEffectWithoutRestart() throws Exception {
        CurveSetup.Server setup = serverSetup();
        CurveAdmission admission = admission(setup);
        ZMQ.Socket server = server(SocketType.ROUTER, admission, setup);
        CurveSetup.Client client = clientSetup(clientKey, serverKey);
        assertEquals(0, admission.certificatesAtStart());

        Peer before = client(SocketType.DEALER, client, server);
        before.told("before its certificate was added");

        Path certificate = allow(clientKey, "client");
        Peer added = client(SocketType.DEALER, client, server);
        roundTrip(Link.ROUTER_DEALER, server, added);
        assertEquals(1, admission.admitted());

        Files.delete(certificate);
        Peer removed = client(SocketType.DEALER, client, server);
        removed.told("after its certificate was removed");
        assertTrue(added.monitor.refusal().isEmpty(), "an admitted connection stays: removal refuses the next one");
        assertTrue(admission.refused() >= 2);
    }

    @Test
    void aFileJeromqCannotReadRefusesEveryKeyUntilRemovedAndAdmissionGoesOn() throws Exception {
        allow(clientKey, "client");
        CurveSetup.Server setup = serverSetup();
        CurveAdmission admission = admission(setup);
        ZMQ.Socket server = server(SocketType.ROUTER, admission, setup);
        CurveSetup.Client client = clientSetup(clientKey, serverKey);

        Path junk = Files.writeString(allowFolder().resolve("README"), "These are our keys.\n");
        client(SocketType.DEALER, client, server).told("with a README in the folder");
        String line = serverLine("cannot read");
        assertTrue(line.contains(junk.toString()) && line.contains("so no key is admitted until it is fixed or removed"),
                line);

        Files.delete(junk);
        Peer after = client(SocketType.DEALER, client, server);
        roundTrip(Link.ROUTER_DEALER, server, after);
        assertEquals(1, admission.admitted());
    }

    @Test
    void aServerSocketNeedsAnAdmissionOnItsOwnContext() throws Exception {
        CurveSetup.Server setup = serverSetup();
        CurveAdmission admission = admission(setup);
        ZMQ.Socket foreign = clientContext.createSocket(SocketType.ROUTER);
        open.add(foreign::close);

        assertThrows(IllegalStateException.class, () -> setup.apply(foreign, admission));
        assertThrows(IllegalStateException.class, () -> CurveAdmission.start(serverContext, setup, log));
        admission.close();
        ZMQ.Socket own = serverContext.createSocket(SocketType.ROUTER);
        open.add(own::close);
        assertThrows(IllegalStateException.class, () -> setup.apply(own, admission), "a closed admission");
    }

    @Test
    void allowFolderProblemsAreOneSentenceNamingTheFile() throws IOException {
        Path secret = dir.resolve("server_secret");
        serverKey.writeSecret(secret);
        Path missing = dir.resolve("nowhere");
        assertEquals("--curve-allow " + missing + ": no such folder",
                assertThrows(UserError.class, () -> CurveSetup.forServer(secret, missing)).getMessage());
        assertTrue(assertThrows(UserError.class, () -> CurveSetup.forServer(secret, secret)).getMessage()
                .startsWith("--curve-allow " + secret + " is a file, not a folder"));

        Path folder = allowFolder();
        Path leaked = folder.resolve("alice_secret");
        clientKey.writeSecret(leaked);
        assertEquals("--curve-allow " + folder + " holds a secret certificate, " + leaked + ": keep only public "
                + "certificates there (a secret key belongs on its own host only)",
                assertThrows(UserError.class, () -> CurveSetup.forServer(secret, folder)).getMessage());
        Files.delete(leaked);

        Path junk = Files.writeString(folder.resolve(".notes.swp"), "b0VIM 8.2\n");
        UserError e = assertThrows(UserError.class, () -> CurveSetup.forServer(secret, folder));
        assertTrue(e.getMessage().startsWith(junk + ":1: not a ZPL line"), e.getMessage());
    }

    @Test
    void keyOptionsNeedEachOther() throws IOException {
        Path secret = dir.resolve("alice_secret");
        clientKey.writeSecret(secret);
        Path publicFile = dir.resolve("alice");
        clientKey.writePublic(publicFile);

        assertTrue(CurveSetup.forServer(null, null).isEmpty());
        assertTrue(CurveSetup.forClient(null, null).isEmpty());
        assertEquals("--curve-allow needs --curve-secret FILE too, the server's own secret certificate (keygen "
                + "writes one)", assertThrows(UserError.class, () -> CurveSetup.forServer(null, dir)).getMessage());
        assertEquals("--curve-secret on a server needs --curve-allow DIR too, the folder of the client and worker "
                + "certificates it admits",
                assertThrows(UserError.class, () -> CurveSetup.forServer(secret, null)).getMessage());
        assertEquals("--curve-secret needs --curve-server FILE too, the server's public certificate",
                assertThrows(UserError.class, () -> CurveSetup.forClient(secret, null)).getMessage());
        assertTrue(assertThrows(UserError.class, () -> CurveSetup.forClient(null, publicFile)).getMessage()
                .startsWith("--curve-server needs --curve-secret FILE too"));
        assertEquals("--curve-secret " + secret + " and --curve-server " + publicFile + " hold the same key: give "
                + "this side a key pair of its own (keygen)",
                assertThrows(UserError.class, () -> CurveSetup.forClient(secret, publicFile)).getMessage());
        assertFalse(CurveSetup.forClient(secret, serverPublicFile(serverKey)).isEmpty());
        assertEquals(1, CurveSetup.refusedWithSeedCodec().getMessage().lines().count());
    }
}
