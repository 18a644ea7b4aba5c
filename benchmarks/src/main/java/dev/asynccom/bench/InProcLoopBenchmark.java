package dev.asynccom.bench;

import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.loop.RunCheck;
import dev.asynccom.transport.inproc.InProcLink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The whole loop in one JVM with zero-delay tasks: what each strategy costs in dispatch alone.
 * One operation is one task; an invocation is a client run of {@value #TASKS} tasks in batches of
 * {@code batch}, sent at once, through the in-process link to a server running {@code strategy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class InProcLoopBenchmark {
    static final int TASKS = 100_000;
    private static final int DISTINCT_COMMANDS = 1_000;

    @Param({"platform", "virtual", "forkjoin", "seed"})
    public String strategy;

    /** Threads (platform), concurrency limit (virtual, 0 = none), max pool size (forkjoin), batch workers (seed). */
    @Param({"2"})
    public int workers;

    @Param({"16"})
    public int batch;

    private ServerEngine server;
    private ClientEngine client;
    private SyntheticWorkload workload;

    @Setup
    public void start() {
        workload = SyntheticWorkload.generate(DISTINCT_COMMANDS, DelayProfile.parse("zero"),
                SyntheticWorkload.DEFAULT_RANDOM_SEED);
        InProcLink link = new InProcLink();
        server = new ServerEngine(link.server(), WorkerStrategies.create(strategy, workers),
                new SleepHandler(workload.delayMap())).start();
        client = new ClientEngine(link.newClient(), ClientOptions.DEFAULTS.withBatchSize(batch)
                .withRepeat(TASKS / DISTINCT_COMMANDS).withTimeout(Duration.ofSeconds(60)));
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public RunSummary zeroDelayTasks() throws InterruptedException {
        return RunCheck.requireEveryTaskOk(client.run(workload.commands()), TASKS, strategy + " x" + workers);
    }

    @TearDown
    public void stop() throws InterruptedException {
        server.shutdown();
    }
}
