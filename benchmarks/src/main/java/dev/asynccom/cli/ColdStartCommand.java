package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;
import dev.asynccom.harness.ChildJvm;
import dev.asynccom.harness.ColdStartFiles;
import dev.asynccom.harness.ColdStartRun;
import dev.asynccom.harness.ColdStartRun.Figures;
import dev.asynccom.harness.ColdStartRun.Readiness;
import dev.asynccom.results.CsvFile;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.results.Spread;
import dev.asynccom.transport.codec.WireCodec;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.asynccom.cli.Measuring.require;

/**
 * {@code cold-start}: what a first run costs, as whole processes. Each round starts a fresh server process and runs
 * one client process of {@code --tasks} zero-delay tasks against it over loopback tcp, in each mode: plain
 * {@code java -jar}, the same with the JDK's ahead-of-time cache ({@code -XX:AOTCache}, what {@code bin/asynccom}
 * adds), and the original Python seed when {@code --seed} gives a checkout of it. Modes alternate within a round
 * and their order turns from round to round, so a machine's drift falls on all of them.
 *
 * <p>Threads: the calling thread runs the rounds; on SIGINT or SIGTERM the JVM's shutdown hook kills the run under
 * way, waits for the rows so far to be written, and halts.
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Measures cold runs as whole processes: per round, in each mode, a fresh server process and one "
                        + "client process sending --tasks zero-delay tasks in batches of --batch over tcp on "
                        + "127.0.0.1 (the server: --strategy platform, <max_workers> --workers). Modes: plain "
                        + "(java -jar), aot (the same with -XX:AOTCache=<cache>, what bin/asynccom adds; JDK 24+ "
                        + "and a cache made for this jar by ./mvnw package on JDK 25+, else skipped with a "
                        + "sentence), seed (the original Python system, run_server and run_client, with --seed DIR, "
                        + "else skipped with a sentence). The client's wall time is from its process's start to "
                        + "its exit; peak RSS from /usr/bin/time -v (client) and /proc VmHWM (server, with its "
                        + "children).",
                "Writes <out>/cold-start.csv (a row per round and mode, then the median, min and max of each "
                        + "mode and the ratio of each of ours to the seed) and prints a table. Every task must "
                        + "come back (ours: the client's --csv summary; the seed: the sum of its responses, 1 "
                        + "each); a run that loses one is told and left out of the medians (exit 1). Stopped with "
                        + "Ctrl-C or SIGTERM, it writes the rounds so far (exit 1).",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  cold-start --seed ~/asyncronous_com         5 rounds of 200,000 tasks, seed beside",
                "  cold-start --rounds 3 --tasks 50000",
                ""})
public final class ColdStartCommand implements Callable<Integer> {
    static final String FILE_NAME = "cold-start.csv";
    static final Duration STOP_WAIT = Duration.ofSeconds(30);
    static final List<String> COLUMNS = List.of("time", "round", "mode", "outcome", "tasks", "answered",
            "client_exit", "wall_ms", "makespan_ms", "tasks_per_s", "tasks_per_wall_s", "client_rss_peak_mib",
            "server_rss_peak_mib", "command", "metric", "median", "min", "max", "runs", "java", "cores",
            "load_average");
    private static final Pattern SEED_TIME = Pattern.compile("Time taken for the task processing: ([0-9.eE+-]+)");
    private static final Pattern SEED_SUM = Pattern.compile("(?m)^(\\d+)$");

    /** The three ways a run is started. */
    enum Mode {
        PLAIN("plain"), AOT("aot"), SEED("seed");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "200000",
            description = "Tasks of the client run, 1 to 10,000,000 (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Tasks per message, 1 to " + WireCodec.MAX_TASKS + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Rounds, each one run of every mode, 1 to 100 (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "The servers' <max_workers>: platform threads (ours), processes (the seed), 1 to 64 "
                    + "(default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--seed", paramLabel = "DIR",
            description = "A checkout of the original seed (it holds asyncronous_com/run_server.py), its "
                    + "dependencies (pyzmq, pymulproc) importable by --python or in DIR; without it no seed column.")
    Path seed;

    @Option(names = "--python", paramLabel = "FILE", defaultValue = "/usr/bin/python3",
            description = "The Python that runs the seed (default: ${DEFAULT-VALUE}).")
    Path python;

    @Option(names = "--jar", paramLabel = "FILE",
            description = "The jar to start (default: the one running this command; from a class path of "
                    + "folders, that class path, and no aot column).")
    Path jar;

    @Option(names = "--aot-cache", paramLabel = "FILE",
            description = "The AOT cache for the aot column (default: benchmarks.aot beside the jar, as the "
                    + "build writes it).")
    Path aotCache;

    @Option(names = "--limit", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "The longest one client run may take before it is killed and counted as missing "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration limit;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder, new or empty (default: results/cold-start-<timestamp>).")
    Path out;

    @Spec
    CommandSpec spec;

    /** One run's row: what it measured, and whether it accounted for every task. */
    record Row(int round, Mode mode, boolean complete, String outcome, long answered, int clientExit, double wallMs,
               double makespanMs, double tasksPerSecond, OptionalLong clientRssKib, OptionalLong serverRssKib,
               String command) {
    }

    @Override
    public Integer call() throws Exception {
        Measuring log = new Measuring("cold-start", spec.commandLine().getErr());
        PrintWriter stdout = spec.commandLine().getOut();
        require(tasks >= 1 && tasks <= 10_000_000, "--tasks must be from 1 to 10,000,000, got " + tasks);
        require(batch >= 1 && batch <= WireCodec.MAX_TASKS, "--batch must be from 1 to " + WireCodec.MAX_TASKS
                + ", got " + batch);
        require(rounds >= 1 && rounds <= 100, "--rounds must be from 1 to 100, got " + rounds);
        require(workers >= 1 && workers <= 64, "--workers must be from 1 to 64, got " + workers);
        require(!limit.isZero(), "--limit must be longer than 0, such as 5m");
        if (seed != null) {
            require(Files.isRegularFile(seed.resolve("asyncronous_com/run_server.py")), "--seed " + seed
                    + " is not a checkout of the seed: it holds no asyncronous_com/run_server.py");
            require(Files.isExecutable(python), "--python " + python + " is not an executable file");
        }
        String classPath = ChildJvm.absolute(System.getProperty("java.class.path"));
        if (jar != null) {
            require(Files.isRegularFile(jar), "--jar " + jar + " is not a file");
        }
        Path runJar = jar != null ? jar.toAbsolutePath() : AotCache.jarOf(classPath);
        if (aotCache != null) {
            require(Files.isRegularFile(aotCache), "--aot-cache " + aotCache + " is not a file");
            require(runJar != null, "--aot-cache needs a jar to start (--jar): a cache is made for one jar");
            require(Runtime.version().feature() >= 24, "--aot-cache needs JDK 24 or newer, and this is "
                    + Runtime.version());
        }
        Path folder = log.folder(out);
        OutputPaths.requireWritableFolder(folder, "--out");
        Measuring.requireNewOrEmpty(folder);
        OutputPaths.createFolder(folder, "--out");

        List<Mode> modes = new ArrayList<>(List.of(Mode.PLAIN));
        Path cache = aotCache != null ? aotCache.toAbsolutePath() : runJar == null ? null : AotCache.besideJar(runJar);
        String aotSkipped = AotCache.unusable(runJar, cache);
        if (aotSkipped != null && aotCache != null) {
            throw new UserError("--aot-cache " + aotSkipped);
        }
        if (aotSkipped == null) {
            modes.add(Mode.AOT);
        } else {
            log.say("no aot column: " + aotSkipped);
        }
        if (seed != null) {
            modes.add(Mode.SEED);
        } else {
            log.say("no seed column: give --seed DIR, a checkout of the original Python seed (asyncronous_com), "
                    + "to run it beside");
        }
        ColdStartFiles.write(folder, tasks);
        log.say(String.format(Locale.ROOT, "%d rounds of %s: a fresh server and one client of %,d zero-delay tasks "
                + "in batches of %d over tcp on 127.0.0.1; files in %s", rounds, modeNames(modes), tasks, batch,
                folder));

        ColdStartRun run = new ColdStartRun(NanoClock.system(), log::say);
        List<Row> rows = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> reported = new CompletableFuture<>();
        Path csv = folder.resolve(FILE_NAME);
        String launch = runJar != null ? "-jar " + runJar : "-cp " + classPath + " " + Main.class.getName();
        return log.stoppable(() -> {
            stopRequested = true;
            run.killAll();
            try {
                return reported.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception notInTime) {
                return ExitCodes.MISSING;
            }
        }, STOP_WAIT.plusSeconds(5), () -> {
            int code = ExitCodes.INTERNAL;
            try {
                for (int round = 1; round <= rounds && !stopRequested; round++) {
                    for (int i = 0; i < modes.size() && !stopRequested; i++) {
                        Mode mode = modes.get((i + round - 1) % modes.size());
                        Row row = runOnce(run, round, mode, folder, runJar, classPath, cache);
                        if (stopRequested) {
                            break; // killed midway: not a measurement
                        }
                        rows.add(row);
                        log.say(String.format(Locale.ROOT, "round %d/%d %-5s %s: wall %.0f ms, %.0f tasks/s "
                                + "(client's makespan %.0f ms), client RSS %s MiB, server RSS %s MiB", round,
                                rounds, mode.label, row.outcome, row.wallMs, row.tasksPerSecond, row.makespanMs,
                                mib(row.clientRssKib), mib(row.serverRssKib)));
                    }
                }
                try {
                    write(csv, rows, modes);
                } catch (IOException e) {
                    code = ExitCodes.OUTPUT_FAILED;
                    throw OutputPaths.failed(csv, e);
                }
                printTable(stdout, rows, modes, launch);
                stdout.println("wrote " + csv);
                stdout.flush();
                long incomplete = rows.stream().filter(r -> !r.complete).count();
                if (stopRequested) {
                    log.say("stopped by a signal after " + rows.size() + " runs: what finished is in " + csv);
                    code = ExitCodes.MISSING;
                } else if (incomplete > 0) {
                    log.say(incomplete + " of " + rows.size() + " runs did not account for every task: they are "
                            + "left out of the medians (the -client.out and -client.err files say why)");
                    code = ExitCodes.MISSING;
                } else {
                    log.say("every run accounted for every one of its " + tasks + " tasks.");
                    code = ExitCodes.OK;
                }
                return code;
            } finally {
                reported.complete(code);
            }
        });
    }

    private volatile boolean stopRequested;

    private Row runOnce(ColdStartRun run, int round, Mode mode, Path folder, Path runJar, String classPath,
                        Path cache) throws InterruptedException {
        String name = "round" + round + "-" + mode.label;
        String remotePort = Integer.toString(ColdStartFiles.freeLoopbackPort());
        if (mode == Mode.SEED) {
            int serverPort = ColdStartFiles.freeLoopbackPort();
            int clientPort = ColdStartFiles.freeLoopbackPort();
            String pythonPath = seed.toAbsolutePath() + (System.getenv("PYTHONPATH") == null ? ""
                    : java.io.File.pathSeparator + System.getenv("PYTHONPATH"));
            List<String> env = List.of("env", "PYTHONPATH=" + pythonPath, python.toString(), "-m");
            List<String> server = new ArrayList<>(env);
            server.addAll(List.of("asyncronous_com.run_server", ColdStartFiles.SERVER_FILE,
                    "tcp://127.0.0.1:" + serverPort, "tcp://127.0.0.1:" + clientPort, Integer.toString(workers)));
            List<String> client = new ArrayList<>(env);
            client.addAll(List.of("asyncronous_com.run_client", ColdStartFiles.CLIENT_FILE,
                    Integer.toString(batch), "tcp://127.0.0.1:" + clientPort, "tcp://127.0.0.1:" + serverPort));
            Figures f = run.run(name, server, new Readiness.Listening(serverPort), client, folder, limit);
            return seedRow(round, f, String.join(" ", client));
        }
        List<String> java = new ArrayList<>(List.of(ChildJvm.javaBinary()));
        if (mode == Mode.AOT) {
            java.addAll(AotCache.options(cache));
        }
        if (runJar != null) {
            java.addAll(List.of("-jar", runJar.toString()));
        } else {
            java.addAll(List.of("-cp", classPath, Main.class.getName()));
        }
        List<String> server = new ArrayList<>(java);
        server.addAll(List.of("server", ColdStartFiles.SERVER_FILE, "tcp://127.0.0.1:0", "tcp://127.0.0.1:" + remotePort,
                Integer.toString(workers), "--strategy", "platform"));
        Path clientCsv = folder.resolve(name + "-client.csv");
        List<String> client = new ArrayList<>(java);
        client.addAll(List.of("client", ColdStartFiles.CLIENT_FILE, Integer.toString(batch), "tcp://127.0.0.1:0",
                "{endpoint}", "--csv", clientCsv.getFileName().toString()));
        Figures f = run.run(name, server, new Readiness.ServingLine(), client, folder, limit);
        var summary = ClientCsvRow.readLast(clientCsv);
        boolean complete = summary.isPresent() && f.clientExit() == ExitCodes.OK && summary.get().tasks() == tasks
                && summary.get().ok() == tasks && summary.get().missing() == 0 && summary.get().duplicates() == 0;
        String outcome = complete ? "ok" : summary.map(s -> String.format(Locale.ROOT, "%d of %d ok, %d missing, "
                + "%d duplicated", s.ok(), tasks, s.missing(), s.duplicates())).orElse("no client summary (exit "
                + f.clientExit() + ")");
        return new Row(round, mode, complete, outcome, summary.map(ClientCsvRow::answered).orElse(0L), f.clientExit(),
                f.clientWallNanos() / 1e6, summary.map(ClientCsvRow::makespanMillis).orElse(Double.NaN),
                summary.map(ClientCsvRow::tasksPerSecond).orElse(Double.NaN), f.clientRssPeakKib(),
                f.serverRssPeakKib(), String.join(" ", client).replace("{endpoint}", "<server endpoint>"));
    }

    /** The seed's client prints its time and then the sum of the responses: each is 1, so the sum is the count. */
    private Row seedRow(int round, Figures f, String command) {
        String text;
        try {
            text = Files.readString(f.clientOut());
        } catch (IOException e) {
            text = "";
        }
        Matcher time = SEED_TIME.matcher(text);
        OptionalDouble seconds = time.find() ? OptionalDouble.of(Double.parseDouble(time.group(1)))
                : OptionalDouble.empty();
        Matcher sum = SEED_SUM.matcher(seconds.isPresent() ? text.substring(time.end()) : "");
        long answered = sum.find() ? Long.parseLong(sum.group(1)) : 0;
        boolean complete = f.clientExit() == 0 && seconds.isPresent() && answered == tasks;
        String outcome = complete ? "ok" : seconds.isEmpty() ? "the seed's client printed no time (exit "
                + f.clientExit() + ")" : answered + " of " + tasks + " answered";
        double makespanMs = seconds.isPresent() ? seconds.getAsDouble() * 1e3 : Double.NaN;
        return new Row(round, Mode.SEED, complete, outcome, answered, f.clientExit(), f.clientWallNanos() / 1e6,
                makespanMs, seconds.isPresent() ? answered / seconds.getAsDouble() : Double.NaN, f.clientRssPeakKib(),
                f.serverRssPeakKib(), command);
    }

    /** The figures compared: each a function of a complete run. */
    enum Metric {
        WALL_MS("wall_ms"), TASKS_PER_S("tasks_per_s"), TASKS_PER_WALL_S("tasks_per_wall_s"),
        CLIENT_RSS_MIB("client_rss_peak_mib"), SERVER_RSS_MIB("server_rss_peak_mib");

        final String column;

        Metric(String column) {
            this.column = column;
        }
    }

    private double value(Row r, Metric m) {
        return switch (m) {
            case WALL_MS -> r.wallMs;
            case TASKS_PER_S -> r.tasksPerSecond;
            case TASKS_PER_WALL_S -> tasks / (r.wallMs / 1e3);
            case CLIENT_RSS_MIB -> r.clientRssKib.isPresent() ? r.clientRssKib.getAsLong() / 1024.0 : Double.NaN;
            case SERVER_RSS_MIB -> r.serverRssKib.isPresent() ? r.serverRssKib.getAsLong() / 1024.0 : Double.NaN;
        };
    }

    /** Median, min and max of a metric over a mode's complete runs; null when none. */
    Spread spread(List<Row> rows, Mode mode, Metric metric) {
        List<Double> values = rows.stream().filter(r -> r.mode == mode && r.complete).map(r -> value(r, metric))
                .filter(v -> !v.isNaN()).toList();
        return values.isEmpty() ? null : Spread.of(values);
    }

    private void write(Path csv, List<Row> rows, List<Mode> modes) throws IOException {
        String java = System.getProperty("java.runtime.version");
        String cores = Integer.toString(Runtime.getRuntime().availableProcessors());
        String load = loadAverage();
        String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
        try (CSVPrinter printer = CsvFile.printer(csv)) {
            printer.printRecord(COLUMNS);
            for (Row r : rows) {
                printer.printRecord(now, r.round, r.mode.label, r.outcome, tasks, r.answered, r.clientExit,
                        decimal(r.wallMs, 0), decimal(r.makespanMs, 0), decimal(r.tasksPerSecond, 0),
                        decimal(value(r, Metric.TASKS_PER_WALL_S), 0), decimal(value(r, Metric.CLIENT_RSS_MIB), 1),
                        decimal(value(r, Metric.SERVER_RSS_MIB), 1), r.command, "", "", "", "", "", java, cores, load);
            }
            for (Mode mode : modes) {
                for (Metric metric : Metric.values()) {
                    Spread s = spread(rows, mode, metric);
                    if (s != null) {
                        printer.printRecord(now, "", mode.label, "median", tasks, "", "", "", "", "", "", "", "", "",
                                metric.column, decimal(s.median(), 3), decimal(s.min(), 3), decimal(s.max(), 3),
                                s.count(), java, cores, load);
                    }
                }
            }
            for (Mode mode : modes) {
                if (mode == Mode.SEED) {
                    continue;
                }
                for (Metric metric : List.of(Metric.TASKS_PER_S, Metric.TASKS_PER_WALL_S)) {
                    Spread ours = spread(rows, mode, metric);
                    Spread theirs = spread(rows, Mode.SEED, metric);
                    if (ours != null && theirs != null) {
                        Spread ratio = ours.over(theirs);
                        printer.printRecord(now, "", mode.label + "/seed", "ratio", tasks, "", "", "", "", "", "", "",
                                "", "", metric.column, decimal(ratio.median(), 2), decimal(ratio.min(), 2),
                                decimal(ratio.max(), 2), ratio.count(), java, cores, load);
                    }
                }
            }
        }
    }

    private void printTable(PrintWriter out, List<Row> rows, List<Mode> modes, String launch) {
        out.printf(Locale.ROOT, "cold start: %,d zero-delay tasks, batch %d, one fresh server and one client per "
                + "run, medians of complete runs (min-max)%n", tasks, batch);
        out.printf(Locale.ROOT, "%-6s %5s  %-24s %-30s %-30s %-20s %-20s%n", "mode", "runs", "client wall ms",
                "tasks/s (client's makespan)", "tasks/s of wall time", "client RSS MiB", "server RSS MiB");
        for (Mode mode : modes) {
            long complete = rows.stream().filter(r -> r.mode == mode && r.complete).count();
            long all = rows.stream().filter(r -> r.mode == mode).count();
            out.printf(Locale.ROOT, "%-6s %5s  %-24s %-30s %-30s %-20s %-20s%n", mode.label, complete + "/" + all,
                    cell(spread(rows, mode, Metric.WALL_MS), 0), cell(spread(rows, mode, Metric.TASKS_PER_S), 0),
                    cell(spread(rows, mode, Metric.TASKS_PER_WALL_S), 0),
                    cell(spread(rows, mode, Metric.CLIENT_RSS_MIB), 0),
                    cell(spread(rows, mode, Metric.SERVER_RSS_MIB), 0));
        }
        for (Mode mode : modes) {
            if (mode == Mode.SEED || !modes.contains(Mode.SEED)) {
                continue;
            }
            Spread a = spread(rows, mode, Metric.TASKS_PER_S);
            Spread b = spread(rows, Mode.SEED, Metric.TASKS_PER_S);
            Spread c = spread(rows, mode, Metric.TASKS_PER_WALL_S);
            Spread d = spread(rows, Mode.SEED, Metric.TASKS_PER_WALL_S);
            if (a != null && b != null && c != null && d != null) {
                out.printf(Locale.ROOT, "%s / seed: %s on the clients' makespans, %s on whole-process wall time%n",
                        mode.label, ratioCell(a.over(b)), ratioCell(c.over(d)));
            }
        }
        out.println("ours started as: java [-XX:AOTCache=...] " + launch + " server|client ...");
    }

    private static String cell(Spread s, int scale) {
        return s == null ? "-" : decimal(s.median(), scale) + " (" + decimal(s.min(), scale) + "-"
                + decimal(s.max(), scale) + ")";
    }

    private static String ratioCell(Spread s) {
        return decimal(s.median(), 1) + "x (" + decimal(s.min(), 1) + "-" + decimal(s.max(), 1) + ")";
    }

    private static String modeNames(List<Mode> modes) {
        return String.join(", ", modes.stream().map(m -> m.label).toList());
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? decimal(kib.getAsLong() / 1024.0, 0) : "-";
    }

    private static String decimal(double value, int scale) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + scale + "f", value);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
