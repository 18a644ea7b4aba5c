package dev.asynccom.harness;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.TaskHandlers;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.strategy.WorkerStrategy;
import dev.asynccom.core.workload.CommandList;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.loop.LoopLink;

import java.time.Duration;
import java.util.Objects;

/**
 * The system whose capacity is searched for, with the client that drives it: either a whole loop in
 * this JVM (a server engine with the chosen strategy over the chosen transport, on a synthetic
 * workload) or a server already running elsewhere, reached over ZeroMQ with the commands of a client
 * file. Owns the client, and for a loop in this JVM the server; {@link #close} stops both.
 */
public final class CapacityTarget implements AutoCloseable {
    /** Distinct commands of the synthetic workload a loop in this JVM serves; steps cycle through them. */
    static final int DISTINCT_COMMANDS = 10_000;
    /** Tasks of the short burst that estimates where to start when Little's law cannot. */
    private static final int PROBE_TASKS = 2_000;

    private final String description;
    private final ClientEngine client;
    private final CommandList commands;
    private final ClientOptions clientOptions;
    private final double littlesLawRate;
    private final ServerEngine server;
    private final AutoCloseable link;

    private CapacityTarget(String description, ClientEngine client, CommandList commands, ClientOptions clientOptions,
                           double littlesLawRate, ServerEngine server, AutoCloseable link) {
        this.description = description;
        this.client = client;
        this.commands = commands;
        this.clientOptions = clientOptions;
        this.littlesLawRate = littlesLawRate;
        this.server = server;
        this.link = link;
    }

    /**
     * A loop in this JVM, named with the benchmark's parameters: {@code transport} one of
     * {@code inproc}, {@code zmq-tcp}, {@code zmq-ipc}; the strategy (this target shuts it down); the handler
     * ({@code sleep}, {@code cpu}, {@code noop}) working through delays drawn from {@code delay}.
     */
    public static CapacityTarget inThisJvm(String transport, WorkerStrategy workerStrategy, int batch,
                                           DelayProfile delay, String handler, Duration timeout) {
        SyntheticWorkload workload = SyntheticWorkload.generate(DISTINCT_COMMANDS, delay,
                SyntheticWorkload.DEFAULT_RANDOM_SEED);
        LoopLink link = LoopLink.open(transport);
        ServerEngine server = new ServerEngine(link.server(), workerStrategy,
                TaskHandlers.create(handler, workload.delayMap()), ServerOptions.DEFAULTS, NanoClock.system()).start();
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(batch).withTimeout(timeout);
        int concurrency = workerStrategy.effectiveConcurrency();
        double mean = delay.meanNanos();
        // Little's law: C tasks in service at once, each taking the mean delay, finish C / d per second.
        double littlesLaw = concurrency == Integer.MAX_VALUE || mean <= 0 ? Double.NaN : concurrency / (mean / 1e9);
        String what = "transport=" + transport + " strategy=" + workerStrategy.name() + " concurrency="
                + (concurrency == Integer.MAX_VALUE ? "unbounded" : Integer.toString(concurrency)) + " batch=" + batch
                + " delay=" + delay.label() + " handler=" + handler;
        return new CapacityTarget(what, new ClientEngine(link.client(), options), workload.commands(), options,
                littlesLaw, server, link);
    }

    /** A server running elsewhere, reached through {@code transport}, sent the {@code commands} of a client file. */
    public static CapacityTarget remote(String description, ClientTransport transport, CommandList commands, int batch,
                                        Duration timeout) {
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(batch).withTimeout(timeout);
        return new CapacityTarget(description, new ClientEngine(transport, options), commands, options, Double.NaN,
                null, transport);
    }

    /** What is measured, for the first line of the output. */
    public String description() {
        return description;
    }

    /** Little's law's bound (concurrency / mean delay), or NaN when the concurrency or the delay is unknown. */
    public double littlesLawRate() {
        return littlesLawRate;
    }

    /**
     * Where a search should start: Little's law's bound when there is one, else the throughput of a short
     * burst (which also warms the system up).
     */
    public double startRate() throws InterruptedException {
        if (!Double.isNaN(littlesLawRate)) {
            return littlesLawRate;
        }
        RunSummary probe = client.run(commands.cycled(PROBE_TASKS), clientOptions.withRate(0).withRepeat(1));
        double rate = probe.answered() / Math.max(1e-9, probe.makespanNanos() / 1e9);
        return rate > 0 ? rate : 1;
    }

    /** Steps of {@code measure} each after a {@code warmup} at the same rate, never fewer than {@code minTasks}. */
    public LoadStep step(Duration warmup, Duration measure, int minTasks) {
        return new OpenLoopStep(client, commands, clientOptions, warmup, measure, minTasks);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.shutdown();
        }
        Objects.requireNonNull(link).close();
    }
}
