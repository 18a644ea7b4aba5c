package dev.asynccom.harness;

import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.workload.CommandList;
import org.HdrHistogram.Histogram;

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
    /** The most tasks one run sends: 100 M tasks of per-task state is about 100 MB on the client. */
    static final int MAX_TASKS = 100_000_000;
    /** The longest a measured step sends for to reach its minimum of tasks, unless 10 steps are longer. */
    static final Duration LONGEST = Duration.ofSeconds(10);

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
        ClientOptions options = base.withRate(ratePerSecond).withRepeat(1);
        if (!warmup.isZero()) {
            client.run(commands.cycled(tasks(ratePerSecond, warmup, 1)), options);
        }
        // minTasks, but a step never sends for longer than LONGEST: at a very low rate a step has few tasks.
        int most = tasks(ratePerSecond, LONGEST.compareTo(measure.multipliedBy(10)) > 0 ? LONGEST
                : measure.multipliedBy(10), 1);
        RunSummary summary = client.run(commands.cycled(Math.min(most, tasks(ratePerSecond, measure, minTasks))),
                options);
        Histogram endToEnd = summary.latencies().endToEnd();
        if (endToEnd.getTotalCount() == 0) {
            return new StepResult(ratePerSecond, 0, Long.MAX_VALUE, summary.tasks(), false, Long.MAX_VALUE,
                    Long.MAX_VALUE, Long.MAX_VALUE);
        }
        double achieved = summary.steadyPerSecond();
        if (Double.isNaN(achieved)) {
            // One batch, nothing to fit: answered over the makespan less the median latency.
            double seconds = (summary.makespanNanos() - endToEnd.getValueAtPercentile(50)) / 1e9;
            achieved = seconds > 0 ? summary.answered() / seconds : 0;
        }
        boolean allOk = summary.allOk() && summary.missing() == 0;
        return new StepResult(ratePerSecond, achieved, endToEnd.getValueAtPercentile(slo.percentile()),
                summary.tasks(), allOk, endToEnd.getValueAtPercentile(50), endToEnd.getValueAtPercentile(99),
                endToEnd.getValueAtPercentile(99.9));
    }

    /** The tasks a run at {@code ratePerSecond} sends in {@code duration}, at least {@code atLeast}. */
    private static int tasks(double ratePerSecond, Duration duration, int atLeast) {
        return (int) Math.min(MAX_TASKS, Math.max(atLeast, Math.ceil(ratePerSecond * duration.toNanos() / 1e9)));
    }
}
