package dev.asynccom.cli;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.UserError;
import dev.asynccom.core.workload.CommandList;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.harness.CapacitySearch;
import dev.asynccom.harness.CapacityTarget;
import dev.asynccom.harness.CurveSweep;
import dev.asynccom.harness.LoadStep;
import dev.asynccom.harness.PoolDiagnostics;
import dev.asynccom.harness.Slo;
import dev.asynccom.harness.StepResult;
import dev.asynccom.loop.LoopConfig;
import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.Numbers;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.transport.codec.WireCodec;
import dev.asynccom.transport.zmq.Endpoints;
import dev.asynccom.transport.zmq.ZmqTransports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code capacity}: the highest open-loop rate one configuration sustains within a latency SLO, found by
 * {@link CapacitySearch}, either for a loop in this JVM named with the benchmark's parameters or for a
 * server already running elsewhere ({@code --server}).
 *
 * <p>Threads: the calling thread runs the search and the client; a loop in this JVM has its server's
 * threads besides.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Finds the capacity of one configuration at a latency SLO: the highest offered rate (open loop, "
                        + "latency from each task's intended send time) at which the system keeps up (at least "
                        + "99%% of the rate achieved), meets the SLO and answers every task ok.",
                "It brackets from a start estimate (Little's law, workers / mean delay, or a short burst), "
                        + "doubling or halving the rate, then bisects to --precision; the rate it ends on is run "
                        + "--repeats times and passes only when all pass (--forgive failed steps are taken for "
                        + "stalls and run again). Each step prints a line; the last line is the answer.",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  capacity --transport inproc --strategy platform --workers 32 --batch 16 --delay constant:5ms "
                        + "--slo p99=50ms",
                "  capacity --strategy virtual --workers 0 --delay constant:5ms --slo p99=20ms",
                "  capacity --server tcp://127.0.0.1:5557 --commands client_data.txt --slo p99=1.5s",
                "  capacity --server tcp://127.0.0.1:5557 --bind tcp://127.0.0.1:5556 --codec seed "
                        + "--commands client_data.txt --slo p99=2s   (the original Python server)",
                ""})
public final class CapacityCommand implements Callable<Integer> {
    private static final String NAME = "asynccom capacity: ";

    @Option(names = "--slo", paramLabel = "pNN=BOUND", defaultValue = "p99=50ms", converter = SloConverter.class,
            description = "The latency target, end to end from the intended send time: p99=50ms, p99.9=2s, "
                    + "p50=500us (default: ${DEFAULT-VALUE}).")
    Slo slo;

    @Option(names = "--transport", paramLabel = "inproc|zmq-tcp|zmq-ipc", defaultValue = "inproc",
            description = "A loop in this JVM over this transport (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--strategy", paramLabel = "platform|virtual|forkjoin|seed", defaultValue = "platform",
            description = "The server's strategy (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "32",
            description = "Threads (platform), concurrency limit (virtual, 0 = none), maximum pool size (forkjoin), "
                    + "batch workers (seed) (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Tasks per message (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--delay", paramLabel = "PROFILE", defaultValue = "constant:5ms",
            converter = GenerateCommand.ProfileConverter.class,
            description = "How long each task works: zero, constant:5ms, uniform:1ms:5ms, exponential:5ms, "
                    + "bimodal:1ms:50ms:0.05 (default: ${DEFAULT-VALUE}).")
    DelayProfile delay;

    @Option(names = "--handler", paramLabel = "sleep|cpu|noop", defaultValue = "sleep",
            description = "How a task spends its delay (default: ${DEFAULT-VALUE}).")
    String handler;

    @Option(names = "--server", paramLabel = "ENDPOINT",
            description = "Measure a server already running there instead of a loop in this JVM (then --transport, "
                    + "--strategy, --workers, --delay and --handler are the server's business, not this command's).")
    String server;

    @Option(names = "--commands", paramLabel = "FILE",
            description = "With --server: the client file whose commands are sent, cycled as often as a step needs.")
    Path commandsFile;

    @Option(names = "--bind", paramLabel = "ENDPOINT", defaultValue = "tcp://127.0.0.1:0",
            description = "With --server and --codec seed: where results come back, the server's <remote_url>, a "
                    + "fixed port (with the binary codec results return over the task connection and nothing is bound).")
    String bind;

    @Mixin
    CommonOptions common;

    @Mixin
    CurveOptions keys;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "Steps per rate; a rate passes only when every one does (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--forgive", paramLabel = "N", defaultValue = "1",
            description = "Failed steps a rate may have and still pass, each taken for a stall and run again "
                    + "when every task came back ok and 95%% of the rate was achieved; its --repeats must all pass besides (default: ${DEFAULT-VALUE}; 0: the first failure rejects "
                    + "a rate).")
    int forgive;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Load at half the start rate before the first step, not measured, so the JIT has "
                    + "compiled the hot path before anything is judged (default: ${DEFAULT-VALUE}; 0s: none).")
    Duration settle;

    @Option(names = "--precision", paramLabel = "PERCENT", defaultValue = "2",
            description = "Stop when the highest passing and lowest failing rates are this close (default: "
                    + "${DEFAULT-VALUE}%%).")
    double precisionPercent;

    @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long a measured step sends, at least (default: 1s or 10 times the SLO's bound, "
                    + "whichever is longer: a backlog must outgrow the latency the SLO allows to show).")
    Duration step;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "250ms", converter = DurationConverter.class,
            description = "Sent at the step's rate before each step and not measured (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--min-tasks", paramLabel = "N", defaultValue = "2000",
            description = "The fewest tasks a measured step sends, so a low rate still fills the percentile "
                    + "(default: ${DEFAULT-VALUE}).")
    int minTasks;

    @Option(names = "--start", paramLabel = "TASKS_PER_S",
            description = "The first rate tried (default: Little's law, workers / mean delay, or a short burst's rate).")
    Double start;

    @Option(names = "--min-rate", paramLabel = "TASKS_PER_S",
            description = "The lowest rate tried (default: the start / 1000).")
    Double minRate;

    @Option(names = "--max-rate", paramLabel = "TASKS_PER_S",
            description = "The highest rate tried (default: the start x 1000).")
    Double maxRate;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long a step waits with no result before its missing tasks fail it "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--curve",
            description = "After the search, measure the latency-throughput curve around the capacity: 8 offered rates "
                    + "from 0.25 to 1.5 times it (search steps close to a point stand for it).")
    boolean curve;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Also write everything measured (steps, curve, pool diagnostics, JVM) as JSON to FILE, "
                    + "the format of a results folder's capacity/*.json (results/README.md).")
    Path outFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (step == null) {
            step = Duration.ofNanos(Math.max(1_000_000_000L, 10 * slo.boundNanos()));
        }
        checkOptions();
        try (CapacityTarget target = target()) {
            double startRate = start != null ? start : target.startRate();
            double min = minRate != null ? minRate : startRate / 1000;
            double max = maxRate != null ? maxRate : startRate * 1000;
            if (!(min <= max)) {
                throw new UserError("--min-rate must not be above --max-rate, got " + format(min) + " and "
                        + format(max));
            }
            CapacitySearch.Options options = CapacitySearch.Options.around(startRate).withRates(min, max)
                    .withRepeats(repeats).withPrecision(precisionPercent / 100).withForgive(forgive);
            out.printf(Locale.ROOT, "capacity of %s at SLO %s%n", target.description(), slo);
            out.printf(Locale.ROOT, "start %s tasks/s (%s); steps of %s after %s of warm-up, %d repeats, %d "
                            + "forgiven, %s%% precision, rates %s to %s tasks/s%n", format(options.startRate()),
                    startReason(target), DurationConverter.format(step), DurationConverter.format(warmup), repeats,
                    forgive, format(precisionPercent), format(options.minRate()), format(options.maxRate()));
            out.printf(Locale.ROOT, "%-5s %12s %12s %12s  %s%n", "step", "rate/s", "achieved/s",
                    slo.percentileLabel() + " ms", "verdict");
            out.flush();
            long started = System.nanoTime();
            // Closed on any way out, so a search that fails leaves no sampler or JFR stream behind.
            try (PoolDiagnostics diagnostics = server == null ? PoolDiagnostics.start(strategy) : null) {
                LoadStep load = target.step(warmup, step, minTasks);
                if (!settle.isZero()) {
                    StepResult settled = target.step(Duration.ZERO, settle, 1).run(options.startRate() / 2, slo);
                    line(out, "settle", settled, "not judged");
                }
                CapacitySearch.Outcome outcome = new CapacitySearch(load, slo, options, s -> progress(out, s)).run();
                List<CurveSweep.Point> points = curve
                        ? CurveSweep.around(outcome, load, slo, r -> line(out, "curve", r, r.meets(slo) ? "pass" : why(r)))
                        : List.of();
                Map<String, String> seen = diagnostics == null ? Map.of() : diagnostics.stop();
                if (diagnostics != null) {
                    out.println("diagnostics: " + seen.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" ")));
                }
                int exit = answer(out, outcome);
                if (outFile != null) {
                    record(outcome, points, seen, (System.nanoTime() - started) / 1e9, target.littlesLawRate())
                            .write(outFile);
                }
                return exit;
            }
        }
    }

    private CapacityRecord record(CapacitySearch.Outcome outcome, List<CurveSweep.Point> points,
                                  Map<String, String> diagnostics, double seconds, double littlesLawRate) {
        List<CapacityRecord.Point> steps = outcome.steps().stream()
                .map(s -> point(s.number(), s.repeat(), s.result())).toList();
        List<CapacityRecord.Point> curvePoints = new ArrayList<>();
        int extra = steps.size();
        for (CurveSweep.Point p : points) {
            CapacitySearch.Step same = outcome.steps().stream().filter(s -> s.result() == p.result()).findFirst()
                    .orElse(null);
            curvePoints.add(same != null ? point(same.number(), same.repeat(), same.result())
                    : point(++extra, 0, p.result()));
        }
        boolean remote = server != null;
        return new CapacityRecord(remote ? "remote" : transport, remote ? "remote" : strategy, remote ? 0 : workers,
                batch, remote ? commandsFile.toString() : delay.label(), remote ? "" : handler, slo.toString(),
                slo.percentile(), slo.boundNanos() / 1e6, outcome.verdict().name(), outcome.capacity(),
                outcome.failedAbove(), steps, curvePoints, diagnostics, Runtime.version().toString(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()), seconds, littlesLawRate,
                List.of());
    }

    private CapacityRecord.Point point(int number, int repeat, StepResult r) {
        return new CapacityRecord.Point(number, repeat, r.offeredPerSecond(), r.achievedPerSecond(), ms(r.p50Nanos()),
                ms(r.p99Nanos()), ms(r.p999Nanos()), ms(r.percentileNanos()), r.tasks(), r.allOk(), r.meets(slo));
    }

    private static double ms(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.NaN : nanos / 1e6;
    }

    /** One progress line: what ran ({@code 12}, {@code settle}, {@code curve}), the rates, the percentile, the verdict. */
    private static void line(PrintWriter out, String label, StepResult r, String verdict) {
        out.printf(Locale.ROOT, "%-5s %12s %12s %12s  %s%n", label, format(r.offeredPerSecond()),
                format(r.achievedPerSecond()), millis(r.percentileNanos()), verdict);
        out.flush();
    }

    private void checkOptions() {
        if (outFile != null) {
            OutputPaths.requireWritableFile(outFile, "--out");
        }
        if (forgive < 0) {
            throw new UserError("--forgive must not be negative, got " + forgive);
        }
        if (repeats < 1) {
            throw new UserError("--repeats must be at least 1, got " + repeats);
        }
        if (!(precisionPercent > 0 && precisionPercent < 50)) {
            throw new UserError("--precision must be above 0 and below 50 (percent), got " + format(precisionPercent));
        }
        if (step.isZero() || minTasks < 1 || timeout.isZero()) {
            throw new UserError("--step and --timeout must be longer than 0 and --min-tasks at least 1");
        }
        for (Double rate : new Double[] {start, minRate, maxRate}) {
            if (rate != null && !(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
                throw new UserError("--start, --min-rate and --max-rate must be positive numbers of tasks per "
                        + "second, got " + rate);
            }
        }
        if (batch < 1 || batch > WireCodec.MAX_TASKS) {
            throw new UserError("--batch must be from 1 to " + WireCodec.MAX_TASKS + ", got " + batch);
        }
        if (server == null) {
            if (commandsFile != null) {
                throw new UserError("--commands goes with --server; a loop in this JVM generates its own workload");
            }
            if (!LoopConfig.TRANSPORTS.contains(transport)) {
                throw new UserError("unknown --transport " + UserError.quote(transport) + ": expected one of "
                        + String.join(", ", LoopConfig.TRANSPORTS));
            }
            choice().validate(PlatformThreadLimit.ofThisMachine());
        } else {
            Endpoints.requireDialable(server);
            Endpoints.requireBindable(bind);
            keys.forClient(common.codec); // key files checked before any step runs
            if (commandsFile == null) {
                throw new UserError("--server needs --commands FILE: the client file whose commands to send");
            }
        }
    }

    private StrategyChoice choice() {
        return new StrategyChoice(strategy, workers, "--workers", handler);
    }

    private CapacityTarget target() {
        if (server == null) {
            return CapacityTarget.inThisJvm(transport, choice().create(), batch, delay, handler, timeout);
        }
        CommandList commands = ClientCommand.load(commandsFile);
        ClientTransport client = ZmqTransports.client(bind, server,
                common.zmqOptions().withCurve(keys.forClient(common.codec)));
        return CapacityTarget.remote("server=" + server + " codec=" + common.codec.name() + " batch=" + batch
                + " commands=" + commandsFile, client, commands, batch, timeout);
    }

    private String startReason(CapacityTarget target) {
        if (start != null) {
            return "--start";
        }
        return Double.isNaN(target.littlesLawRate()) ? "the rate of a short burst"
                : "Little's law: " + workers + " workers / " + millis(Math.round(delay.meanNanos())) + " ms mean delay";
    }

    private void progress(PrintWriter out, CapacitySearch.Step s) {
        line(out, Integer.toString(s.number()), s.result(), s.meets() ? "pass (" + s.passes() + "/" + repeats + ")"
                : why(s.result()) + (s.forgiven() ? " (taken for a stall: again)" : ""));
    }

    private String why(StepResult r) {
        return "fail: " + r.failure(slo);
    }

    private int answer(PrintWriter out, CapacitySearch.Outcome outcome) {
        String at = outcome.atCapacity() == null ? "" : " at " + slo.percentileLabel() + " "
                + millis(outcome.atCapacity().percentileNanos()) + " ms";
        switch (outcome.verdict()) {
            case FOUND -> out.printf(Locale.ROOT, "capacity %s tasks/s%s (SLO %s)%n", format(outcome.capacity()), at, slo);
            case AT_LEAST -> out.printf(Locale.ROOT, "capacity at least %s tasks/s%s (SLO %s; the highest rate "
                    + "tried, --max-rate)%n", format(outcome.capacity()), at, slo);
            case UNFINISHED -> out.printf(Locale.ROOT, "capacity at least %s tasks/s%s (SLO %s; the search ran "
                    + "out of steps before %s tasks/s failed or passed within the precision)%n",
                    format(outcome.capacity()), at, slo, format(outcome.failedAbove()));
            case BELOW -> out.printf(Locale.ROOT, "capacity below %s tasks/s: %s%s at the lowest rate tried "
                    + "(SLO %s)%n", format(outcome.capacity()), why(outcome.atCapacity()).replace("fail: ", ""),
                    at, slo);
        }
        out.flush();
        return outcome.verdict() == CapacitySearch.Verdict.BELOW ? ExitCodes.NOT_ALL_OK : ExitCodes.OK;
    }

    /** Rates as whole numbers from 100 up, else to three significant digits: {@code 6400}, {@code 6.4}, {@code 2}. */
    private static String format(double value) {
        if (value >= 100 || !(value > 0)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String millis(long nanos) {
        return nanos == Long.MAX_VALUE ? "-" : Numbers.format(nanos / 1e6);
    }

    /** Reads {@code --slo}. */
    static final class SloConverter extends ParsingConverter<Slo> {
        SloConverter() {
            super(Slo::parse);
        }
    }
}
