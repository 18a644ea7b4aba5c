package dev.asynccom.harness;

import dev.asynccom.core.Heartbeat;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.TaskHandlers;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.strategy.RemoteWorkerStrategy;
import dev.asynccom.core.strategy.RemoteWorkerStats;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.strategy.WorkerStrategy;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.core.workload.WorkloadFiles;
import dev.asynccom.transport.zmq.ZmqClientTransport;
import dev.asynccom.transport.zmq.ZmqOptions;
import dev.asynccom.transport.zmq.ZmqServerTransport;
import dev.asynccom.transport.zmq.ZmqWorkerEndpoint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The measurements of remote workers: scale-out (1, 2, 4 and 8 worker processes of a fixed concurrency on
 * sleeping tasks), the cost of a fault (a worker killed mid-run: detection time, tasks redelivered,
 * makespan added) and the cost of the extra hop (zero-delay tasks through one remote worker against the
 * same strategy inside the server). The server and the client run in this JVM over loopback tcp; each
 * worker is a JVM of its own running {@code worker}.
 *
 * <p>Threads: the calling thread runs each experiment in turn; each worker process has a daemon thread
 * copying its stderr into the event log; the engines own theirs.
 */
public final class RemoteWorkersRun {
    /** One measured configuration: a row of {@code remote-workers.csv}. */
    public record Row(String experiment, String config, int workers, int concurrency, long tasks, long ok,
                      long duplicates, double makespanMillis, double tasksPerSecond, double idealPerSecond,
                      double coresUsed, double detectionMillis, long redelivered, double makespanAddedMillis) {
    }

    /** What to run: the worker JVM's main class and class path, and the sizes. */
    public record Plan(String workerMain, String classPath, List<Integer> scaleOut, int concurrencyPerWorker,
                       Duration delay, int sleepTasks, int zeroTasks, Path workDir) {
    }

    static final int HOP_CREDIT = 512;

    private final Plan plan;
    private final Consumer<String> log;
    private final List<Row> rows = new CopyOnWriteArrayList<>();
    /** Every worker process started, so that a stop (SIGTERM) can end those still running. */
    private final List<Process> started = new CopyOnWriteArrayList<>();

    public RemoteWorkersRun(Plan plan, Consumer<String> log) {
        this.plan = plan;
        this.log = log;
    }

    /** Every experiment, in order; {@link #rowsSoFar} has each row as soon as it is measured. */
    public List<Row> runAll() throws Exception {
        SyntheticWorkload sleeping = SyntheticWorkload.generate(256, DelayProfile.parse(
                "constant:" + plan.delay().toMillis() + "ms"), 11);
        Path sleepMap = plan.workDir().resolve("sleep-map.txt");
        WorkloadFiles.writeServerFile(sleepMap, sleeping.delayMap());
        for (int workers : plan.scaleOut()) {
            scaleOut(sleeping, sleepMap, workers);
        }
        faultCost(sleeping, sleepMap);
        SyntheticWorkload zero = SyntheticWorkload.generate(256, DelayProfile.parse("zero"), 12);
        Path zeroMap = plan.workDir().resolve("zero-map.txt");
        WorkloadFiles.writeServerFile(zeroMap, zero.delayMap());
        hop(zero, zeroMap);
        return List.copyOf(rows);
    }

    /** The rows measured so far; safe from any thread (a shutdown hook writes them). */
    public List<Row> rowsSoFar() {
        return List.copyOf(rows);
    }

    /** Kills every worker process still running (SIGKILL): for a stop in the middle. Any thread. */
    public void killWorkers() {
        started.forEach(Process::destroyForcibly);
    }

    private void scaleOut(SyntheticWorkload work, Path map, int workers) throws Exception {
        int c = plan.concurrencyPerWorker();
        try (Cluster cluster = new Cluster(work, null)) {
            cluster.startWorkers(map, workers, c, "sleep", 0);
            RunSummary s = cluster.run(plan.sleepTasks());
            double ideal = workers * c * 1e9 / plan.delay().toNanos();
            row("scale-out", workers + " x platform " + c, workers, workers * c, s, ideal, cluster.lastCoresUsed,
                    Double.NaN, 0, Double.NaN);
        }
    }

    private void faultCost(SyntheticWorkload work, Path map) throws Exception {
        int c = plan.concurrencyPerWorker();
        double ideal = 2 * c * 1e9 / plan.delay().toNanos();
        RunSummary calm;
        double calmCores;
        try (Cluster cluster = new Cluster(work, null)) {
            cluster.startWorkers(map, 2, c, "sleep", 0);
            calm = cluster.run(plan.sleepTasks());
            calmCores = cluster.lastCoresUsed;
        }
        row("fault", "2 x platform " + c + ", no fault", 2, 2 * c, calm, ideal, calmCores, Double.NaN, 0,
                Double.NaN);
        try (Cluster cluster = new Cluster(work, null)) {
            cluster.startWorkers(map, 2, c, "sleep", 0);
            long killAfterNanos = calm.makespanNanos() / 3;
            cluster.warmUp(plan.sleepTasks()); // before the clock of the kill starts, or the kill could hit it
            CompletableFuture<RunSummary> run = cluster.measureAsync(plan.sleepTasks());
            TimeUnit.NANOSECONDS.sleep(killAfterNanos);
            long killedAt = System.nanoTime();
            cluster.workers.get(0).destroyForcibly();
            long detectedAt = cluster.awaitEvent("declared dead", Duration.ofSeconds(30));
            RunSummary faulty = run.get(5, TimeUnit.MINUTES);
            RemoteWorkerStats stats = cluster.remote.stats();
            row("fault", "2 x platform " + c + ", one killed (kill -9) at a third", 2, 2 * c, faulty, ideal,
                    cluster.lastCoresUsed, (detectedAt - killedAt) / 1e6, stats.tasksRedelivered(),
                    (faulty.makespanNanos() - calm.makespanNanos()) / 1e6);
        }
    }

    private void hop(SyntheticWorkload work, Path map) throws Exception {
        try (Cluster cluster = new Cluster(work, WorkerStrategies.create("platform", 2))) {
            RunSummary s = cluster.run(plan.zeroTasks());
            row("hop", "in the server: platform 2, noop", 0, 2, s, Double.NaN, cluster.lastCoresUsed, Double.NaN,
                    0, Double.NaN);
        }
        try (Cluster cluster = new Cluster(work, null)) {
            // A window of HOP_CREDIT tasks, so the figure is the hop's cost and not the round trip's: with the
            // default credit (2 running + 1 queued) a round trip of about 1 ms would cap it near 3 tasks/ms.
            cluster.startWorkers(map, 1, 2, "noop", HOP_CREDIT);
            RunSummary s = cluster.run(plan.zeroTasks());
            row("hop", "one remote worker: platform 2, noop, credit " + HOP_CREDIT, 1, 2, s, Double.NaN,
                    cluster.lastCoresUsed, Double.NaN, 0, Double.NaN);
        }
    }

    private Row row(String experiment, String config, int workers, int concurrency, RunSummary s, double ideal,
                    double cores, double detectionMillis, long redelivered, double addedMillis) {
        Row row = new Row(experiment, config, workers, concurrency, s.tasks(), s.ok(), s.duplicates(),
                s.makespanNanos() / 1e6, s.tasksPerSecond(), ideal, cores, detectionMillis, redelivered, addedMillis);
        rows.add(row);
        log.accept(String.format(Locale.ROOT, "%-9s %-52s %8d ok of %d, %9.0f tasks/s%s, %.2f cores%s", experiment,
                config, s.ok(), s.tasks(), s.tasksPerSecond(),
                Double.isNaN(ideal) ? "" : String.format(Locale.ROOT, " (ideal %.0f)", ideal), cores,
                Double.isNaN(detectionMillis) ? "" : String.format(Locale.ROOT, ", detected after %.0f ms, %d "
                        + "redelivered, makespan +%.0f ms", detectionMillis, redelivered, addedMillis)));
        return row;
    }

    /** A server (remote workers, or a local strategy only), its worker processes and one client, all closed together. */
    private final class Cluster implements AutoCloseable {
        final SyntheticWorkload work;
        final ServerEngine server;
        final RemoteWorkerStrategy remote;
        final ZmqClientTransport clientTransport;
        final ClientEngine client;
        final List<Process> workers = new ArrayList<>();
        final List<String> events = new CopyOnWriteArrayList<>();
        /** Cores busy on average during the last measured run: CPU time of every process over the makespan. */
        double lastCoresUsed = Double.NaN;

        Cluster(SyntheticWorkload work, WorkerStrategy localOnly) {
            this.work = work;
            ZmqServerTransport transport = new ZmqServerTransport("tcp://127.0.0.1:0", ZmqOptions.defaults());
            WorkerStrategy strategy;
            if (localOnly != null) {
                remote = null;
                strategy = localOnly;
            } else {
                remote = new RemoteWorkerStrategy(null, 0, new ZmqWorkerEndpoint("tcp://127.0.0.1:0",
                        ZmqOptions.defaults()), Heartbeat.DEFAULTS, NanoClock.system(), events::add);
                strategy = remote;
            }
            server = new ServerEngine(transport, strategy, TaskHandlers.create(localOnly != null ? "noop" : "sleep",
                    work.delayMap())).start();
            clientTransport = new ZmqClientTransport(transport.boundEndpoint(), ZmqOptions.defaults());
            client = new ClientEngine(clientTransport, ClientOptions.DEFAULTS);
        }

        void startWorkers(Path map, int count, int concurrency, String handler, int credit) throws InterruptedException {
            int before = events.size();
            for (int i = 0; i < count; i++) {
                ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(List.of("-Xmx512m"), plan.classPath(),
                        plan.workerMain(), List.of("worker", map.toString(), remote.endpoint(),
                                Integer.toString(concurrency), "--strategy", "platform", "--handler", handler,
                                "--label", "w" + (i + 1), "--credit", Integer.toString(credit))));
                builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                try {
                    Process process = builder.start();
                    workers.add(process);
                    started.add(process);
                    Thread.ofPlatform().daemon(true).start(() -> drain(process));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start a worker JVM", e);
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (remote.stats().workersJoined() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(count + " workers did not join within 60 s: " + events.subList(before, events.size()));
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }

        /** A discarded warm-up of a tenth of {@code tasks}, then the measured run. */
        RunSummary run(int tasks) throws InterruptedException {
            warmUp(tasks);
            return measure(tasks);
        }

        void warmUp(int tasks) throws InterruptedException {
            client.run(work.commands(), options(tasks).withRepeat(Math.max(1, repeats(tasks) / 10)));
        }

        RunSummary measure(int tasks) throws InterruptedException {
            long cpuBefore = cpuNanos();
            RunSummary summary = client.run(work.commands(), options(tasks));
            lastCoresUsed = (cpuNanos() - cpuBefore) / (double) Math.max(1, summary.makespanNanos());
            return summary;
        }

        /** Whole repeats of the command list: {@code tasks} rounded down to a multiple of its size. */
        private int repeats(int tasks) {
            return Math.max(1, tasks / work.commands().size());
        }

        private ClientOptions options(int tasks) {
            return ClientOptions.DEFAULTS.withRepeat(repeats(tasks)).withTimeout(Duration.ofSeconds(60));
        }

        /** CPU time of this JVM (server and client) and of every worker process so far. */
        private long cpuNanos() {
            long nanos = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            for (Process worker : workers) {
                nanos += worker.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            }
            return nanos;
        }

        CompletableFuture<RunSummary> measureAsync(int tasks) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return measure(tasks);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        long awaitEvent(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (events.stream().noneMatch(e -> e.contains(text))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no '" + text + "' within " + timeout + ": " + events);
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
            return System.nanoTime();
        }

        private void drain(Process process) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    events.add(line);
                }
            } catch (IOException gone) {
                // The worker was killed: nothing more to read.
            }
        }

        @Override
        public void close() throws Exception {
            for (Process worker : workers) {
                worker.toHandle().destroy(); // SIGTERM: goodbye and exit
            }
            for (Process worker : workers) {
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
            server.shutdown();
            clientTransport.close();
        }
    }
}
