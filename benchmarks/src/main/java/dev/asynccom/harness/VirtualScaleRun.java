package dev.asynccom.harness;

import dev.asynccom.core.NanoClock;
import dev.asynccom.loop.ServerLines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processes of one {@code virtual-scale} measurement, each a fresh JVM like this one: the bare program
 * ({@link BareVirtualSleep}), or a {@code server --strategy virtual} (no limit) on 127.0.0.1 and one or more
 * {@code client} runs against it, one after the other, each writing its summary with {@code --csv}. Bounded:
 * each process has a time it may take, after which it is stopped (SIGTERM, then SIGKILL), and
 * {@link #requestStop} stops the one running and every later step. The JVM whose virtual threads sleep (the bare
 * program, the server) logs its collections ({@code <name>-gc.log}, wall-clock times), and each measurement says
 * the pauses that fell within it: a young collection while the threads sleep copies every parked stack.
 *
 * <p>Threads: the calling thread starts and owns the child processes; {@link #requestStop} may be called from
 * any thread (a shutdown hook); each child's output copiers have threads of their own.
 */
public final class VirtualScaleRun {
    /** How long a server JVM may take to say it is ready. */
    static final Duration READY_WAIT = Duration.ofSeconds(60);
    /** After SIGTERM: the client writes its summary (its own hook waits up to 10 s), the server drains (10 s). */
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Pattern BARE_LINE = Pattern.compile("bare tasks=(\\d+) start_ns=(\\d+) makespan_ns=(\\d+) "
            + "overshoot_p50_ns=(-?\\d+) overshoot_p99_ns=(-?\\d+)");

    /**
     * What the bare program reported; {@code tasks} is -1 when it printed no line (it failed, or was stopped).
     *
     * @param exitCode its exit code, -1 when it had to be stopped
     * @param gc        its collections' pauses over the whole run
     */
    public record Bare(int exitCode, long tasks, long startNanos, long makespanNanos, long overshootP50Nanos,
                       long overshootP99Nanos, GcLog.Pauses gc) {
        public boolean measured() {
            return tasks >= 0;
        }
    }

    /**
     * One client run: its exit code (-1: it was stopped), the {@code --csv} file it wrote its summary to, and the
     * server's collection pauses from its start to its exit.
     */
    public record ClientRun(int exitCode, Path csv, GcLog.Pauses serverGc) {
    }

    /**
     * One server and the client runs against it.
     *
     * @param serverReceived tasks its exit line counts as received, -1 when it printed none
     * @param serverSent     results it counts as sent, -1 when it printed none
     */
    public record Loop(List<ClientRun> clients, long serverReceived, long serverSent, int serverExit) {
    }

    private final String mainClass;
    private final String classPath;
    private final Path folder;
    private final List<String> sleeperOptions;
    private final List<String> loopOptions;
    private final Consumer<String> log;
    private final NanoClock clock;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final List<ChildJvm> running = new ArrayList<>();

    /**
     * @param mainClass the launcher's main class, {@code dev.asynccom.cli.Main}
     * @param classPath its class path (the bare program is found on it too)
     * @param folder    where the files go; the JVMs run there
     * @param sleeperOptions JVM options of the bare program and the server, the JVMs whose threads sleep
     * @param loopOptions    JVM options of the loop's own JVMs, the server and the clients (the AOT cache)
     */
    public VirtualScaleRun(String mainClass, String classPath, Path folder, List<String> sleeperOptions,
                           List<String> loopOptions, Consumer<String> log, NanoClock clock) {
        this.mainClass = mainClass;
        this.classPath = ChildJvm.absolute(classPath);
        this.folder = folder;
        this.sleeperOptions = List.copyOf(sleeperOptions);
        this.loopOptions = List.copyOf(loopOptions);
        this.log = log;
        this.clock = clock;
    }

    /** Ends the run soon: the process running is stopped, no later one is started. Any thread. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /** Whether {@link #requestStop} was called. */
    public boolean stopRequested() {
        return stopRequested.get();
    }

    /** SIGKILL to every child still running: the last resort of a stop that could not wait. Any thread. */
    public void killAll() {
        synchronized (running) {
            running.forEach(ChildJvm::kill);
        }
    }

    /** Runs the bare program once, {@code tasks} virtual threads sleeping {@code delayNanos}; {@code name} names its files. */
    public Bare bare(String name, int tasks, long delayNanos, Duration bound) throws InterruptedException {
        AtomicReference<String> line = new AtomicReference<>();
        Path gcLog = folder.resolve(name + "-gc.log");
        ChildJvm bare = start(name, ChildJvm.command(sleeperOptions(gcLog), classPath, BareVirtualSleep.class.getName(),
                List.of(Integer.toString(tasks), Long.toString(delayNanos))), out -> {
                    if (out.startsWith("bare ")) {
                        line.set(out);
                    }
                }, err -> log.accept(name + ": " + err));
        int exit = awaitOrStop(bare, bound);
        GcLog.Pauses gc;
        try {
            GcLog whole = GcLog.read(gcLog);
            gc = new GcLog.Pauses(whole.pauses(), whole.pauseMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gcLog, e);
        }
        Matcher m = line.get() == null ? null : BARE_LINE.matcher(line.get());
        if (m == null || !m.matches()) {
            return new Bare(exit, -1, 0, 0, 0, 0, gc);
        }
        return new Bare(exit, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), gc);
    }

    /** A sleeping JVM's options: the run's, and its collections logged to {@code file} with wall-clock times. */
    private List<String> sleeperOptions(Path gcLog) {
        List<String> options = new ArrayList<>(sleeperOptions);
        options.add("-Xlog:gc:file=" + gcLog.toAbsolutePath() + ":time,tags"); // read by GcLog.within
        return options;
    }

    private static GcLog.Pauses pauses(Path gcLog, Instant from, Instant to) {
        try {
            return GcLog.within(gcLog, from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + gcLog, e);
        }
    }

    /**
     * Starts a fresh {@code server --strategy virtual} with no limit over {@code serverFile}, runs {@code runs}
     * clients against it one after the other ({@code clientArgs} after the commands file and batch), then stops it
     * with SIGTERM (it drains and prints its counters). The first client finds the server cold, the others warm.
     */
    public Loop loop(String name, Path serverFile, Path clientFile, int batch, List<String> clientArgs, int runs,
                     Duration clientBound) throws InterruptedException {
        CompletableFuture<String> ready = new CompletableFuture<>();
        long[] counts = {-1, -1};
        Path gcLog = folder.resolve(name + "-server-gc.log");
        List<String> serverOptions = new ArrayList<>(loopOptions);
        serverOptions.addAll(sleeperOptions(gcLog));
        ChildJvm server = start(name + "-server", ChildJvm.command(serverOptions, classPath, mainClass,
                List.of("server", serverFile.toAbsolutePath().toString(), "tcp://127.0.0.1:0", unusedEndpoint(), "0",
                        "--strategy", "virtual")), out -> { }, line -> {
                    String endpoint = ServerLines.endpoint(line);
                    if (endpoint != null) {
                        ready.complete(endpoint);
                    }
                    long[] c = ServerLines.counts(line);
                    if (c != null) {
                        counts[0] = c[0];
                        counts[1] = c[1];
                    }
                });
        List<Finished> finished = new ArrayList<>();
        int serverExit;
        try {
            String endpoint = awaitReady(server, ready, name);
            for (int run = 1; run <= runs && endpoint != null && !stopRequested.get(); run++) {
                String client = name + "-client-" + run;
                Path csv = folder.resolve(client + ".csv");
                List<String> args = new ArrayList<>(List.of("client", clientFile.toAbsolutePath().toString(),
                        Integer.toString(batch), "tcp://127.0.0.1:0", endpoint));
                args.addAll(clientArgs);
                args.addAll(List.of("--csv", csv.getFileName().toString()));
                Instant started = Instant.now();
                ChildJvm c = start(client, ChildJvm.command(loopOptions, classPath, mainClass, args), out -> { },
                        line -> { });
                int exit = awaitOrStop(c, clientBound);
                finished.add(new Finished(exit, csv, started, Instant.now()));
            }
        } finally {
            serverExit = stop(server);
        }
        // The server's log is read once it has stopped: its last lines are written by then.
        List<ClientRun> clients = finished.stream().map(f -> new ClientRun(f.exitCode(), f.csv(),
                pauses(gcLog, f.started(), f.ended()))).toList();
        return new Loop(clients, counts[0], counts[1], serverExit);
    }

    /** A client run as it ended, before the server's collections during it are known. */
    private record Finished(int exitCode, Path csv, Instant started, Instant ended) {
    }

    private String awaitReady(ChildJvm server, CompletableFuture<String> ready, String name)
            throws InterruptedException {
        long readyBy = clock.nanoTime() + READY_WAIT.toNanos();
        while (!stopRequested.get()) {
            try {
                return ready.get(POLL.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                if (!server.isAlive() || clock.nanoTime() - readyBy >= 0) {
                    throw new IllegalStateException("the " + name + " server JVM " + (server.isAlive()
                            ? "did not say it was ready within " + READY_WAIT.toSeconds() + " s" : "exited before it was "
                            + "ready") + "; " + folder.resolve(name + "-server.err") + " says why");
                }
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible.getCause());
            }
        }
        return null;
    }

    private ChildJvm start(String name, List<String> command, Consumer<String> onOut, Consumer<String> onErr) {
        synchronized (running) {
            if (stopRequested.get()) {
                throw new IllegalStateException("stopped before the " + name + " JVM started");
            }
            ChildJvm jvm = ChildJvm.start(name, command, folder, folder.resolve(name + ".out"), onOut,
                    folder.resolve(name + ".err"), onErr);
            running.add(jvm);
            return jvm;
        }
    }

    /** Waits for it to exit by itself within {@code bound}, or until a stop is asked; then stops it. */
    private int awaitOrStop(ChildJvm jvm, Duration bound) throws InterruptedException {
        long until = clock.nanoTime() + bound.toNanos();
        while (!stopRequested.get() && clock.nanoTime() - until < 0) {
            int exit = jvm.awaitExit(POLL);
            if (exit != -1) {
                forget(jvm);
                return exit;
            }
        }
        log.accept(jvm.name() + (stopRequested.get() ? ": stopping it (a signal)" : ": not done within "
                + bound.toSeconds() + " s, stopping it"));
        stop(jvm);
        return -1;
    }

    private int stop(ChildJvm jvm) throws InterruptedException {
        int exit = jvm.stop(GRACE);
        forget(jvm);
        return exit;
    }

    private void forget(ChildJvm jvm) {
        synchronized (running) {
            running.remove(jvm);
        }
    }

    /**
     * A loopback endpoint nobody listens on, for the server's {@code <remote_url>}: it dials it only for results
     * that name no reply-to endpoint, which the binary codec's batches always name.
     */
    private static String unusedEndpoint() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
