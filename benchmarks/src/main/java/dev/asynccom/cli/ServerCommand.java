package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.handler.TaskHandlers;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.server.ServerStats;
import dev.asynccom.core.strategy.WorkerStrategy;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.core.workload.LoadMode;
import dev.asynccom.core.workload.LoadReport;
import dev.asynccom.core.workload.RedefinedKey;
import dev.asynccom.transport.codec.WireCodec;
import dev.asynccom.transport.zmq.Endpoints;
import dev.asynccom.transport.zmq.CurveSetup;
import dev.asynccom.transport.zmq.Notices;
import dev.asynccom.transport.zmq.ZmqServerSide;
import dev.asynccom.transport.zmq.ZmqTransports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import dev.asynccom.core.Heartbeat;
import dev.asynccom.core.strategy.RemoteWorkerStrategy;
import dev.asynccom.core.strategy.RemoteWorkerStats;
import dev.asynccom.core.workload.Durations;
import dev.asynccom.transport.zmq.ZmqOptions;
import dev.asynccom.transport.zmq.ZmqWorkerEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code server}: the seed's server. Serves task batches over ZeroMQ until SIGINT or SIGTERM, then drains
 * (lets accepted tasks finish and their results go out) and exits.
 *
 * <p>Threads: the calling thread starts the engine and then only waits; the engine owns its receive and
 * send threads; the JVM's shutdown hook thread drains the engine and ends the process.
 */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Serves tasks until stopped with Ctrl-C (SIGINT) or SIGTERM, then lets accepted tasks finish, "
                        + "sends their results, prints its counters on stderr and exits.",
                "Same arguments as the seed's run_server. Tasks arrive on a ZeroMQ ROUTER socket bound at "
                        + "<bind_url> (PULL with --codec seed). Each task emulates a remote command: it looks up <ipv4>:<command> in "
                        + "<ip_map_file> and, with the default handler, sleeps its wait and answers its response; "
                        + "a command not in the file is answered 'unknown command'.",
                "Results go back over the connection the batch came in on, so one server serves many clients and "
                        + "never dials an address a client names; with --codec seed they go to <remote_url>, as in "
                        + "the seed.",
                "Prints one line on stderr once it is ready: asynccom server: serving <endpoint> with ...",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  server server_data.txt tcp://127.0.0.1:5557 tcp://127.0.0.1:5556 32",
                "  server map.txt tcp://127.0.0.1:5557 tcp://127.0.0.1:5556 2 --strategy platform",
                "For the original Python client, add --codec seed.",
                ""})
public final class ServerCommand implements Callable<Integer> {
    private static final String NAME = "asynccom server: ";
    /** Warnings about one map beyond this many are counted, not listed. */
    private static final int MAX_WARNINGS = 10;

    @Parameters(index = "0", paramLabel = "<ip_map_file>",
            description = "One <ipv4>:<command>:<response int>:<wait seconds> per line, e.g. 137.72.95.0:foo:1:1.0; "
                    + "at least one. A key on two lines: the later line wins, with a warning naming both.")
    Path mapFile;

    @Parameters(index = "1", paramLabel = "<bind_url>",
            description = "Where tasks arrive, e.g. tcp://127.0.0.1:5557 (port 0 or * picks a free one, shown in "
                    + "the ready line).")
    String bindUrl;

    @Parameters(index = "2", paramLabel = "<remote_url>",
            description = "With --codec seed, where every result goes: the client's <bind_url>, e.g. "
                    + "tcp://127.0.0.1:5556. Not used with the binary codec, whose results return over the "
                    + "connection the tasks came in on.")
    String remoteUrl;

    @Parameters(index = "3", paramLabel = "<max_workers>",
            description = "Workers of the strategy: batch workers (seed), threads (platform), the most tasks "
                    + "running at once (virtual, 0 = no limit), maximum pool size (forkjoin). Platform threads "
                    + "(platform, forkjoin; seed: twice as many, a batch worker and a thread per command) are "
                    + "refused beyond what this machine can start: the lowest of kernel.threads-max, "
                    + "kernel.pid_max, ulimit -u and the cgroup's pids.max less the threads in use, and the "
                    + "available memory at 64 KiB a thread.")
    int maxWorkers;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "seed",
            description = {"How tasks run concurrently (default: ${DEFAULT-VALUE}):",
                    "seed: <max_workers> batch workers, each starting one thread per command of its batch, "
                            + "as the original does;",
                    "platform: a fixed pool of <max_workers> threads;",
                    "virtual: one virtual thread per task, at most <max_workers> at once (0 = no limit);",
                    "forkjoin: a fork-join pool of at most <max_workers> threads."})
    String strategy;

    @Option(names = "--handler", paramLabel = "NAME", defaultValue = "sleep",
            description = {"What a task does (default: ${DEFAULT-VALUE}):",
                    "sleep: wait the file's time, then answer its response;",
                    "cpu: compute for the file's time instead of sleeping;",
                    "noop: answer at once, ignoring the time."})
    String handler;

    @Option(names = "--worker-endpoint", paramLabel = "URL",
            description = "Also hand tasks to worker processes (the worker command) that connect here, e.g. "
                    + "tcp://10.0.0.1:5560, by credit: each worker is sent at most what it said it can hold; a "
                    + "worker silent past its liveness is declared dead and its tasks go to others. The server's "
                    + "own workers keep their share (twice what <max_workers> run at once).")
    String workerEndpoint;

    @Option(names = "--remote-only",
            description = "With --worker-endpoint: run no task here, only distribute (<max_workers> is then ignored).")
    boolean remoteOnly;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "On SIGINT/SIGTERM, how long accepted tasks may take to finish and their results to leave; "
                    + "tasks still unfinished then are abandoned and counted in the exit line (default: "
                    + "${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--max-in-flight-per-client", paramLabel = "N|fair", defaultValue = "fair",
            converter = PerClientLimit.class,
            description = {"The most tasks one client may have at the workers; its further batches wait at the "
                    + "server while other clients' go ahead, in turn, so one client's backlog cannot hold up another's "
                    + "tasks (default: ${DEFAULT-VALUE}):",
                    "fair: an equal share, among the clients with tasks here, of a window of 4 tasks per worker "
                            + "(more for short tasks: twice what the server answered in the last millisecond); a lone "
                            + "client gets all of it;",
                    "0: off, first come first served: every batch goes to the workers as it arrives;",
                    "N: at most N tasks per client.",
                    "With --codec seed, whose frames name no client, it is always off."})
    int maxInFlightPerClient;

    @Mixin
    CommonOptions common;

    @Mixin
    LinkOptions link;

    @Mixin
    CurveOptions curve;

    @Spec
    CommandSpec spec;

    /** The distributor, when there is a worker endpoint. */
    private RemoteWorkerStrategy remote;
    private ZmqWorkerEndpoint workerLinks;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (remoteOnly && workerEndpoint == null) {
            throw new UserError("--remote-only needs --worker-endpoint: without workers to hand tasks to, no task "
                    + "would ever run");
        }
        StrategyChoice choice = new StrategyChoice(strategy, remoteOnly ? 1 : maxWorkers, "<max_workers>", handler)
                .validate(PlatformThreadLimit.ofThisMachine());
        Endpoints.requireBindable(bindUrl);
        Endpoints.requireResolvable(remoteUrl);
        CurveSetup.Server keys = curve.forServer(common.codec);
        ProcessEndpoints.requireReachable(bindUrl, "<bind_url>");
        if (common.codec.seedTopology()) {
            ProcessEndpoints.requireReachable(remoteUrl, "<remote_url>");
        }
        Heartbeat heartbeat = link.heartbeat();
        if (workerEndpoint != null) {
            Endpoints.requireBindable(workerEndpoint);
            ProcessEndpoints.requireReachable(workerEndpoint, "--worker-endpoint");
            if (workerEndpoint.equals(bindUrl) || workerEndpoint.equals(remoteUrl)) {
                throw new UserError("--worker-endpoint " + workerEndpoint + " is also the server's <bind_url> or "
                        + "<remote_url>: give the workers an endpoint of their own");
            }
        }
        DelayMap map = loadMap(mapFile, err, NAME);
        TaskHandler taskHandler = TaskHandlers.create(handler, map);
        WorkerStrategy local = remoteOnly ? null : choice.create();
        WorkerStrategy workers = local;
        ZmqServerSide transport;
        try {
            if (workerEndpoint != null) {
                workerLinks = new ZmqWorkerEndpoint(workerEndpoint, ZmqOptions.defaults().withCurve(keys)
                        .withNotices(Notices.to(line -> say(err, "worker endpoint: " + line))));
                remote = new RemoteWorkerStrategy(local, local == null ? 0 : choice.credit(), workerLinks, heartbeat,
                        NanoClock.system(),
                        event -> say(err, event));
                workers = remote; // owns the endpoint and the local strategy from now on
            }
            transport = ZmqTransports.server(bindUrl, remoteUrl,
                    common.zmqOptions().withCurve(keys).withNotices(Notices.to(line -> say(err, line))));
        } catch (RuntimeException e) { // a port in use: undo what started
            if (workers != null) {
                workers.shutdown(Duration.ZERO);
            }
            throw e;
        }
        ServerEngine engine = new ServerEngine(transport, workers, taskHandler, ServerOptions.DEFAULTS
                .withDrainTimeout(drainTimeout).withMaxInFlightPerClient(maxInFlightPerClient), NanoClock.system()).start();
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("asynccom-server-shutdown").unstarted(
                () -> drainAndExit(engine, transport, err)));
        String runs = remoteOnly ? "remote workers only (<max_workers> " + maxWorkers + " ignored)"
                : strategy + " x" + maxWorkers;
        say(err, String.format(Locale.ROOT, "serving %s with %s, handler %s, codec %s%s", transport.boundEndpoint(), runs,
                handler, common.codec.name(), remote == null ? "" : ", workers join at " + remote.endpoint()));
        say(err, keys == null ? "plain sockets: anyone who reaches " + transport.boundEndpoint() + " is served (give "
                + "--curve-secret and --curve-allow for CURVE)" : "CURVE on every socket, admitting the keys of the "
                + "certificates in " + keys.allowFolder());
        ProcessEndpoints.ipcNote(bindUrl, common.codec.seedTopology() ? remoteUrl : null, workerEndpoint)
                .ifPresent(note -> say(err, note));
        if (remote != null && local != null && choice.credit() >= StrategyChoice.UNBOUNDED_CREDIT) {
            say(err, "warning: --strategy " + strategy + " with no limit holds up to " + StrategyChoice.UNBOUNDED_CREDIT
                    + " tasks here before remote workers get any; give <max_workers> a limit, or --remote-only");
        }
        // Serves until a signal: the shutdown hook drains the engine and ends the process.
        Thread.currentThread().join();
        return ExitCodes.OK;
    }

    /** Reads {@code --max-in-flight-per-client}. */
    static final class PerClientLimit extends ParsingConverter<Integer> {
        PerClientLimit() {
            super(ServerCommand::perClientLimit);
        }
    }

    /** {@code fair}, or a number of tasks (0: off), as {@link ServerOptions#maxInFlightPerClient()} takes it. */
    static int perClientLimit(String text) {
        if (text.equals("fair")) {
            return ServerOptions.PER_CLIENT_FAIR_SHARE;
        }
        try {
            int tasks = Integer.parseInt(text);
            if (tasks >= 0) {
                return tasks;
            }
        } catch (NumberFormatException notANumber) {
            // told below
        }
        throw new IllegalArgumentException("'" + text + "' is not a per-client limit: write fair, 0 (off) or a "
                + "number of tasks");
    }

    /**
     * The map, refused when it holds no entry (every task would be answered 'unknown command'); each key a
     * later line defines again is a warning naming both lines, the later line winning as in the seed.
     */
    static DelayMap loadMap(Path mapFile, PrintWriter err, String prefix) {
        LoadReport<DelayMap> loaded = DelayMap.load(mapFile, LoadMode.STRICT);
        if (loaded.value().size() == 0) {
            throw new UserError(mapFile + " holds no entries, so every task would be answered 'unknown command': "
                    + "expected lines such as 137.72.95.0:foo:1:1.0");
        }
        List<RedefinedKey> redefined = loaded.redefined();
        for (int i = 0; i < Math.min(redefined.size(), MAX_WARNINGS); i++) {
            err.println(prefix + "warning: " + UserError.printable(redefined.get(i).sentence(mapFile)) + ".");
        }
        if (redefined.size() > MAX_WARNINGS) {
            err.println(prefix + "warning: " + (redefined.size() - MAX_WARNINGS) + " more keys of " + mapFile
                    + " are defined again; the later lines win.");
        }
        err.flush();
        return loaded.value();
    }

    private static synchronized void say(PrintWriter err, String sentence) {
        err.println(NAME + sentence);
        err.flush();
    }

    /**
     * Runs in the shutdown hook: drains, reports, and halts with 0 when the drain was complete. Halting is
     * how a hook chooses the exit status; the JVM would otherwise exit with 128 + the signal's number.
     */
    private void drainAndExit(ServerEngine engine, ZmqServerSide transport, PrintWriter err) {
        boolean drained;
        try {
            drained = engine.shutdown();
        } catch (InterruptedException e) {
            drained = false;
        }
        ServerStats s = engine.stats();
        err.printf(Locale.ROOT, "%sstopped%s: %d tasks in %d batches received, %d results sent in %d messages, "
                        + "%d results dropped (client gone), %d tasks rejected, %d abandoned (unfinished after the "
                        + "%s drain timeout), %d malformed frames%n", NAME,
                drained ? " after draining" : ", but accepted tasks did not finish in time", s.tasksReceived(),
                s.batchesReceived(), s.resultsSent(), s.messagesSent(), s.resultsDropped(), s.tasksRejected(),
                s.inFlight(), Durations.format(drainTimeout.toNanos()), s.malformedFrames());
        if (!common.codec.seedTopology()) {
            ZmqServerSide.Connections c = transport.connections();
            err.printf(Locale.ROOT, "%sconnections: %d accepted, %d closed, %d peers refused (%d failed handshakes); "
                    + "jeromq closes a connection whose frame is over %d bytes without saying so: it counts as "
                    + "closed%n", NAME, c.accepted(), c.closed(), c.refusedPeers(), c.failedHandshakes(),
                    WireCodec.MAX_FRAME_BYTES);
        }
        if (remote != null) {
            RemoteWorkerStats r = remote.stats();
            err.printf(Locale.ROOT, "%sworkers: %d joined, %d left, %d declared dead, %d refused; %d tasks answered "
                            + "by workers, %d redelivered, %d duplicate results dropped, %d never sent and rejected%n",
                    NAME, r.workersJoined(), r.workersLeft(), r.workersDead(), workerLinks.refusedPeers(),
                    r.remoteResults(), r.tasksRedelivered(), r.duplicatesDropped(), r.rejectedAtStop());
        }
        err.flush();
        Runtime.getRuntime().halt(drained ? ExitCodes.OK : ExitCodes.MISSING);
    }
}
