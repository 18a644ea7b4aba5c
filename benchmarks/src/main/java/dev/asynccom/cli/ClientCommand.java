package dev.asynccom.cli;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.workload.CommandList;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.results.ResultsFolder;
import dev.asynccom.transport.codec.WireCodec;
import dev.asynccom.transport.zmq.Endpoints;
import dev.asynccom.transport.zmq.CurveSetup;
import dev.asynccom.transport.zmq.ZmqSeedClientTransport;
import dev.asynccom.transport.zmq.ZmqTransports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code client}: the seed's client. Sends a commands file to a server in batches over ZeroMQ, waits for
 * every result (or the timeout), prints a summary, and exits with a code that says whether every task came
 * back ok ({@link ExitCodes}).
 *
 * <p>Threads: the calling thread owns the transport and receives results; the engine starts one sender
 * thread for the run, and {@link Progress} one reporter thread that only reads counters. On SIGINT or SIGTERM
 * the JVM's shutdown hook ({@link StopOnSignal}) stops the engine and waits for this thread's summary.
 */
@Command(name = "client", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Sends every command of <commands_file> to a server, <num_tasks_per_batch> per message, waits "
                        + "for every result and prints a summary: tasks, ok, unknown, failed, rejected, missing "
                        + "(and why, each by id, command and line), duplicates, resends, the sum of the responses, "
                        + "makespan, tasks/s and latency percentiles (end to end, and split into transport, queue "
                        + "wait and service).",
                "Same arguments as the seed's run_client. Tasks go out over a ZeroMQ DEALER socket connected to "
                        + "<remote_url> and results come back over the same connection, so <bind_url> is not used; "
                        + "with --codec seed, as in the seed, tasks go out over PUSH and results come back on a PULL "
                        + "socket bound at <bind_url>.",
                "Runs longer than 2 s show progress on stderr every second. Ctrl-C (SIGINT) or SIGTERM ends the run "
                        + "and prints the summary of what came back so far, naming what is missing (exit 1).",
                "With --retry-after, batches left unanswered are resent (Lazy Pirate); --deadline bounds a run "
                        + "against a server that answers, but too slowly.",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  client client_data.txt 16 tcp://127.0.0.1:5556 tcp://127.0.0.1:5557",
                "  client cmds.txt 16 tcp://127.0.0.1:5556 tcp://127.0.0.1:5557 --repeat 100",
                "Against the original Python server, add --codec seed.",
                ""})
public final class ClientCommand implements Callable<Integer> {
    private static final String NAME = "asynccom client: ";
    /** Task ids of a run start at a multiple of this. */
    static final long ID_BLOCK = 10_000_000_000L;
    /** --retries when --retry-after comes without it: the Lazy Pirate's own default. */
    static final int DEFAULT_RETRIES = 3;

    @Parameters(index = "0", paramLabel = "<commands_file>",
            description = "One <ipv4>:<command> per line, e.g. 137.72.95.0:foo (# comments and blank lines allowed).")
    Path commandsFile;

    @Parameters(index = "1", paramLabel = "<num_tasks_per_batch>",
            description = "Tasks per message, 1 to " + WireCodec.MAX_TASKS + ".")
    int batchSize;

    @Parameters(index = "2", paramLabel = "<bind_url>",
            description = "With --codec seed, where this client receives results, e.g. tcp://127.0.0.1:5556; "
                    + "the binary codec binds nothing and ignores it (tcp://127.0.0.1:0 will do).")
    String bindUrl;

    @Parameters(index = "3", paramLabel = "<remote_url>",
            description = "The server's task endpoint, e.g. tcp://127.0.0.1:5557.")
    String remoteUrl;

    @Option(names = "--rate", paramLabel = "TASKS_PER_S", defaultValue = "0",
            description = "Open loop: send at this many tasks per second, each batch on a fixed schedule, so "
                    + "latency counts from when a task should have left (no coordinated omission). "
                    + "0 sends everything at once, as the seed does (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Once every batch is out and no resend is left to make, how long to wait with no result "
                    + "arriving before the missing tasks are listed (a slow server that keeps answering is waited "
                    + "for: see --deadline); also the longest one send may wait on a full queue before sending "
                    + "stops for good, said at once on stderr (default: ${DEFAULT-VALUE}). Examples: 30s, 500ms, 2m.")
    Duration timeout;

    @Option(names = "--retry-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Resend (Lazy Pirate): a batch with a task still unanswered this long after it was (last) "
                    + "sent goes out again unchanged, same task ids, at most --retries times. A second answer to a "
                    + "resent task is a resend duplicate, counted but no error; latency still counts from the first "
                    + "send. Choose it above the slowest task's latency, or a slow server does work twice. Binary "
                    + "codec only. Default: never resend, as the seed.")
    Duration retryAfter;

    @Option(names = "--retries", paramLabel = "N",
            description = "With --retry-after: the most times one task is sent again, 1 to "
                    + ClientOptions.MAX_RETRIES + " (default: " + ClientCommand.DEFAULT_RETRIES + ").")
    Integer retries;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "End each run this long after its first send, however recently a result came, listing "
                    + "what is missing (exit 1): the bound for a server that answers, but too slowly for --timeout "
                    + "to end the wait. Default: none, so a server that keeps answering is waited for; Ctrl-C "
                    + "prints what came back so far. Examples: 10m, 1h.")
    Duration deadline;

    @Option(names = "--max-in-flight", paramLabel = "TASKS", defaultValue = "100000",
            description = "Send no more while this many tasks are unanswered (default: ${DEFAULT-VALUE}, what a server "
                    + "holds by default; 0 = no limit). It bounds what the server holds for this client, also over "
                    + "CURVE, whose sockets cannot push back.")
    int maxInFlight;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Send the whole file N times, as one run (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "First send the whole file (times --repeat) N times unmeasured, so the measured run "
                    + "finds connections open and code compiled; 0 measures the first run, cold, as the seed's "
                    + "figures do (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Append the summary as one row to FILE (a header first when FILE is new): counts, "
                    + "makespan_ms, tasks_per_s and latency percentiles in microseconds.")
    Path csv;

    @Option(names = "--hgrm", paramLabel = "FILE",
            description = "Write the end-to-end latency histogram to FILE as HdrHistogram percentiles (.hgrm, "
                    + "microseconds).")
    Path hgrm;

    @Mixin
    CommonOptions common;

    @Mixin
    CurveOptions curve;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientOptions options = options();
        if (options.resends() && !common.codec.namesTasks()) {
            throw new UserError("--retry-after cannot be used with --codec " + common.codec.name() + ": its results "
                    + "name no task and are matched to batches oldest first, so an answer to a resent batch could be "
                    + "taken for another batch's; use --codec binary, or leave out --retry-after");
        }
        Endpoints.requireBindable(bindUrl);
        Endpoints.requireResolvable(remoteUrl);
        CurveSetup.Client keys = curve.forClient(common.codec);
        ProcessEndpoints.requireReachable(remoteUrl, "<remote_url>");
        if (common.codec.seedTopology()) {
            ProcessEndpoints.requireReachable(bindUrl, "<bind_url>");
        }
        if (common.codec.seedTopology() && Endpoints.picksAPort(bindUrl)) {
            throw new UserError("<bind_url> " + bindUrl + " lets the system pick a port, but with --codec "
                    + common.codec.name() + " the server cannot be told which, so every result would go missing: "
                    + "give the port of the server's <remote_url>, such as tcp://127.0.0.1:5556");
        }
        if (csv != null) {
            OutputPaths.requireAppendable(csv, "--csv", String.join(",", SummaryCsv.COLUMNS));
        }
        if (hgrm != null) {
            OutputPaths.requireWritableFile(hgrm, "--hgrm");
        }
        CommandList commands = load(commandsFile);
        long total = (long) commands.size() * repeat;
        if (total > Integer.MAX_VALUE - 8) {
            throw new UserError(commands.size() + " commands sent " + repeat + " times make " + total
                    + " tasks, more than one run can track (" + (Integer.MAX_VALUE - 8) + "): lower --repeat");
        }
        WireCodec codec = common.codec;
        boolean perBatch = !codec.namesTasks();
        try (ClientTransport transport = ZmqTransports.client(bindUrl, remoteUrl,
                common.zmqOptions().withCurve(keys))) {
            long firstId = firstTaskId();
            err.printf(Locale.ROOT, "%ssending %d tasks to %s in batches of %d%s, results %s, codec %s, "
                            + "task ids from %d%n", NAME, total, remoteUrl, batchSize,
                    options.openLoop() ? " at " + rate + " tasks/s" : "",
                    transport instanceof ZmqSeedClientTransport seed ? "on " + seed.boundEndpoint()
                            : "over the same connection (<bind_url> is for --codec seed)", codec.name(), firstId);
            ProcessEndpoints.ipcNote(remoteUrl, codec.seedTopology() ? bindUrl : null)
                    .ifPresent(note -> err.println(NAME + note));
            err.flush();
            NanoClock clock = NanoClock.system();
            ClientEngine engine = new ClientEngine(transport, options, clock, firstId);
            try (StopOnSignal signals = StopOnSignal.install(engine, err, NAME)) {
                for (int w = 1; w <= warmup; w++) {
                    String prefix = NAME + "warm-up " + w + "/" + warmup + ": ";
                    RunSummary discarded;
                    try (Progress progress = Progress.start(err, prefix, total, engine::sentSoFar,
                            engine::answeredSoFar, clock)) {
                        discarded = engine.run(commands, options, progress);
                    }
                    err.printf(Locale.ROOT, "%s%d ok, %d missing in %.3f s (discarded)%n", prefix, discarded.ok(),
                            discarded.missing(), discarded.makespanNanos() / 1e9);
                    err.flush();
                    if (engine.stopped()) {
                        err.println(NAME + "stopped during the warm-up: nothing was measured");
                        err.flush();
                        return signals.done(ExitCodes.MISSING);
                    }
                }
                RunSummary summary;
                try (Progress progress = Progress.start(err, NAME, total, engine::sentSoFar, engine::answeredSoFar,
                        clock)) {
                    summary = engine.run(commands, options, progress);
                }
                SummaryText.print(out, summary, perBatch, commands);
                if (summary.sent() > 0 && summary.answered() == 0 && !engine.stopped()) {
                    err.println(NAME + "nothing at all came back from " + remoteUrl + ": is a server running there, "
                            + "started with the same --codec (this client speaks " + codec.name() + ")?");
                    err.flush();
                }
                write(summary, codec, options);
                return signals.done(SummaryText.exitCode(summary));
            }
        }
    }

    /**
     * A random multiple of 10^10: a client that takes over a dead client's endpoint then tells the dead
     * one's late results (unknown ids) from its own, and the last ten digits of an id still count the
     * tasks of the run from 0.
     */
    static long firstTaskId() {
        return ThreadLocalRandom.current().nextLong(1, 1L << 28) * ID_BLOCK;
    }

    private ClientOptions options() {
        if (batchSize < 1 || batchSize > WireCodec.MAX_TASKS) {
            throw new UserError("<num_tasks_per_batch> must be from 1 to " + WireCodec.MAX_TASKS + ", got " + batchSize);
        }
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1, got " + repeat);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new UserError("--rate must be 0 (all at once) or a positive number of tasks per second, got " + rate);
        }
        if (warmup < 0) {
            throw new UserError("--warmup must be 0 or more, got " + warmup);
        }
        if (timeout.isZero()) {
            throw new UserError("--timeout must be longer than 0, such as 30s or 500ms");
        }
        if (retries != null && retryAfter == null) {
            throw new UserError("--retries " + retries + " needs --retry-after, which says when to resend: add one, "
                    + "such as --retry-after 5s");
        }
        if (retryAfter != null && retryAfter.isZero()) {
            throw new UserError("--retry-after must be longer than 0, such as 5s");
        }
        int resends = retryAfter == null ? 0 : retries == null ? DEFAULT_RETRIES : retries;
        if (retryAfter != null && (resends < 1 || resends > ClientOptions.MAX_RETRIES)) {
            throw new UserError("--retries must be from 1 to " + ClientOptions.MAX_RETRIES + ", got " + resends);
        }
        if (deadline != null && deadline.isZero()) {
            throw new UserError("--deadline must be longer than 0, such as 10m");
        }
        if (maxInFlight < 0) {
            throw new UserError("--max-in-flight must be 0 (no limit) or more tasks, got " + maxInFlight);
        }
        return new ClientOptions(batchSize, repeat, rate, timeout, retryAfter == null ? Duration.ZERO : retryAfter,
                resends, deadline == null ? Duration.ZERO : deadline, maxInFlight);
    }

    static CommandList load(Path file) {
        CommandList commands = CommandList.load(file);
        if (commands.size() == 0) {
            throw new UserError(file + " holds no commands: expected lines such as 137.72.95.0:foo");
        }
        return commands;
    }

    /** Writes --csv and --hgrm, checked before the run; a failure now names the file (exit OUTPUT_FAILED). */
    private void write(RunSummary summary, WireCodec codec, ClientOptions options) throws IOException {
        if (csv != null) {
            try {
                SummaryCsv.append(csv, SummaryCsv.row(Instant.now(), new SummaryCsv.Setup(codec.name(), batchSize,
                        repeat, warmup, rate, options.retryAfter(), options.retries(), options.deadline()), summary));
            } catch (IOException e) {
                throw OutputPaths.failed(csv, e);
            }
        }
        if (hgrm != null) {
            try {
                Path parent = hgrm.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                ResultsFolder.writeHgrm(hgrm, summary.latencies().endToEnd());
            } catch (IOException e) {
                throw OutputPaths.failed(hgrm, e);
            }
        }
    }
}
