package dev.asynccom.bench;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.strategy.WorkerStrategy;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.loop.LoopConfig;
import dev.asynccom.loop.LoopLink;
import dev.asynccom.loop.RunCheck;
import dev.asynccom.results.TrialRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole loop, client to server and back, over one transport under one worker strategy: the
 * benchmark this project is for.
 *
 * <p>One invocation is one client run: {@code tasks} generated tasks, each sleeping the delay its
 * {@code delay} profile drew, sent in batches of {@code batch}, all at once ({@code load=burst}, as the seed
 * sends) or on a fixed schedule ({@code load=rate:<tasks/s>}, open loop: latency counts from each task's
 * intended send time). In {@link Mode#SingleShotTime} every iteration is one run, so JMH's score is the
 * run's makespan. A run that does not answer every task with ok, exactly once, fails the benchmark: a
 * fast wrong answer is no answer.
 *
 * <p>Measured runs, not warm-up ones, also keep their latency histograms and makespan; the trial's teardown
 * writes them as a {@link TrialRecord} into the folder the system property {@value #RESULTS_DIR_PROPERTY}
 * names (the launcher, {@link dev.asynccom.harness.Harness}, sets it for every fork; without it nothing is written). The JMH fork
 * is a JVM of its own, so the numbers travel as files.
 *
 * <p>Threads: JMH's benchmark thread runs the client and receives its results; the client engine's sender,
 * the server engine's receiver and sender and the strategy's workers belong to the engines, started in
 * the trial's setup and stopped in its teardown.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class FullLoopBenchmark {
    /** The system property naming the results folder trial records go to. */
    public static final String RESULTS_DIR_PROPERTY = "asynccom.results.dir";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    @Param({"inproc", "zmq-tcp", "zmq-ipc"})
    public String transport;

    @Param({"platform", "virtual", "forkjoin", "seed"})
    public String strategy;

    /** Threads (platform), concurrency limit (virtual, 0 = none), max pool size (forkjoin), batch workers (seed). */
    @Param({"32"})
    public int workers;

    @Param({"16"})
    public int batch;

    @Param({"zero", "constant:1ms", "exponential:5ms", "bimodal:1ms:50ms:0.05"})
    public String delay;

    @Param({"2000"})
    public int tasks;

    @Param({"burst"})
    public String load;

    private LoopConfig config;
    private SyntheticWorkload workload;
    private WorkerStrategy workerStrategy;
    private LoopLink link;
    private ServerEngine server;
    private ClientEngine client;
    private String benchmarkName;

    private boolean measuring;
    private int warmupRuns;
    private final List<TrialRecord.Run> measured = new ArrayList<>();
    private boolean failed;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) {
        if (params.getThreads() != 1) {
            throw new IllegalArgumentException("FullLoopBenchmark drives one client, which runs one run at a time: "
                    + "use -t 1, not -t " + params.getThreads());
        }
        benchmarkName = params.getBenchmark();
        config = new LoopConfig(transport, strategy, workers, batch, delay, tasks, load).validate();
        // Every run draws the same workload: only the strategy, transport and load differ between configurations.
        workload = SyntheticWorkload.generate(tasks, config.delayProfile(), SyntheticWorkload.DEFAULT_RANDOM_SEED);
        workerStrategy = WorkerStrategies.create(strategy, workers);
        link = LoopLink.open(transport);
        server = new ServerEngine(link.server(), workerStrategy, new SleepHandler(workload.delayMap()),
                ServerOptions.DEFAULTS, NanoClock.system()).start();
        client = new ClientEngine(link.client(), ClientOptions.DEFAULTS.withBatchSize(batch)
                .withRate(config.ratePerSecond()).withTimeout(RUN_TIMEOUT));
    }

    /** Warm-up and measurement iterations run the same code; only measured runs are recorded. */
    @Setup(Level.Iteration)
    public void beginIteration(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
    }

    @Benchmark
    public RunSummary run() throws InterruptedException {
        long startMillis = System.currentTimeMillis();
        RunSummary summary = client.run(workload.commands());
        verify(summary);
        if (measuring) {
            measured.add(new TrialRecord.Run(startMillis, System.currentTimeMillis(), summary.makespanNanos(),
                    summary.ok(), summary.unknownCommand(), summary.failed(), summary.rejected(), summary.missing(),
                    summary.duplicates(), summary.latencies()));
        } else {
            warmupRuns++;
        }
        return summary;
    }

    private void verify(RunSummary summary) {
        try {
            RunCheck.requireEveryTaskOk(summary, tasks, config.id());
        } catch (IllegalStateException lost) {
            failed = true;
            throw lost;
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException, IOException {
        boolean drained = server.shutdown();
        link.close();
        if (!drained) {
            throw new IllegalStateException("the server of " + config.id() + " did not drain within its timeout");
        }
        String dir = System.getProperty(RESULTS_DIR_PROPERTY);
        if (dir != null && !failed && !measured.isEmpty()) {
            DelayMap delays = workload.delayMap();
            long maxDelay = 0;
            for (int i = 0; i < delays.size(); i++) {
                maxDelay = Math.max(maxDelay, delays.delayNanos(i));
            }
            // No more tasks can run at once than a run has: virtual threads without a limit count as tasks.
            int concurrency = Math.min(Math.min(workerStrategy.effectiveConcurrency(), tasks),
                    ServerOptions.DEFAULTS.maxInFlightTasks());
            new TrialRecord(benchmarkName, config, concurrency, delays.totalDelayNanos(), maxDelay, warmupRuns,
                    measured, String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()))
                    .write(Path.of(dir));
        }
    }
}
