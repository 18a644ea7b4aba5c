package dev.asynccom.harness;

import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.workload.CommandList;

import java.time.Duration;
import java.util.Objects;

/**
 * A capacity step on a real system: the client sends {@code commands} at the offered rate for a warm-up
 * run, whose figures are discarded, then for the measured run, and reports the measured run. A step
 * lasts about {@code warmup + measure} at a rate the system keeps up with, never less than
 * {@code minTasks} measured tasks; over capacity it lasts as long as the backlog takes to drain.
 *
 * <p>Threads: the calling thread runs the client (which starts its own sender thread per run); the
 * server, in this JVM or elsewhere, is driven only through the client's transport.
 */
public final class OpenLoopStep implements LoadStep {
    private final ClientEngine client;
    private final CommandList commands;
    private final ClientOptions base;
    private final Duration warmup;
    private final Duration measure;
    private final int minTasks;

    /**
     * @param client   a client connected to the system under test; this step is its only user
     * @param commands the commands to send, cycled as often as a step needs
     * @param base     the client's batch size and timeout (rate and repeat are the step's)
     */
    public OpenLoopStep(ClientEngine client, CommandList commands, ClientOptions base, Duration warmup,
                        Duration measure, int minTasks) {
        this.client = Objects.requireNonNull(client, "client");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.base = Objects.requireNonNull(base, "base");
        this.warmup = warmup;
        this.measure = measure;
        this.minTasks = minTasks;
    }

    @Override
    public StepResult run(double ratePerSecond, Slo slo) throws InterruptedException {
        if (!warmup.isZero()) {
            client.run(commands, options(ratePerSecond, warmup, 1));
        }
        RunSummary summary = client.run(commands, options(ratePerSecond, measure, minTasks));
        double seconds = summary.makespanNanos() / 1e9;
        double achieved = seconds > 0 ? summary.answered() / seconds : 0;
        long percentile = summary.latencies().endToEnd().getTotalCount() == 0 ? Long.MAX_VALUE
                : summary.latencies().endToEnd().getValueAtPercentile(slo.percentile());
        return new StepResult(ratePerSecond, achieved, percentile, summary.tasks(),
                summary.allOk() && summary.missing() == 0);
    }

    /** The step's run: at the rate, the whole command list as often as {@code duration} at that rate needs. */
    private ClientOptions options(double ratePerSecond, Duration duration, int atLeastTasks) {
        double wanted = Math.max(atLeastTasks, ratePerSecond * duration.toNanos() / 1e9);
        int repeat = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2 / commands.size(),
                Math.ceil(wanted / commands.size())));
        return base.withRate(ratePerSecond).withRepeat(repeat);
    }
}
