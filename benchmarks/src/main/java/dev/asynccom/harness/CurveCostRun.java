package dev.asynccom.harness;

import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.TaskHandlers;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.results.Spread;
import dev.asynccom.transport.zmq.CurveCertificate;
import dev.asynccom.transport.zmq.CurveSetup;
import dev.asynccom.transport.zmq.ZmqClientTransport;
import dev.asynccom.transport.zmq.ZmqOptions;
import dev.asynccom.transport.zmq.ZmqServerTransport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * What CURVE costs: the same server ({@link ZmqServerTransport} and {@link ServerEngine}) and client
 * ({@link ZmqClientTransport} and {@link ClientEngine}) over loopback tcp, plain and with CURVE, in one JVM,
 * rounds of the two modes alternating so that the machine's drift hits both alike. Two workloads: zero-delay
 * tasks sent in a burst (throughput), and 1 ms sleeps offered at a fixed rate well below capacity (latency,
 * from each task's intended send time). Each workload starts with an unmeasured warm-up round of each mode.
 * Every round is a fresh server and client (so no idle pair shares the cores), primed with one command list so
 * that the connection and its handshake are done before the clock starts.
 *
 * <p>Threads: the calling thread runs every round in turn; the engines and transports own theirs. The keys
 * live in a folder of their own, created by {@link #runAll} and deleted when it ends or by {@link #deleteKeys}.
 */
public final class CurveCostRun {
    /** Commands of the generated list: task counts are whole repeats of it. */
    public static final int LIST_SIZE = 200;

    /** The two sides of the comparison. */
    public enum Mode {
        PLAIN("plain"), CURVE("curve");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The two measured workloads and their fixed configuration. */
    public enum Workload {
        /** Zero-delay tasks sent at once (batch 16): the client is held back by backpressure and its window. */
        THROUGHPUT("throughput", "platform 2, noop, zero delay, burst", 2, "noop", "zero"),
        /** 1 ms sleeps offered at a fixed rate (batch 16), open loop: latency from the intended send times. */
        LATENCY("latency", "platform 8, sleep, constant 1 ms, open loop", 8, "sleep", "constant:1ms");

        private final String label;
        private final String config;
        private final int workers;
        private final String handler;
        private final String delay;

        Workload(String label, String config, int workers, String handler, String delay) {
            this.label = label;
            this.config = config;
            this.workers = workers;
            this.handler = handler;
            this.delay = delay;
        }

        public String label() {
            return label;
        }

        /** The configuration in words. */
        public String config() {
            return config;
        }
    }

    /**
     * One measured round of one mode: a row of {@code curve-cost.csv}.
     *
     * @param round           1 to the plan's rounds
     * @param offeredPerSecond the open-loop rate offered (NaN for a burst)
     * @param p50Millis       median end-to-end latency from the intended send time (NaN for a burst)
     * @param p99Millis       99th percentile of the same (NaN for a burst)
     * @param coresUsed       CPU time of this JVM (server and client) over the makespan
     */
    public record Round(Workload workload, Mode mode, int round, long tasks, long ok, long missing, long duplicates,
                        double makespanMillis, double offeredPerSecond, double tasksPerSecond, double p50Millis,
                        double p99Millis, double coresUsed) {
        /** Whether every task came back ok exactly once: the round's figures count only then. */
        public boolean accounted() {
            return ok == tasks && missing == 0 && duplicates == 0;
        }
    }

    /**
     * One figure of one workload, plain against CURVE over the accounted rounds.
     *
     * @param ratio   CURVE's spread over plain's ({@link Spread#over})
     * @param verdict {@code tied} when the two ranges overlap, else {@code lower} or {@code higher}: CURVE's
     *                figure against plain's
     */
    public record Summary(Workload workload, String metric, Spread plain, Spread curve, Spread ratio, String verdict) {
    }

    /** One figure a summary is made of: its column name and how a round gives it. */
    private record Metric(String name, ToDoubleFunction<Round> value) {
    }

    private static final List<Metric> THROUGHPUT_METRICS = List.of(new Metric("tasks_per_s", Round::tasksPerSecond));
    private static final List<Metric> LATENCY_METRICS = List.of(new Metric("p50_ms", Round::p50Millis),
            new Metric("p99_ms", Round::p99Millis), new Metric("cores_used", Round::coresUsed));

    /**
     * What to run.
     *
     * @param rounds        measured rounds of each mode and workload, after one warm-up round of each
     * @param tasks         tasks of each throughput round (rounded down to whole repeats of the command list)
     * @param ratePerSecond the latency rounds' offered rate, in tasks per second
     * @param duration      how long each latency round offers that rate
     */
    public record Plan(int rounds, int tasks, double ratePerSecond, Duration duration) {
        /** Tasks of each throughput round: whole repeats of the command list. */
        public long throughputTasks() {
            return (long) repeats(tasks) * LIST_SIZE;
        }

        /** Tasks of each latency round: the rate for the duration, in whole repeats of the command list. */
        public long latencyTasks() {
            return (long) repeats(latencyTasksWanted()) * LIST_SIZE;
        }

        /** The rate for the duration, before rounding: the command refuses less than one command list. */
        public long latencyTasksWanted() {
            return Math.round(ratePerSecond * duration.toNanos() / 1e9);
        }

        private static int repeats(long tasks) {
            return (int) Math.max(1, tasks / LIST_SIZE);
        }
    }

    /**
     * The client's options in both modes: batch 16 and the {@code client} command's in-flight window, what a
     * server holds by default (a CURVE socket cannot push back: jeromq #1009).
     */
    private static final ClientOptions CLIENT = ClientOptions.DEFAULTS.withMaxInFlight(
            ServerOptions.DEFAULTS.maxInFlightTasks());
    /** The longest a run waits with no result coming before it counts the rest missing. */
    private static final Duration SILENCE = Duration.ofSeconds(30);
    /** The longest any run may last beyond what it should take: a stuck round ends, its tasks missing. */
    private static final Duration SLACK = Duration.ofMinutes(2);

    private final Plan plan;
    private final Consumer<String> log;
    private final List<Round> rounds = new CopyOnWriteArrayList<>();
    private final AtomicInteger failedRuns = new AtomicInteger();
    private volatile Path keyDir;

    public CurveCostRun(Plan plan, Consumer<String> log) {
        this.plan = plan;
        this.log = log;
    }

    /**
     * Every round of both workloads, in order; {@link #roundsSoFar} has each as soon as it is measured. A round
     * (or warm-up, or priming run) that loses, doubles or fails a task is told loudly on the log and counted in
     * {@link #failedRuns}; its row stays, and the summaries leave it out.
     */
    public List<Round> runAll() throws Exception {
        keyDir = Files.createTempDirectory("asynccom-curve-cost-");
        try {
            Keys keys = Keys.write(keyDir);
            SyntheticWorkload zero = workload(Workload.THROUGHPUT);
            SyntheticWorkload sleeping = workload(Workload.LATENCY);
            ClientOptions burst = CLIENT.withRepeat((int) (plan.throughputTasks() / LIST_SIZE))
                    .withTimeout(SILENCE).withDeadline(SLACK.plusMinutes(3));
            ClientOptions openLoop = CLIENT.withRepeat((int) (plan.latencyTasks() / LIST_SIZE))
                    .withRate(plan.ratePerSecond()).withTimeout(SILENCE)
                    .withDeadline(SLACK.plus(Duration.ofNanos((long) (plan.latencyTasks() * 1e9 / plan.ratePerSecond()))));
            measure(Workload.THROUGHPUT, zero, burst, keys);
            measure(Workload.LATENCY, sleeping, openLoop, keys);
            return List.copyOf(rounds);
        } finally {
            deleteKeys();
        }
    }

    /** The rounds measured so far; safe from any thread (a shutdown hook writes them). */
    public List<Round> roundsSoFar() {
        return List.copyOf(rounds);
    }

    /** Runs (warm-ups and priming runs included) that lost, doubled or failed a task. */
    public int failedRuns() {
        return failedRuns.get();
    }

    /** Deletes the temporary key folder, if any: for the end of a run, or a stop in the middle. Any thread. */
    public void deleteKeys() {
        Path dir = keyDir;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.accept("the temporary keys in " + dir + " could not all be deleted: " + e.getMessage());
        }
    }

    /** The summaries of {@code rounds}: per workload and figure, for those with an accounted round of each mode. */
    public static List<Summary> summarize(List<Round> rounds) {
        List<Summary> summaries = new ArrayList<>();
        for (Workload workload : Workload.values()) {
            for (Metric metric : workload == Workload.THROUGHPUT ? THROUGHPUT_METRICS : LATENCY_METRICS) {
                List<Double> plain = readings(rounds, workload, Mode.PLAIN, metric);
                List<Double> curve = readings(rounds, workload, Mode.CURVE, metric);
                if (plain.isEmpty() || curve.isEmpty()) {
                    continue;
                }
                Spread p = Spread.of(plain);
                Spread c = Spread.of(curve);
                String verdict = p.overlaps(c) ? "tied" : c.median() < p.median() ? "lower" : "higher";
                summaries.add(new Summary(workload, metric.name(), p, c, c.over(p), verdict));
            }
        }
        return summaries;
    }

    private static List<Double> readings(List<Round> rounds, Workload workload, Mode mode, Metric metric) {
        return rounds.stream().filter(r -> r.workload() == workload && r.mode() == mode && r.accounted())
                .map(r -> metric.value().applyAsDouble(r)).filter(v -> !Double.isNaN(v)).toList();
    }

    /** A warm-up round of each mode, then the measured rounds, plain and CURVE alternating. */
    private void measure(Workload workload, SyntheticWorkload work, ClientOptions options, Keys keys)
            throws InterruptedException {
        for (Mode mode : Mode.values()) {
            round(workload, mode, 0, work, options, keys);
        }
        for (int r = 1; r <= plan.rounds(); r++) {
            for (Mode mode : Mode.values()) {
                round(workload, mode, r, work, options, keys);
            }
        }
    }

    /** Round {@code number} of one mode ({@code 0}: the warm-up, not kept), in a server and client of its own. */
    private void round(Workload workload, Mode mode, int number, SyntheticWorkload work, ClientOptions options,
                       Keys keys) throws InterruptedException {
        String name = workload.label() + " " + mode.label() + (number == 0 ? " warm-up" : " round " + number);
        try (Pair pair = new Pair(workload, mode, work, keys)) {
            RunSummary primed = pair.client.run(work.commands(), CLIENT.withTimeout(SILENCE)
                    .withDeadline(SLACK));
            check(name + " priming", primed);
            long cpuBefore = cpuNanos();
            RunSummary s = pair.client.run(work.commands(), options);
            double cores = (cpuNanos() - cpuBefore) / (double) Math.max(1, s.makespanNanos());
            check(name, s);
            boolean open = options.openLoop();
            Round round = new Round(workload, mode, number, s.tasks(), s.ok(), s.missing(), s.duplicates(),
                    s.makespanNanos() / 1e6, open ? options.ratePerSecond() : Double.NaN, s.tasksPerSecond(),
                    open ? percentileMillis(s, 50) : Double.NaN, open ? percentileMillis(s, 99) : Double.NaN, cores);
            if (number > 0) {
                rounds.add(round); // before its line: a stop that follows the line writes it
            }
            log.accept(String.format(Locale.ROOT, "%-28s %9d ok of %d, %9.0f tasks/s%s, %.2f cores", name, s.ok(),
                    s.tasks(), s.tasksPerSecond(), open ? String.format(Locale.ROOT, ", p50 %.3f ms, p99 %.3f ms",
                            round.p50Millis(), round.p99Millis()) : "", cores));
        }
    }

    /** Tells a run that did not account for every task once, loudly, and counts it. */
    private void check(String name, RunSummary s) {
        if (s.allOk() && s.missing() == 0) {
            return;
        }
        failedRuns.incrementAndGet();
        log.accept(String.format(Locale.ROOT, "FAILED: %s did not answer every task once: %d ok of %d, %d missing, "
                        + "%d duplicated, %d not ok, %d unknown ids (run ended: %s)", name, s.ok(), s.tasks(),
                s.missing(), s.duplicates(), s.answered() - s.ok(), s.unknownIds(), s.end()));
    }

    private static double percentileMillis(RunSummary s, double percentile) {
        return s.latencies().endToEnd().getValueAtPercentile(percentile) / 1e6;
    }

    private static SyntheticWorkload workload(Workload workload) {
        return SyntheticWorkload.generate(LIST_SIZE, DelayProfile.parse(workload.delay),
                SyntheticWorkload.DEFAULT_RANDOM_SEED);
    }

    /** CPU time of this JVM so far: server and client together. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A server's and a client's CURVE setups, read from certificate files as the commands read them. */
    private record Keys(CurveSetup.Server server, CurveSetup.Client client) {
        /** Writes a key pair for each side into {@code dir} as {@code keygen} does, and reads the setups back. */
        static Keys write(Path dir) throws IOException {
            Path allow = Files.createDirectory(dir.resolve("allow"));
            CurveCertificate server = CurveCertificate.generate();
            CurveCertificate client = CurveCertificate.generate();
            server.writeSecret(dir.resolve("server" + CurveCertificate.SECRET_SUFFIX));
            server.writePublic(dir.resolve("server"));
            client.writeSecret(dir.resolve("client" + CurveCertificate.SECRET_SUFFIX));
            client.writePublic(allow.resolve("client"));
            return new Keys(CurveSetup.forServer(dir.resolve("server" + CurveCertificate.SECRET_SUFFIX), allow)
                    .orElseThrow(), CurveSetup.forClient(dir.resolve("client" + CurveCertificate.SECRET_SUFFIX),
                    dir.resolve("server")).orElseThrow());
        }
    }

    /** A server and one client connected to it, in the given mode; closed together. */
    private static final class Pair implements AutoCloseable {
        final ServerEngine server;
        final ZmqClientTransport clientTransport;
        final ClientEngine client;

        Pair(Workload workload, Mode mode, SyntheticWorkload work, Keys keys) {
            ZmqOptions plain = ZmqOptions.defaults();
            ZmqServerTransport transport = new ZmqServerTransport("tcp://127.0.0.1:0",
                    mode == Mode.CURVE ? plain.withCurve(keys.server()) : plain);
            server = new ServerEngine(transport, WorkerStrategies.create("platform", workload.workers),
                    TaskHandlers.create(workload.handler, work.delayMap())).start();
            clientTransport = new ZmqClientTransport(transport.boundEndpoint(),
                    mode == Mode.CURVE ? plain.withCurve(keys.client()) : plain);
            client = new ClientEngine(clientTransport, ClientOptions.DEFAULTS);
        }

        @Override
        public void close() throws InterruptedException {
            try {
                server.shutdown();
            } finally {
                clientTransport.close();
            }
        }
    }
}
