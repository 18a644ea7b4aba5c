package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;
import dev.asynccom.core.handler.TaskHandlers;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.server.ServerStats;
import dev.asynccom.core.strategy.WorkerStrategy;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.transport.zmq.Endpoints;
import dev.asynccom.transport.zmq.CurveSetup;
import dev.asynccom.transport.zmq.ZmqOptions;
import dev.asynccom.transport.zmq.ZmqWorkerLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code worker}: a process on any host that joins a server's worker endpoint and runs the tasks the server
 * hands it, with its own strategy, handler and DelayMap, until SIGINT or SIGTERM; then it says goodbye,
 * finishes what it holds, sends the results and exits 0.
 *
 * <p>Threads: the calling thread starts the engine and then only waits; the engine owns its receive and
 * send threads and the link its own; the JVM's shutdown hook thread leaves, drains and ends the process.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Joins a server started with --worker-endpoint and runs the tasks it hands out, as the server's "
                        + "own workers would: each task looks up <ipv4>:<command> in <ip_map_file> and, with the "
                        + "default handler, sleeps its wait and answers its response.",
                "Announces how many tasks it can hold (--credit) and is never sent more; heartbeats an idle link; "
                        + "if the server goes silent it keeps its connection and joins again once the server "
                        + "answers (after a restart too). A worker the server declared dead has its tasks "
                        + "handed to others; its late results are dropped there as duplicates.",
                "Stops on Ctrl-C (SIGINT) or SIGTERM: says goodbye (the server sends nothing more), finishes "
                        + "the tasks it holds, sends their results, prints its counters on stderr and exits 0.",
                "Prints one line on stderr once started: asynccom worker: joining <url> as <label> ...",
                "",
                "Example (after java -jar benchmarks.jar):",
                "  server server_data.txt tcp://127.0.0.1:5557 tcp://127.0.0.1:5556 32 --worker-endpoint "
                        + "tcp://127.0.0.1:5560 --remote-only",
                "  worker server_data.txt tcp://127.0.0.1:5560 64 --strategy virtual",
                ""})
public final class WorkerCommand implements Callable<Integer> {
    private static final String NAME = "asynccom worker: ";

    @Parameters(index = "0", paramLabel = "<ip_map_file>",
            description = "One <ipv4>:<command>:<response int>:<wait seconds> per line, as the server's.")
    Path mapFile;

    @Parameters(index = "1", paramLabel = "<server_worker_url>",
            description = "The server's --worker-endpoint, e.g. tcp://10.0.0.1:5560.")
    String serverUrl;

    @Parameters(index = "2", paramLabel = "<max_workers>",
            description = "Workers of the strategy, as the server's <max_workers>: threads (platform), the most "
                    + "tasks running at once (virtual, 0 = no limit), maximum pool size (forkjoin), batch workers "
                    + "(seed).")
    int maxWorkers;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "platform",
            description = "How tasks run concurrently: platform, virtual, forkjoin or seed, as the server's "
                    + "(default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--handler", paramLabel = "NAME", defaultValue = "sleep",
            description = "What a task does: sleep, cpu or noop, as the server's (default: ${DEFAULT-VALUE}).")
    String handler;

    @Option(names = "--credit", paramLabel = "N", defaultValue = "0",
            description = "The most tasks this worker holds at once, running and queued; 0 = what its strategy "
                    + "runs at once and as many again queued, 10000 for virtual with no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int credit;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "What the server's log calls this worker (default: <host name>/<pid>).")
    String label;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "On SIGINT/SIGTERM, how long to wait for the goodbye's acknowledgement and then for the "
                    + "tasks held to finish and their results to leave (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Mixin
    LinkOptions link;

    @Mixin
    CurveOptions curve;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        StrategyChoice choice = new StrategyChoice(strategy, maxWorkers, "<max_workers>", handler)
                .validate(PlatformThreadLimit.ofThisMachine());
        Endpoints.requireDialable(serverUrl);
        CurveSetup.Client keys = curve.forClient(null);
        if (credit < 0) {
            throw new UserError("--credit must be 0 (from the strategy) or more, got " + credit);
        }
        ProcessEndpoints.requireReachable(serverUrl, "<server_worker_url>");
        var heartbeat = link.heartbeat();
        int holds = credit > 0 ? credit : choice.credit();
        String name = label != null ? label : defaultLabel();
        int labelBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (labelBytes > 255) {
            throw new UserError("--label must be at most 255 bytes of UTF-8, got " + labelBytes);
        }
        DelayMap map = ServerCommand.loadMap(mapFile, err, NAME);
        var taskHandler = TaskHandlers.create(handler, map);
        WorkerStrategy workers = choice.create();
        ZmqWorkerLink workerLink;
        try {
            workerLink = new ZmqWorkerLink(serverUrl, holds, name, heartbeat, ZmqOptions.defaults().withCurve(keys),
                    event -> say(err, event));
        } catch (RuntimeException e) {
            workers.shutdown(Duration.ZERO);
            throw e;
        }
        ServerEngine engine = new ServerEngine(workerLink, workers, taskHandler,
                ServerOptions.DEFAULTS.withDrainTimeout(drainTimeout), NanoClock.system()).start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("asynccom-worker-shutdown").unstarted(
                () -> leaveAndExit(engine, workerLink, err)));
        say(err, String.format(Locale.ROOT, "joining %s as %s, %s x%d, credit %d, handler %s, heartbeat %s x %d",
                serverUrl, name, strategy, maxWorkers, holds, handler, dev.asynccom.core.workload.Durations.format(heartbeat.interval().toNanos()),
                heartbeat.liveness()));
        // Serves until a signal (the shutdown hook drains and ends the process), or a refusal: the server will
        // never take this worker, which holds no task yet, so it ends at once.
        while (workerLink.refusal().isEmpty()) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.BAD_INPUT);
        return ExitCodes.BAD_INPUT;
    }

    private String defaultLabel() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException unknown) {
            host = "worker";
        }
        String text = host + "/" + ProcessHandle.current().pid();
        return text.length() > 200 ? text.substring(0, 200) : text;
    }

    /** In the shutdown hook: goodbye, drain, report, and halt with 0 when nothing was left unfinished. */
    private void leaveAndExit(ServerEngine engine, ZmqWorkerLink workerLink, PrintWriter err) {
        boolean drained;
        boolean acknowledged = false;
        try {
            acknowledged = workerLink.leave(drainTimeout);
            drained = engine.shutdown(); // closes the link once the results are handed over
        } catch (InterruptedException e) {
            drained = false;
        }
        ServerStats s = engine.stats();
        drained |= s.inFlight() == 0; // a pool slow to wind down within a zero timeout abandoned nothing
        err.printf(Locale.ROOT, "%sleft%s%s: %d tasks received, %d results sent, %d abandoned, %d joins, "
                        + "%d malformed frames%n", NAME, acknowledged ? " after the server's goodbye" : " without the server's acknowledgement (it is gone or slow)",
                drained ? "" : ", but held tasks did not finish in time", s.tasksReceived(), s.resultsSent(),
                s.inFlight(), workerLink.joins(), s.malformedFrames());
        err.flush();
        Runtime.getRuntime().halt(drained ? ExitCodes.OK : ExitCodes.MISSING);
    }

    private static synchronized void say(PrintWriter err, String sentence) {
        err.println(NAME + sentence);
        err.flush();
    }
}
