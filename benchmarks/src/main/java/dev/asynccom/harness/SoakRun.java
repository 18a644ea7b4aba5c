package dev.asynccom.harness;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.Durations;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.core.workload.WorkloadFiles;
import dev.asynccom.loop.ServerLines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * A soak: many zero-delay tasks from a {@code client} JVM through a {@code server} JVM over loopback tcp, each
 * process's resident memory sampled while it lives ({@link RssSampler}) and its collections logged
 * ({@link GcLog}). The client sends a small generated commands file {@code repeat} times (its
 * {@code --repeat}), so ten million tasks need no ten-million-line file, and writes its summary with
 * {@code --csv}, which the caller reads to account for every task. Bounded: a deadline, after which both JVMs
 * are stopped (SIGTERM, then SIGKILL) and the run reports what it has, and {@link #requestStop} for a signal.
 *
 * <p>Threads: the calling thread runs the soak and owns both child processes; the sampler and each child's
 * copiers have threads of their own; {@link #requestStop} may be called from any thread (a shutdown hook).
 */
public final class SoakRun {
    /** The longest commands file the client is given; a divisor of the task count, so tasks = lines x repeat. */
    static final int MAX_FILE_LINES = 1000;
    static final Duration SAMPLE_INTERVAL = Duration.ofMillis(200);
    /** How long the server JVM may take to say it is ready. */
    static final Duration READY_WAIT = Duration.ofSeconds(60);
    /** After SIGTERM: the client prints its summary and writes its --csv row (its own hook waits up to 10 s). */
    static final Duration CLIENT_GRACE = Duration.ofSeconds(20);
    /** After SIGTERM: the server drains (its default --drain-timeout is 10 s). */
    static final Duration SERVER_GRACE = Duration.ofSeconds(30);
    private static final Duration JCMD_WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);

    /**
     * What to run.
     *
     * @param mainClass the launcher's main class, {@code dev.asynccom.cli.Main}
     * @param classPath its class path
     * @param heap      each JVM's {@code -Xmx}, as the JVM takes it ({@code 256m})
     * @param folder    where the files go; the JVMs run there
     */
    public record Plan(String mainClass, String classPath, int tasks, int batch, String strategy, int workers,
                       String heap, Duration deadline, Path folder) {
    }

    /** How the soak ended. */
    public enum Ending {
        /** The client ended by itself: its summary says whether every task came back. */
        FINISHED,
        /** The deadline passed: both JVMs stopped, the client's summary holds what came back so far. */
        DEADLINE,
        /** {@link #requestStop} (a signal): as the deadline. */
        STOPPED,
        /** The server JVM exited before the client was done: the client was stopped. */
        SERVER_EXITED
    }

    /**
     * One JVM's figures.
     *
     * @param jvmOptions what it was started with besides the class path and command
     * @param memory     its last reading (peak so far and resident then); empty when none could be taken
     * @param samples    readings taken
     * @param exitCode   its exit code (137: killed), -1 when it never started
     */
    public record Figures(long pid, List<String> jvmOptions, Optional<ProcStatus> memory, long samples, GcLog gc,
                          int exitCode) {
    }

    /**
     * The soak's result.
     *
     * @param fileLines          lines of the commands file
     * @param repeat             the client's --repeat: fileLines x repeat = tasks
     * @param clientCsv          the client's --csv file (absent when it wrote none)
     * @param clientWallNanos    the client JVM's start to its exit
     * @param wallNanos          the server JVM's start to both JVMs gone
     * @param serverReceived     tasks the server's exit line counts as received, -1 when it printed none
     * @param serverSent         results it counts as sent, -1 when it printed none
     * @param loadAverageStart   the system's 1-minute load average at the start (-1 where unknown)
     * @param loadAverageEnd     ... and at the end
     */
    public record Outcome(Ending ending, int fileLines, int repeat, Figures server, Figures client, Path clientCsv,
                          long clientWallNanos, long wallNanos, long serverReceived, long serverSent,
                          double loadAverageStart, double loadAverageEnd) {
    }

    private final Plan plan;
    private final Consumer<String> log;
    private final NanoClock clock;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    /** Pids of the server and the client once started (0 before), for a kill that cannot wait. */
    private final AtomicLongArray pids = new AtomicLongArray(2);

    public SoakRun(Plan plan, Consumer<String> log, NanoClock clock) {
        this.plan = plan;
        this.log = log;
        this.clock = clock;
    }

    /** The largest divisor of {@code tasks} not above {@value #MAX_FILE_LINES}: the commands file's lines. */
    public static int fileLines(int tasks) {
        for (int lines = Math.min(tasks, MAX_FILE_LINES); lines > 1; lines--) {
            if (tasks % lines == 0) {
                return lines;
            }
        }
        return 1;
    }

    /** Ends the soak soon: the calling thread stops both JVMs as at the deadline and returns. Any thread. */
    public void requestStop() {
        stopRequested.set(true);
    }

    /** SIGKILL to both JVMs if still running: the last resort of a stop that could not wait. Any thread. */
    public void killAll() {
        for (int i = 0; i < pids.length(); i++) {
            long pid = pids.get(i);
            if (pid != 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Runs the soak: files, server, client, stop, figures. */
    public Outcome run() throws IOException, InterruptedException {
        double loadStart = loadAverage();
        int lines = fileLines(plan.tasks());
        int repeat = plan.tasks() / lines;
        SyntheticWorkload work = SyntheticWorkload.generate(lines, DelayProfile.parse("zero"), 10);
        Path folder = plan.folder();
        WorkloadFiles.writeServerFile(folder.resolve(WorkloadFiles.SERVER_FILE), work.delayMap());
        WorkloadFiles.writeClientFile(folder.resolve(WorkloadFiles.CLIENT_FILE), work.commands());
        String classPath = ChildJvm.absolute(plan.classPath());
        long deadlineAt = clock.nanoTime() + plan.deadline().toNanos();
        long start = clock.nanoTime();
        List<String> serverOptions = jvmOptions("server");
        List<String> clientOptions = jvmOptions("client");
        ChildJvm server = null;
        ChildJvm client = null;
        long clientStart = 0;
        long clientEnd = 0;
        int serverExit = -1;
        int clientExit = -1;
        Ending ending = null;
        long[] serverCounts = {-1, -1};
        try (RssSampler sampler = new RssSampler(SAMPLE_INTERVAL, clock).start()) {
            CompletableFuture<String> ready = new CompletableFuture<>();
            server = ChildJvm.start("server", ChildJvm.command(serverOptions, classPath, plan.mainClass(), List.of(
                            "server", WorkloadFiles.SERVER_FILE, "tcp://127.0.0.1:0", unusedEndpoint(),
                            Integer.toString(plan.workers()), "--strategy", plan.strategy(), "--handler", "noop")),
                    folder, folder.resolve("server.out"), line -> { }, folder.resolve("server.err"), line -> {
                        String endpoint = ServerLines.endpoint(line);
                        if (endpoint != null) {
                            ready.complete(endpoint);
                        }
                        long[] counts = ServerLines.counts(line);
                        if (counts != null) {
                            serverCounts[0] = counts[0];
                            serverCounts[1] = counts[1];
                        }
                        log.accept(relabel(line));
                    });
            pids.set(0, server.pid());
            sampler.watch("server", server.pid());
            log.accept("server JVM started, pid " + server.pid() + ": " + String.join(" ", serverOptions));
            String endpoint = null;
            long readyBy = Math.min(deadlineAt, clock.nanoTime() + READY_WAIT.toNanos());
            while (endpoint == null) {
                try {
                    endpoint = ready.get(POLL.toNanos(), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    ending = stopRequested.get() ? Ending.STOPPED : clock.nanoTime() >= deadlineAt ? Ending.DEADLINE
                            : null;
                    if (ending != null) {
                        break;
                    }
                    if (!server.isAlive() || clock.nanoTime() >= readyBy) {
                        boolean silent = server.isAlive();
                        serverExit = server.stop(Duration.ofSeconds(5));
                        throw new IllegalStateException("the server JVM " + (silent
                                ? "did not say it was ready within " + READY_WAIT.toSeconds() + " s"
                                : "exited with " + serverExit + " before it was ready") + "; "
                                + folder.resolve("server.err") + " says why");
                    }
                } catch (ExecutionException impossible) {
                    throw new IllegalStateException(impossible.getCause());
                }
            }
            if (endpoint != null) {
                AtomicBoolean summaryStarted = new AtomicBoolean();
                clientStart = clock.nanoTime();
                client = ChildJvm.start("client", ChildJvm.command(clientOptions, classPath, plan.mainClass(), List.of(
                                "client", WorkloadFiles.CLIENT_FILE, Integer.toString(plan.batch()), "tcp://127.0.0.1:0",
                                endpoint, "--repeat", Integer.toString(repeat), "--csv", "client.csv")),
                        folder, folder.resolve("client.out"), line -> {
                            if (summaryStarted.compareAndSet(false, true)) {
                                sampler.sampleNow(); // the summary comes just before it exits: a last reading
                            }
                        }, folder.resolve("client.err"), line -> log.accept(relabel(line)));
                pids.set(1, client.pid());
                sampler.watch("client", client.pid());
                log.accept("client JVM started, pid " + client.pid() + ": " + String.join(" ", clientOptions)
                        + "; " + lines + " commands x " + repeat + " to " + endpoint);
                while (true) {
                    clientExit = client.awaitExit(POLL);
                    if (clientExit != -1) {
                        ending = Ending.FINISHED;
                        break;
                    }
                    if (stopRequested.get()) {
                        ending = Ending.STOPPED;
                    } else if (clock.nanoTime() >= deadlineAt) {
                        ending = Ending.DEADLINE;
                    } else if (!server.isAlive()) {
                        ending = Ending.SERVER_EXITED;
                    }
                    if (ending != null) {
                        log.accept(switch (ending) {
                            case STOPPED -> "stopped by a signal: stopping the client (SIGTERM) for its summary";
                            case DEADLINE -> "the deadline (" + Durations.format(plan.deadline().toNanos()) + ") passed: stopping the client "
                                    + "(SIGTERM) for its summary";
                            default -> "the server JVM exited during the run: stopping the client (SIGTERM)";
                        });
                        sampler.sampleNow();
                        sampler.forget("client");
                        clientExit = client.stop(CLIENT_GRACE);
                        break;
                    }
                }
                clientEnd = clock.nanoTime();
                sampler.forget("client");
            }
            if (server.isAlive()) {
                sampler.sampleNow(); // its peak, before the explicit collection below can touch more memory
                sampler.forget("server");
                if (client != null) { // a run to measure the live heap after (not a server still starting)
                    fullCollection(server.pid());
                }
            }
            sampler.forget("server");
            serverExit = server.stop(SERVER_GRACE);
            sampler.close();
            long wall = clock.nanoTime() - start;
            Figures serverFigures = new Figures(server.pid(), serverOptions, sampler.last("server"),
                    sampler.samples("server"), GcLog.read(folder.resolve("server-gc.log")), serverExit);
            Figures clientFigures = new Figures(client == null ? -1 : client.pid(), clientOptions,
                    sampler.last("client"), sampler.samples("client"), GcLog.read(folder.resolve("client-gc.log")),
                    clientExit);
            writeMemorySeries(folder.resolve("memory.csv"), sampler.series());
            return new Outcome(ending, lines, repeat, serverFigures, clientFigures, folder.resolve("client.csv"),
                    client == null ? 0 : clientEnd - clientStart, wall, serverCounts[0], serverCounts[1], loadStart,
                    loadAverage());
        } finally {
            // Whatever went wrong, no JVM of ours outlives the soak.
            if (client != null && client.isAlive()) {
                client.kill();
            }
            if (server != null && server.isAlive()) {
                server.kill();
            }
        }
    }

    /** {@code -Xmx} and a GC log in the folder: what each JVM is started with. */
    private List<String> jvmOptions(String process) {
        return List.of("-Xmx" + plan.heap(), "-Xlog:gc:file=" + process + "-gc.log");
    }

    /**
     * {@code jcmd <pid> GC.run}: a full collection whose log line gives the server's live heap after the run.
     * Skipped, with a line saying so, when jcmd is missing or fails: the figure is optional.
     */
    private void fullCollection(long pid) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            log.accept("no jcmd in " + jcmd.getParent() + ": the server's live heap is not measured");
            return;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            if (!p.waitFor(JCMD_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
                p.destroyForcibly();
                log.accept("jcmd GC.run did not return within " + JCMD_WAIT.toSeconds() + " s: the server's live "
                        + "heap is not measured");
            } else if (p.exitValue() != 0) {
                log.accept("jcmd GC.run failed (exit " + p.exitValue() + "): the server's live heap is not measured");
            }
        } catch (IOException e) {
            log.accept("jcmd could not run (" + e.getMessage() + "): the server's live heap is not measured");
        }
    }

    /** The time series of the readings: {@code elapsed_ms,process,rss_kib,peak_kib}. */
    private static void writeMemorySeries(Path file, List<RssSampler.Sample> series) throws IOException {
        List<String> lines = new ArrayList<>(series.size() + 1);
        lines.add("elapsed_ms,process,rss_kib,peak_kib");
        for (RssSampler.Sample s : series) {
            lines.add(s.elapsedNanos() / 1_000_000 + "," + s.process() + "," + s.status().rssKib() + ","
                    + s.status().peakKib());
        }
        Files.write(file, lines);
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

    /** A child's line for this command's stderr: {@code asynccom client: sent ...} becomes {@code client: sent ...}. */
    private static String relabel(String line) {
        return line.startsWith("asynccom ") ? line.substring("asynccom ".length()) : line;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
