package dev.asynccom.harness;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.TaskHandlers;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.transport.zmq.ZmqClientTransport;
import dev.asynccom.transport.zmq.ZmqOptions;
import dev.asynccom.transport.zmq.ZmqServerTransport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How the server shares its workers among clients, with the per-client limit on and, side by side, off
 * (first come, first served, as before the limit existed): N clients at saturation, each bursting the same
 * number of tasks, started a stagger apart (shares, Jain's fairness index, p99 per client, measured while
 * all are active); and a client that starts once the server holds another's whole backlog (its makespan).
 * One server per mode, both in this JVM with a pool of platform threads on sleeping tasks; each client has
 * its own {@link ZmqClientTransport} (its own connection over loopback tcp) and {@link ClientEngine}, run on
 * its own thread.
 *
 * <p>Threads: the calling thread runs each experiment in turn and samples every client's progress once a
 * millisecond while they run; each client's run has a thread of its own ({@code asynccom-fairness-client-N});
 * the engines own theirs.
 */
public final class FairnessRun {
    /** One client of one run: a row of {@code fairness.csv}. */
    public record Row(String experiment, String limit, int clients, String client, double startMillis, long tasks,
                      long ok, long duplicates, double makespanMillis, double windowMillis, long windowTasks,
                      double tasksPerSecond, double share, double fairShare, double jain, double p99Millis) {
    }

    /**
     * What to run.
     *
     * @param clientCounts  clients of each saturation run
     * @param workers       platform threads of the server
     * @param delay         each task's sleep
     * @param tasksPerClient tasks each client bursts in a saturation run
     * @param stagger       how long after client k client k+1 starts, in a saturation run
     * @param backlogTasks  the late-start run: tasks of the client that starts first
     * @param lateTasks     the late-start run: tasks of the client that starts once the other's are all received
     * @param perClientLimit the limit measured against off: {@link ServerOptions#PER_CLIENT_FAIR_SHARE} or a cap
     */
    public record Plan(List<Integer> clientCounts, int workers, Duration delay, int tasksPerClient, Duration stagger,
                       int backlogTasks, int lateTasks, int perClientLimit) {
    }

    /** Commands in the list each client repeats: task counts are whole repeats of it. */
    public static final int COMMANDS = 256;
    private static final int BATCH = 16;
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final long RUN_BOUND_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Plan plan;
    private final Consumer<String> log;
    private final List<Row> rows = new CopyOnWriteArrayList<>();
    private final SyntheticWorkload work;

    public FairnessRun(Plan plan, Consumer<String> log) {
        this.plan = plan;
        this.log = log;
        this.work = SyntheticWorkload.generate(COMMANDS, DelayProfile.parse("constant:" + plan.delay().toNanos() + "ns"),
                13);
    }

    /** The label of a per-client limit in the results: {@code fair}, {@code off} or the cap. */
    public static String label(int perClientLimit) {
        return switch (perClientLimit) {
            case ServerOptions.PER_CLIENT_FAIR_SHARE -> "fair";
            case ServerOptions.PER_CLIENT_OFF -> "off";
            default -> Integer.toString(perClientLimit);
        };
    }

    /** Every run, each with the limit on, then off; {@link #rowsSoFar} has each row as soon as it is measured. */
    public List<Row> runAll() throws Exception {
        Map<Integer, Server> servers = new LinkedHashMap<>();
        try {
            for (int limit : List.of(plan.perClientLimit(), ServerOptions.PER_CLIENT_OFF)) {
                servers.put(limit, new Server(limit));
            }
            for (Server server : servers.values()) {
                server.warmUp();
            }
            for (int clients : plan.clientCounts()) {
                for (Server server : servers.values()) {
                    saturation(server, clients);
                }
            }
            for (Server server : servers.values()) {
                lateStart(server);
            }
        } finally {
            for (Server server : servers.values()) {
                server.close();
            }
        }
        return List.copyOf(rows);
    }

    /** The rows measured so far; safe from any thread (a shutdown hook writes them). */
    public List<Row> rowsSoFar() {
        return List.copyOf(rows);
    }

    private void saturation(Server server, int clients) throws Exception {
        List<Load> loads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            loads.add(new Load(Integer.toString(i + 1), plan.tasksPerClient(), plan.stagger().multipliedBy(i)));
        }
        List<Row> measured = server.run("saturation", loads, null);
        log.accept(String.format(Locale.ROOT, "saturation %-4s %d client%s: shares %s, Jain %.3f, p99 %s ms",
                label(server.limit), clients, clients == 1 ? " " : "s", join(measured, r -> String.format(Locale.ROOT,
                        "%.2f", r.share())), measured.getFirst().jain(), join(measured, r -> String.format(Locale.ROOT,
                        "%.0f", r.p99Millis()))));
    }

    private void lateStart(Server server) throws Exception {
        List<Load> loads = List.of(new Load("a", plan.backlogTasks(), Duration.ZERO),
                new Load("b", plan.lateTasks(), null));
        List<Row> measured = server.run("late-start", loads, loads.getFirst());
        Row a = measured.get(0);
        Row b = measured.get(1);
        log.accept(String.format(Locale.ROOT, "late-start %-4s b's %d tasks in %.0f ms (p99 %.0f ms, share %.2f while "
                        + "both ran) behind a's %d (a: %.0f ms)", label(server.limit), b.tasks(), b.makespanMillis(),
                b.p99Millis(), b.share(), a.tasks(), a.makespanMillis()));
    }

    private static String join(List<Row> measured, Function<Row, String> field) {
        return String.join("/", measured.stream().map(field).toList());
    }

    /**
     * One client's part of a run: its name, its tasks, and when it starts: that long after the run's start, or
     * (null) once the server has received every task of the run's first client.
     */
    private record Load(String name, int tasks, Duration after) {
    }

    /** A server with one per-client limit, serving one run of clients at a time. */
    private final class Server implements AutoCloseable {
        final int limit;
        final ZmqServerTransport transport;
        final ServerEngine engine;

        Server(int limit) {
            this.limit = limit;
            this.transport = new ZmqServerTransport("tcp://127.0.0.1:0", ZmqOptions.defaults());
            this.engine = new ServerEngine(transport, WorkerStrategies.create("platform", plan.workers()),
                    TaskHandlers.create("sleep", work.delayMap()),
                    ServerOptions.DEFAULTS.withMaxInFlightPerClient(limit), NanoClock.system())
                    .start();
        }

        /** A discarded run of one client, a tenth of a saturation run's tasks. */
        void warmUp() throws InterruptedException {
            try (ZmqClientTransport client = new ZmqClientTransport(transport.boundEndpoint(), ZmqOptions.defaults())) {
                new ClientEngine(client, ClientOptions.DEFAULTS).run(work.commands(), options(plan.tasksPerClient() / 10));
            }
        }

        /**
         * Runs {@code loads} at once, each client on a thread and a connection of its own, and measures them.
         *
         * @param first the load whose tasks must all be received before a load that starts late goes
         */
        List<Row> run(String experiment, List<Load> loads, Load first) throws Exception {
            int n = loads.size();
            List<ZmqClientTransport> transports = new ArrayList<>();
            List<ClientEngine> engines = new ArrayList<>();
            long[] startNanos = new long[n];
            RunSummary[] summaries = new RunSummary[n];
            Throwable[] failures = new Throwable[n];
            List<Thread> threads = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch firstReceived = new CountDownLatch(1);
            try {
                for (int i = 0; i < n; i++) {
                    ZmqClientTransport client = new ZmqClientTransport(transport.boundEndpoint(), ZmqOptions.defaults());
                    transports.add(client);
                    engines.add(new ClientEngine(client, ClientOptions.DEFAULTS));
                }
                long receivedBefore = engine.stats().tasksReceived();
                long firstTasks = first == null ? 0 : repeats(first.tasks()) * (long) COMMANDS;
                for (int i = 0; i < n; i++) {
                    int index = i;
                    Load load = loads.get(i);
                    threads.add(Thread.ofPlatform().name("asynccom-fairness-client-" + (i + 1)).start(() -> {
                        try {
                            go.await();
                            if (load.after() == null) {
                                firstReceived.await();
                            } else if (!load.after().isZero()) {
                                TimeUnit.NANOSECONDS.sleep(load.after().toNanos());
                            }
                            startNanos[index] = System.nanoTime();
                            summaries[index] = engines.get(index).run(work.commands(), options(load.tasks()));
                        } catch (Throwable e) {
                            failures[index] = e;
                        }
                    }));
                }
                long runStart = System.nanoTime();
                go.countDown();
                List<long[]> samples = new ArrayList<>();
                long deadline = runStart + RUN_BOUND_NANOS;
                while (threads.stream().anyMatch(Thread::isAlive) && System.nanoTime() - deadline < 0) {
                    long[] sample = new long[n + 1];
                    sample[0] = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        sample[i + 1] = engines.get(i).answeredSoFar();
                    }
                    samples.add(sample);
                    if (first != null && firstReceived.getCount() > 0
                            && engine.stats().tasksReceived() - receivedBefore >= firstTasks) {
                        firstReceived.countDown();
                    }
                    TimeUnit.NANOSECONDS.sleep(SAMPLE_NANOS);
                }
                firstReceived.countDown();
                for (Thread thread : threads) {
                    thread.join(TimeUnit.MINUTES.toMillis(1));
                }
                for (int i = 0; i < n; i++) {
                    if (failures[i] != null || summaries[i] == null) {
                        throw new IllegalStateException("client " + loads.get(i).name() + " of " + experiment
                                + " did not finish", failures[i]);
                    }
                }
                List<Row> measured = measure(experiment, loads, runStart, startNanos, summaries, samples);
                rows.addAll(measured);
                return measured;
            } finally {
                for (ClientEngine client : engines) {
                    client.stop();
                }
                for (Thread thread : threads) {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                }
                transports.forEach(ZmqClientTransport::close);
            }
        }

        /** Shares are measured while every client is active: from the last start to the first end. */
        private List<Row> measure(String experiment, List<Load> loads, long runStart, long[] startNanos,
                                  RunSummary[] summaries, List<long[]> samples) {
            int n = loads.size();
            long windowStart = Long.MIN_VALUE;
            long windowEnd = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                windowStart = Math.max(windowStart, startNanos[i]);
                windowEnd = Math.min(windowEnd, startNanos[i] + summaries[i].makespanNanos());
            }
            boolean overlap = windowEnd > windowStart;
            double windowSeconds = overlap ? (windowEnd - windowStart) / 1e9 : Double.NaN;
            long[] windowTasks = new long[n];
            double[] rates = new double[n];
            double sum = 0;
            double sumOfSquares = 0;
            for (int i = 0; i < n; i++) {
                windowTasks[i] = overlap ? answeredAt(samples, i, windowEnd) - answeredAt(samples, i, windowStart) : 0;
                rates[i] = overlap ? windowTasks[i] / windowSeconds : Double.NaN;
                sum += rates[i];
                sumOfSquares += rates[i] * rates[i];
            }
            double jain = sum * sum / (n * sumOfSquares);
            List<Row> measured = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RunSummary s = summaries[i];
                measured.add(new Row(experiment, label(limit), n, loads.get(i).name(), (startNanos[i] - runStart) / 1e6,
                        s.tasks(), s.ok(), s.duplicates(), s.makespanNanos() / 1e6, windowSeconds * 1e3, windowTasks[i],
                        rates[i], rates[i] / sum, 1.0 / n, jain,
                        s.latencies().endToEnd().getValueAtPercentile(99) / 1e6));
            }
            return measured;
        }

        @Override
        public void close() throws InterruptedException {
            engine.shutdown();
        }
    }

    /** Client {@code index}'s answers at {@code nanos}: the last sample taken at or before it. */
    private static long answeredAt(List<long[]> samples, int index, long nanos) {
        long answered = 0;
        for (long[] sample : samples) {
            if (sample[0] > nanos) {
                break;
            }
            answered = sample[index + 1];
        }
        return answered;
    }

    private static int repeats(int tasks) {
        return Math.max(1, tasks / COMMANDS);
    }

    private static ClientOptions options(int tasks) {
        return ClientOptions.DEFAULTS.withBatchSize(BATCH).withRepeat(repeats(tasks)).withTimeout(RUN_TIMEOUT);
    }
}
