package dev.asynccom.harness;

import dev.asynccom.core.NanoClock;
import dev.asynccom.loop.ServerLines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cold run: a server process started fresh, then one client process against it, timed as a whole process
 * from its start to its exit (the client run under {@code /usr/bin/time -v} for its peak resident memory when
 * that is there), then the server stopped (SIGTERM to it and every process it started). Knows nothing of what the
 * two processes are: the caller gives both commands and how to tell that the server is ready.
 *
 * <p>Threads: the calling thread runs it; the children's output is copied by {@link ChildJvm}'s threads.
 */
public final class ColdStartRun {
    /** The longest a server may take to be ready. */
    static final Duration READY_WAIT = Duration.ofSeconds(60);
    static final Duration SERVER_GRACE = Duration.ofSeconds(15);
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    /** How a server says it is ready: a line of its stderr, or a tcp port listening on 127.0.0.1. */
    public sealed interface Readiness {
        /** Ours: the server's {@code serving tcp://127.0.0.1:PORT with ...} line; its endpoint is what the client dials. */
        record ServingLine() implements Readiness {
        }

        /** The seed's: it says nothing, so its bound port listening is the sign. */
        record Listening(int port) implements Readiness {
        }
    }

    /**
     * What one run measured.
     *
     * @param clientExit    the client's exit code, -1 when it had to be killed at the limit
     * @param clientWallNanos the client process's wall time, from its start to its exit
     * @param clientRssPeakKib its peak resident memory ({@code /usr/bin/time}), empty without that tool
     * @param serverRssPeakKib the server's peak resident memory (VmHWM, with every process it started), before it stopped
     * @param clientOut     the client's stdout file
     */
    public record Figures(int clientExit, long clientWallNanos, OptionalLong clientRssPeakKib,
                          OptionalLong serverRssPeakKib, int serverExit, Path clientOut) {
    }

    private final NanoClock clock;
    private final Consumer<String> log;
    /** The processes of the run under way, for {@link #killAll} from a signal's thread. */
    private final List<Long> running = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ColdStartRun(NanoClock clock, Consumer<String> log) {
        this.clock = clock;
        this.log = log;
    }

    /**
     * Starts {@code server}, waits until it is ready, runs {@code client} (the placeholder {@code {endpoint}} in it
     * replaced by the server's endpoint for {@link Readiness.ServingLine}), stops the server.
     *
     * @param name   names the log files: {@code <name>-server.err}, {@code <name>-client.out}, ...
     * @param limit  the longest the client may run before it is killed
     * @throws IllegalStateException when the server does not get ready
     */
    public Figures run(String name, List<String> server, Readiness readiness, List<String> client, Path folder,
                       Duration limit) throws InterruptedException {
        CompletableFuture<String> ready = new CompletableFuture<>();
        ChildJvm serverProcess = ChildJvm.start(name + " server", server, folder, folder.resolve(name + "-server.out"),
                line -> { }, folder.resolve(name + "-server.err"), line -> {
                    String endpoint = ServerLines.endpoint(line);
                    if (endpoint != null) {
                        ready.complete(endpoint);
                    }
                });
        running.add(serverProcess.pid());
        try {
            String endpoint = awaitReady(serverProcess, readiness, ready, folder.resolve(name + "-server.err"));
            List<String> command = new ArrayList<>();
            Path timeOut = folder.resolve(name + "-client.time");
            boolean timed = Files.isExecutable(TIME);
            if (timed) {
                command.addAll(List.of(TIME.toString(), "-v", "-o", timeOut.toString()));
            }
            for (String word : client) {
                command.add(endpoint == null ? word : word.replace("{endpoint}", endpoint));
            }
            Path clientOut = folder.resolve(name + "-client.out");
            long start = clock.nanoTime();
            ChildJvm clientProcess = ChildJvm.start(name + " client", command, folder, clientOut, line -> { },
                    folder.resolve(name + "-client.err"), line -> { });
            running.add(clientProcess.pid());
            int exit = clientProcess.awaitExit(limit);
            long wall = clock.nanoTime() - start;
            if (exit == -1) {
                log.accept(name + ": the client ran longer than " + limit.toSeconds() + " s: killed");
                clientProcess.kill();
                clientProcess.awaitExit(Duration.ofSeconds(10));
            }
            OptionalLong clientRss = timed ? maxRss(timeOut) : OptionalLong.empty();
            OptionalLong serverRss = peakWithDescendants(serverProcess.pid());
            int serverExit = stop(serverProcess);
            return new Figures(exit, wall, clientRss, serverRss, serverExit, clientOut);
        } finally {
            if (serverProcess.isAlive()) {
                killTree(serverProcess.pid());
            }
            running.clear();
        }
    }

    /** Kills the processes of the run under way, with everything they started: for a signal to this JVM. */
    public void killAll() {
        running.forEach(ColdStartRun::killTree);
    }

    private String awaitReady(ChildJvm server, Readiness readiness, CompletableFuture<String> line, Path errLog)
            throws InterruptedException {
        long until = clock.nanoTime() + READY_WAIT.toNanos();
        while (clock.nanoTime() < until) {
            if (readiness instanceof Readiness.ServingLine) {
                try {
                    return line.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // look again
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible.getCause());
                }
            } else if (readiness instanceof Readiness.Listening listening) {
                if (listening(listening.port())) {
                    return null;
                }
                Thread.sleep(20);
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the " + server.name() + " exited with " + server.awaitExit(
                        Duration.ofSeconds(5)) + " before it was ready; " + errLog + " says why");
            }
        }
        throw new IllegalStateException("the " + server.name() + " was not ready within " + READY_WAIT.toSeconds()
                + " s; " + errLog + " says why");
    }

    /** Whether a socket listens on 127.0.0.1:{@code port}, from /proc/net/tcp (state 0A), without connecting to it. */
    static boolean listening(int port) {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        try {
            return Files.readAllLines(Path.of("/proc/net/tcp")).stream().skip(1).map(String::trim)
                    .map(line -> line.split("\\s+")).anyMatch(f -> f.length > 3 && f[1].equals(local)
                            && f[3].equals("0A"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/net/tcp to see whether the server listens", e);
        }
    }

    static OptionalLong maxRss(Path timeOutput) {
        try {
            Matcher m = MAX_RSS.matcher(Files.readString(timeOutput));
            return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        } catch (IOException | UncheckedIOException e) {
            return OptionalLong.empty();
        }
    }

    /** VmHWM of the process and every process under it (the seed's server starts a process per worker). */
    private static OptionalLong peakWithDescendants(long pid) {
        Optional<ProcStatus> own = ProcStatus.of(pid);
        if (own.isEmpty()) {
            return OptionalLong.empty();
        }
        long sum = own.get().peakKib();
        for (ProcessHandle child : ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(List.of())) {
            sum += ProcStatus.of(child.pid()).map(ProcStatus::peakKib).orElse(0L);
        }
        return OptionalLong.of(sum);
    }

    /** SIGTERM to the server and what it started (the seed's workers outlive their parent otherwise). */
    private static int stop(ChildJvm server) throws InterruptedException {
        List<ProcessHandle> children = ProcessHandle.of(server.pid()).map(p -> p.descendants().toList())
                .orElse(List.of());
        children.forEach(ProcessHandle::destroy);
        int exit = server.stop(SERVER_GRACE);
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return exit;
    }

    private static void killTree(long pid) {
        ProcessHandle.of(pid).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }
}
