package dev.asynccom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixture that gives worker JVMs hosts of their own: what runs on a host runs in its namespace under the
 * pid its {@link Process} reports and is reached at the host's address only; a cut silences a host without
 * breaking its connections; nothing outlives the fixture. Needs root, as CI has: without it every test
 * fails saying so.
 */
class NetNamespacesTest {
    private static final Pattern SERVING = Pattern.compile("asynccom server: serving tcp://([\\d.]+):(\\d+) with ");
    /** How long a connection attempt may wait for an answer before it counts as timed out. */
    private static final Duration PATIENCE = Duration.ofSeconds(1);
    private static final Duration START = CliRig.START;
    /** An echo server on the address it is given; prints its port once it listens. */
    private static final String ECHO = """
            import socket, sys, threading
            server = socket.socket()
            server.bind((sys.argv[1], 0))
            server.listen()
            print("listening", server.getsockname()[1], flush=True)
            def echo(connection):
                with connection:
                    while data := connection.recv(4096):
                        connection.sendall(data)
            while True:
                threading.Thread(target=echo, args=(server.accept()[0],), daemon=True).start()
            """;

    @TempDir
    Path dir;

    @Test
    void aJvmStartedOnAHostRunsInItsNamespaceUnderThePidItsProcessReportsAndStopsOnSigterm() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(1, 1, "0"));
        try (NetNamespaces net = NetNamespaces.create(1);
             ServerSocket replies = new ServerSocket(0, 1, InetAddress.getByName(net.hosts().getFirst().rootAddress()))) {
            NetNamespaces.Host a = net.hosts().getFirst();
            try (ChildProcess server = ChildProcess.javaIn(a, "server", "server", map.toString(),
                    "tcp://" + a.address() + ":0", "tcp://" + a.rootAddress() + ":" + replies.getLocalPort(), "1",
                    "--strategy", "platform")) {
                Matcher serving = SERVING.matcher(server.awaitErrLine(line -> SERVING.matcher(line).find(), START));
                assertTrue(serving.find());

                assertEquals(a.address(), serving.group(1), server.transcript());
                assertEquals("connected", connectFromRoot(a.address(), Integer.parseInt(serving.group(2))));
                // Not ip's pid nor perl's: both exec the JVM, which is what a test's SIGTERM or SIGKILL must reach.
                long ino = (Long) Files.getAttribute(Path.of("/run/netns", a.name()), "unix:ino");
                assertEquals("net:[" + ino + "]", Files.readSymbolicLink(Path.of("/proc/" + server.pid(), "ns/net"))
                        .toString());
                String commandLine = Files.readString(Path.of("/proc/" + server.pid(), "cmdline")).replace('\0', ' ');
                assertTrue(commandLine.contains("/bin/java ") && commandLine.contains(" dev.asynccom.cli.Main server "),
                        commandLine);
                assertEquals(ExitCodes.OK, server.terminate(START), server.transcript());
                assertTrue(server.err().contains("stopped after draining"), server.transcript());
            }
        }
    }

    @Test
    void aHostReachesTheRootSideAndOtherHostsWhileItsAddressIsNotOnItsLoopback() throws Exception {
        try (NetNamespaces net = NetNamespaces.create(2);
             ServerSocket rootSide = new ServerSocket(0, 1, InetAddress.getByName(net.hosts().getFirst().rootAddress()));
             ServerSocket rootLoopback = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            NetNamespaces.Host a = net.hosts().get(0);
            NetNamespaces.Host b = net.hosts().get(1);
            assertNotEquals(a.address(), b.address());
            assertEquals(a.rootAddress(), b.rootAddress());
            String prefix = net.subnet().substring(0, net.subnet().length() - "0/24".length());
            assertTrue(a.address().startsWith(prefix) && b.address().startsWith(prefix)
                    && a.rootAddress().startsWith(prefix), a + " " + b + " in " + net.subnet());
            try (ChildProcess echo = echoServer(a)) {
                int port = port(echo);

                assertEquals("connected", connectFromRoot(a.address(), port));
                assertEquals("connected", connectFrom(b, a.address(), port));
                assertEquals("connected", connectFrom(a, a.address(), port));
                assertEquals("connected", connectFrom(a, a.rootAddress(), rootSide.getLocalPort()));
                // Refused, not unreachable: each host has a loopback of its own, up, with nothing on it.
                assertEquals("refused", connectFrom(a, "127.0.0.1", port));
                assertEquals("refused", connectFrom(a, "127.0.0.1", rootLoopback.getLocalPort()));
            }
        }
    }

    @Test
    void aConnectionSurvivesACutAndCarriesOnAfterRestore() throws Exception {
        // One host: its cut also takes the bridge's carrier, the harder case for "the route stays".
        try (NetNamespaces net = NetNamespaces.create(1);
             ServerSocket rootSide = new ServerSocket(0, 1, InetAddress.getByName(net.hosts().getFirst().rootAddress()))) {
            NetNamespaces.Host a = net.hosts().getFirst();
            try (ChildProcess echo = echoServer(a); Socket socket = new Socket()) {
                int port = port(echo);
                socket.connect(new InetSocketAddress(a.address(), port), (int) PATIENCE.toMillis());
                socket.setSoTimeout((int) PATIENCE.toMillis());
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                send(out, "before");
                assertEquals("before", line(in));

                net.cut(a);
                send(out, "during"); // accepted into the send buffer: no error reaches the sender
                assertThrows(SocketTimeoutException.class, () -> line(in));
                assertEquals("timed out", connectFromRoot(a.address(), port));
                assertEquals("timed out", connectFrom(a, a.rootAddress(), rootSide.getLocalPort()));

                net.restore(a);
                // Retransmission, not a new connection: the bytes sent during the cut arrive on the same one.
                socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
                assertEquals("during", line(in));
                send(out, "after");
                assertEquals("after", line(in));
                assertEquals("connected", connectFromRoot(a.address(), port));
                assertEquals("connected", connectFrom(a, a.rootAddress(), rootSide.getLocalPort()));
            }
        }
    }

    @Test
    void closeRemovesNamespacesLinksAndAddressAndKillsWhatStillRunsThere() throws Exception {
        NetNamespaces net = NetNamespaces.create(2);
        List<NetNamespaces.Host> hosts = net.hosts();
        try (ChildProcess sleeper = ChildProcess.command("sleeper", hosts.getFirst().command("sleep", "30"))) {
            // The same pid shows ip until ip has entered the namespace and exec'd sleep.
            assertEquals("sleep", awaitCommand(sleeper.pid(), "sleep"));
            assertTrue(namespaces().contains(hosts.get(1).name()), namespaces().toString());

            net.close();
            net.close(); // twice is harmless

            assertEquals(137, sleeper.awaitExit(Duration.ofSeconds(5)), "SIGKILL: " + sleeper.transcript());
        }
        String links = NetNamespaces.ip("-o", "link", "show");
        String addresses = NetNamespaces.ip("-4", "-o", "addr", "show");
        for (NetNamespaces.Host host : hosts) {
            assertFalse(namespaces().contains(host.name()), namespaces().toString());
            assertFalse(links.contains(" " + host.link() + "@") || links.contains(" " + host.link() + ":"), links);
        }
        assertFalse(links.contains(" acbr-" + ProcessHandle.current().pid() + ":"), links);
        assertFalse(addresses.contains(" inet " + hosts.getFirst().rootAddress() + "/"), addresses);
    }

    @Test
    void creatingRemovesWhatDeadRunsLeftButNotWhatLiveOnesHold() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        try (ChildProcess live = ChildProcess.command("live", List.of("sleep", "30"))) {
            String deadNamespace = "asynccom-" + dead + "-1";
            String liveNamespace = "asynccom-" + live.pid() + "-1";
            try {
                NetNamespaces.ip("netns", "add", deadNamespace);
                NetNamespaces.ip("netns", "add", liveNamespace);
                NetNamespaces.ip("link", "add", "acbr-" + dead, "type", "bridge");
                NetNamespaces.ip("link", "add", "acv-" + dead + "-1", "type", "veth", "peer", "name", "eth0",
                        "netns", deadNamespace);

                try (NetNamespaces ignored = NetNamespaces.create(1)) {
                    String links = NetNamespaces.ip("-o", "link", "show");
                    assertFalse(namespaces().contains(deadNamespace), namespaces().toString());
                    assertFalse(links.contains(" acbr-" + dead + ":"), links);
                    assertFalse(links.contains(" acv-" + dead + "-1@"), links);
                    assertTrue(namespaces().contains(liveNamespace), namespaces().toString());
                }
            } finally {
                for (String name : List.of(deadNamespace, liveNamespace)) {
                    if (namespaces().contains(name)) {
                        NetNamespaces.ip("netns", "delete", name);
                    }
                }
                if (NetNamespaces.ip("-o", "link", "show").contains(" acbr-" + dead + ":")) {
                    NetNamespaces.ip("link", "delete", "acbr-" + dead);
                }
            }
        }
    }

    @Test
    void withoutRootOrIpCreationFailsWithOneSentenceSayingWhatIsMissing() {
        Optional<Path> ip = Optional.of(Path.of("/usr/sbin/ip"));

        assertEquals(Optional.empty(), NetNamespaces.unusableReason(0, ip));
        assertEquals(Optional.of("NetNamespaces needs root to create network namespaces, and this JVM runs as "
                + "uid 1000: run the tests as root, as CI does"), NetNamespaces.unusableReason(1000, ip));
        assertEquals(Optional.of("NetNamespaces needs iproute2's ip, which is neither on the PATH nor in /usr/sbin "
                + "or /sbin: install iproute2 (.ci/run does) and run the tests again"),
                NetNamespaces.unusableReason(0, Optional.empty()));
    }

    private static ChildProcess echoServer(NetNamespaces.Host host) {
        return ChildProcess.command("echo-" + host.name(), host.command("/usr/bin/python3", "-c", ECHO, host.address()));
    }

    private static int port(ChildProcess echo) throws InterruptedException {
        return Integer.parseInt(echo.awaitOutLine("listening ", START).substring("listening ".length()).strip());
    }

    /** {@code connected}, {@code refused} or {@code timed out}: a TCP connection attempt from {@code host}. */
    private static String connectFrom(NetNamespaces.Host host, String address, int port) throws InterruptedException {
        List<String> command = host.command("timeout", Long.toString(PATIENCE.toSeconds()), "bash", "-c",
                "exec 3<>/dev/tcp/$0/$1", address, Integer.toString(port));
        try (ChildProcess attempt = ChildProcess.command("connect-from-" + host.name(), command)) {
            int exit = attempt.awaitExit(START);
            if (exit == 0) {
                return "connected";
            } else if (exit == 124) { // timeout's own code: the attempt was still waiting
                return "timed out";
            } else if (attempt.err().contains("Connection refused")) {
                return "refused";
            }
            return "exit " + exit + ": " + attempt.transcript();
        }
    }

    /** {@link #connectFrom} from the root namespace: this JVM. */
    private static String connectFromRoot(String address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) PATIENCE.toMillis());
            return "connected";
        } catch (SocketTimeoutException e) {
            return "timed out";
        } catch (ConnectException e) {
            return e.getMessage().contains("refused") ? "refused" : e.toString();
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line, read byte by byte: a timeout then loses nothing, as no buffer holds half a line. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection closed after '" + line + "'");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    /** The name of the program {@code pid} runs, once it is {@code wanted} or after 5 s. */
    private static String awaitCommand(long pid, String wanted) throws IOException {
        Path comm = Path.of("/proc/" + pid, "comm");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String command;
        while (!(command = Files.readString(comm).strip()).equals(wanted) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return command;
    }

    /** The names {@code ip netns list} shows. */
    private static List<String> namespaces() {
        return NetNamespaces.ip("netns", "list").lines().map(line -> line.split(" ", 2)[0]).toList();
    }
}
