package dev.asynccom.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;

/** What the command-line tests share: free loopback ports, servers started and awaited, summaries read. */
final class CliRig {
    /** How long a JVM may take to start and print its first line on a busy 2-core machine. */
    static final Duration START = Duration.ofSeconds(60);
    private static final Pattern SERVING = Pattern.compile("asynccom server: serving (tcp://\\S+) with ");

    private CliRig() {
    }

    /** A loopback port that was free a moment ago (the OS picked it). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tcp://127.0.0.1:<a free port>}. */
    static String freeEndpoint() {
        return "tcp://127.0.0.1:" + freePort();
    }

    /** A server JVM and the task endpoint it reported once ready. */
    record Server(ChildProcess process, String endpoint) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.close();
        }
    }

    /**
     * Starts {@code server <map> tcp://127.0.0.1:0 <defaultReplyTo> <workers> options...} and waits for its
     * ready line; the bound port is read from it.
     */
    static Server startServer(String name, Path map, String defaultReplyTo, int workers, String... options)
            throws InterruptedException {
        return startServerAt(name, "tcp://127.0.0.1:0", map, defaultReplyTo, workers, options);
    }

    /** As {@link #startServer}, bound at {@code bindUrl}: a server that takes over a stopped one's endpoint. */
    static Server startServerAt(String name, String bindUrl, Path map, String defaultReplyTo, int workers,
                                String... options) throws InterruptedException {
        return startServerWith(name, List.of(), bindUrl, map, defaultReplyTo, workers, options);
    }

    /** As {@link #startServerAt}, its JVM started with {@code jvmOptions}. */
    static Server startServerWith(String name, List<String> jvmOptions, String bindUrl, Path map,
                                  String defaultReplyTo, int workers, String... options) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("server", map.toString(), bindUrl, defaultReplyTo,
                Integer.toString(workers)));
        args.addAll(List.of(options));
        ChildProcess process = ChildProcess.java(name, jvmOptions, args.toArray(String[]::new));
        try {
            Matcher m = SERVING.matcher(process.awaitErrLine(line -> SERVING.matcher(line).find(), START));
            if (!m.find()) {
                throw new AssertionError("unreachable: the line matched before");
            }
            return new Server(process, m.group(1));
        } catch (Throwable t) {
            process.close();
            throw t;
        }
    }

    /** Starts {@code client <args...>}. */
    static ChildProcess startClient(String name, String... args) {
        List<String> all = new ArrayList<>(List.of("client"));
        all.addAll(List.of(args));
        return ChildProcess.java(name, all.toArray(String[]::new));
    }

    /** The number on the summary line starting with {@code label} ({@code ok}, {@code response sum}, ...). */
    static long count(String summary, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + " +(-?\\d+)").matcher(summary);
        if (!m.find()) {
            fail("no '" + label + "' line in the summary:\n" + summary);
        }
        return Long.parseLong(m.group(1));
    }

    /** Writes {@code lines} to {@code file}, one per line. */
    static Path write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} server lines {@code 10.0.0.<i>:foo:<response>:<wait>} and the matching client lines. */
    static List<String> mapLines(int n, int response, String waitSeconds) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(host(i) + ":foo:" + response + ":" + waitSeconds);
        }
        return lines;
    }

    /** The client lines for {@link #mapLines}. */
    static List<String> commandLines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(host(i) + ":foo");
        }
        return lines;
    }

    private static String host(int i) {
        return "10.0." + (i >> 8) + "." + (i & 0xFF);
    }
}
