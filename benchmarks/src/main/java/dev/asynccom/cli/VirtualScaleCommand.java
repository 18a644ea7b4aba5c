package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;
import dev.asynccom.core.workload.CommandList;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.core.workload.WorkloadFiles;
import dev.asynccom.harness.GcLog;
import dev.asynccom.harness.SoakRun;
import dev.asynccom.harness.VirtualScaleRun;
import dev.asynccom.harness.VirtualScaleRun.Bare;
import dev.asynccom.harness.VirtualScaleRun.ClientRun;
import dev.asynccom.harness.VirtualScaleRun.Loop;
import dev.asynccom.results.CsvFile;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyCsv.Kind;
import dev.asynccom.results.LatencyCsv.Stat;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.transport.codec.WireCodec;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.asynccom.cli.Measuring.require;

/**
 * {@code virtual-scale}: many concurrent sleeping tasks on virtual threads, the loop against the bare JDK. Each
 * round runs, as fresh processes, the bare program ({@link dev.asynccom.harness.BareVirtualSleep}: N virtual threads
 * sleeping D, a latch), then one {@code client} run of N tasks of D through a fresh {@code server --strategy virtual}
 * (no limit) over loopback tcp and a second run against the same server, then the seed's workload the same way;
 * rounds alternate so the machine's drift falls on all legs alike. Writes {@code virtual-scale.csv} (a row per leg
 * and round) and {@code virtual-scale-summary.csv} (medians, min-max), prints the table.
 *
 * <p>Threads: the calling thread runs the rounds; on SIGINT or SIGTERM the shutdown hook asks it to stop, waits
 * for what finished to be written, then halts.
 */
@Command(name = "virtual-scale", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Measures --tasks concurrent tasks of --delay on virtual threads against the bare JDK, in --rounds "
                        + "alternating rounds, each leg a fresh JVM of this java: bare (--tasks virtual threads "
                        + "started with Thread.startVirtualThread, each sleeping --delay, a latch), loop-cold and "
                        + "loop-warm (two client runs of --tasks tasks in batches of --batch through one fresh "
                        + "server --strategy virtual with no limit, tcp on 127.0.0.1; the commands file is the "
                        + "largest divisor of --tasks up to 1,000 lines, sent --repeat times), seed-cold and "
                        + "seed-warm (the same with the seed's own files from --seed-files, 512 x 1 s).",
                "Writes <out>/virtual-scale.csv (one row per leg and round: makespan, makespan over ideal and over "
                        + "the bare program of the same round, sleep overshoot p50/p99, every count), "
                        + "<out>/virtual-scale-summary.csv (per leg: median and min-max over the rounds) and each "
                        + "JVM's output and client summary beside them; prints the table and a last sentence saying "
                        + "whether every task was accounted for. Ctrl-C or SIGTERM stops the JVM running and writes "
                        + "what finished (exit 1).",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  virtual-scale                                100,000 x 1 s, 3 rounds: under a minute",
                "  virtual-scale --aot                          the same, the server and clients with the AOT cache",
                "  virtual-scale --tasks 10000 --delay 100ms --rounds 5 --out results/vs-10k",
                ""})
public final class VirtualScaleCommand implements Callable<Integer> {
    static final String FILE_NAME = "virtual-scale.csv";
    static final String SUMMARY_FILE_NAME = "virtual-scale-summary.csv";
    static final int MAX_TASKS = 10_000_000;
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    static final int MAX_ROUNDS = 50;
    /** The longest a signal waits for the round to stop its JVM and write what finished before it kills them. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

    static final List<String> LEGS = List.of("bare", "loop-cold", "loop-warm", "seed-cold", "seed-warm");
    static final List<String> COLUMNS = List.of("time", "round", "leg", "tasks", "delay_ms", "batch", "makespan_ms",
            "ideal_ms", "makespan_over_ideal", "over_bare", "start_ms", "overshoot_p50_ms", "overshoot_p99_ms",
            "e2e_p50_ms", "e2e_p99_ms", "gc_pauses", "gc_ms", "sent", "answered", "ok", "errors", "missing",
            "duplicates", "accounted", "client_end", "exit", "server_received", "server_sent", "load_average", "java",
            "cores", "young", "aot");
    static final List<String> SUMMARY_COLUMNS = List.of("leg", "rounds", "tasks", "makespan_ms_median",
            "makespan_ms_min", "makespan_ms_max", "over_ideal_median", "over_ideal_min", "over_ideal_max",
            "over_bare_median", "over_bare_min", "over_bare_max", "overshoot_p50_ms_median", "overshoot_p99_ms_median",
            "gc_ms_median", "all_accounted");

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "100000",
            description = "Concurrent tasks of the bare and loop legs, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Each task's sleep, 1ms to 60s (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Tasks per message, 1 to " + WireCodec.MAX_TASKS + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Alternating rounds of every leg, 1 to 50 (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seed-files", paramLabel = "DIR", defaultValue = "examples",
            description = "The folder of the seed's server_data.txt and client_data.txt (default: ${DEFAULT-VALUE}).")
    Path seedFiles;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder, new or empty (default: results/virtual-scale-<timestamp>).")
    Path out;

    @Option(names = "--young", paramLabel = "SIZE",
            description = "-Xmn of the JVMs whose threads sleep, the bare program's and the server's alike, at least "
                    + "16m, such as 1g: room for a wave of parked threads without a collection (default: the JVM's "
                    + "own sizing).")
    String young;

    @Option(names = "--aot",
            description = "Start the loop's server and clients with the JDK's ahead-of-time cache of this jar "
                    + "(benchmarks.aot beside it, written by ./mvnw package on JDK 25+; what bin/asynccom adds), as "
                    + "a deployment through bin/asynccom starts; the bare program stays plain. Refused in one "
                    + "sentence when the cache is missing or does not fit this jar and JDK (default: plain JVMs).")
    boolean aot;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Measuring log = new Measuring("virtual-scale", spec.commandLine().getErr());
        PrintWriter stdout = spec.commandLine().getOut();
        require(tasks >= 1 && tasks <= MAX_TASKS, "--tasks must be from 1 to " + MAX_TASKS + ", got " + tasks);
        require(delay.compareTo(Duration.ofMillis(1)) >= 0 && delay.compareTo(MAX_DELAY) <= 0,
                "--delay must be from 1ms to 60s, got " + DurationConverter.format(delay));
        require(batch >= 1 && batch <= WireCodec.MAX_TASKS, "--batch must be from 1 to " + WireCodec.MAX_TASKS
                + ", got " + batch);
        require(rounds >= 1 && rounds <= MAX_ROUNDS, "--rounds must be from 1 to " + MAX_ROUNDS + ", got " + rounds);
        if (young != null) {
            MemorySize.require("--young", young, 16L << 20, "16m", "each of the two sleeping JVMs");
        }
        Path seedServer = seedFiles.resolve(WorkloadFiles.SERVER_FILE);
        Path seedClient = seedFiles.resolve(WorkloadFiles.CLIENT_FILE);
        require(Files.isRegularFile(seedServer) && Files.isRegularFile(seedClient), "--seed-files " + seedFiles
                + " does not hold " + WorkloadFiles.SERVER_FILE + " and " + WorkloadFiles.CLIENT_FILE
                + " (the seed's are in examples/)");
        DelayMap seedMap = DelayMap.load(seedServer);
        int seedTasks = CommandList.load(seedClient).size();
        long seedIdeal = 0;
        for (int i = 0; i < seedMap.size(); i++) {
            seedIdeal = Math.max(seedIdeal, seedMap.delayNanos(i));
        }
        List<String> loopOptions = List.of();
        if (aot) {
            Path jar = AotCache.jarOf(System.getProperty("java.class.path"));
            Path cache = jar == null ? null : AotCache.besideJar(jar);
            String unusable = AotCache.unusable(jar, cache);
            if (unusable != null) {
                throw new UserError("--aot: " + unusable);
            }
            loopOptions = AotCache.options(cache);
        }
        Path folder = log.folder(out);
        OutputPaths.requireWritableFolder(folder, "--out");
        Measuring.requireNewOrEmpty(folder);
        OutputPaths.createFolder(folder, "--out");

        int lines = SoakRun.fileLines(tasks);
        SyntheticWorkload work = SyntheticWorkload.generate(lines, DelayProfile.parse("constant:" + delay.toNanos()
                + "ns"), SyntheticWorkload.DEFAULT_RANDOM_SEED);
        Path scaleServer = folder.resolve(WorkloadFiles.SERVER_FILE);
        Path scaleClient = folder.resolve(WorkloadFiles.CLIENT_FILE);
        WorkloadFiles.writeServerFile(scaleServer, work.delayMap());
        WorkloadFiles.writeClientFile(scaleClient, work.commands());
        Plan plan = new Plan(lines, tasks / lines, scaleServer, scaleClient, seedServer, seedClient, seedTasks,
                seedIdeal);

        VirtualScaleRun run = new VirtualScaleRun(Main.class.getName(), System.getProperty("java.class.path"), folder,
                young == null ? List.of() : List.of("-Xmn" + young), loopOptions, log::say, NanoClock.system());
        List<Map<String, String>> rows = new ArrayList<>();
        CompletableFuture<Integer> reported = new CompletableFuture<>();
        return log.stoppable(() -> {
            run.requestStop();
            try {
                return reported.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception notInTime) {
                run.killAll();
                log.say("stopped, but the JVMs did not end within " + STOP_WAIT.toSeconds() + " s: killed, nothing "
                        + "more written");
                return ExitCodes.MISSING;
            }
        }, STOP_WAIT.plusSeconds(5), () -> measure(log, stdout, run, plan, rows, folder, reported));
    }

    /** The files and counts of the legs. */
    private record Plan(int lines, int repeat, Path scaleServer, Path scaleClient, Path seedServer, Path seedClient,
                        int seedTasks, long seedIdealNanos) {
    }

    private Integer measure(Measuring log, PrintWriter stdout, VirtualScaleRun run, Plan plan,
                            List<Map<String, String>> rows, Path folder, CompletableFuture<Integer> reported)
            throws Exception {
        int code = ExitCodes.INTERNAL;
        try {
            log.say(String.format(Locale.ROOT, "%d rounds of: bare (%,d virtual threads sleeping %s), %,d tasks of %s "
                            + "in batches of %d through a fresh server --strategy virtual (cold, then warm), the seed "
                            + "workload (%d tasks from %s, cold, then warm)%s; files in %s", rounds, tasks,
                    DurationConverter.format(delay), tasks, DurationConverter.format(delay), batch, plan.seedTasks(),
                    seedFiles, aot ? ", the server and clients with the AOT cache" : "", folder));
            Duration bound = delay.multipliedBy(10).plusSeconds(120);
            List<String> clientArgs = List.of("--repeat", Integer.toString(plan.repeat()), "--deadline",
                    DurationConverter.format(delay.multipliedBy(5).plusSeconds(60)));
            List<String> seedArgs = List.of("--deadline", DurationConverter.format(Duration.ofNanos(
                    plan.seedIdealNanos()).multipliedBy(5).plusSeconds(60)));
            for (int round = 1; round <= rounds && !run.stopRequested(); round++) {
                Bare bare = run.bare("round" + round + "-bare", tasks, delay.toNanos(), bound);
                double bareMs = bare.measured() ? bare.makespanNanos() / 1e6 : Double.NaN;
                rows.add(bareRow(round, bare));
                log.say(String.format(Locale.ROOT, "round %d: bare %.3f s", round, bareMs / 1e3));
                if (run.stopRequested()) {
                    break;
                }
                Loop loop = run.loop("round" + round + "-loop", plan.scaleServer(), plan.scaleClient(), batch,
                        clientArgs, 2, bound);
                addClientRows(rows, round, "loop", loop, tasks, delay.toNanos(), bareMs);
                if (run.stopRequested()) {
                    break;
                }
                Loop seed = run.loop("round" + round + "-seed", plan.seedServer(), plan.seedClient(), 16, seedArgs, 2,
                        bound);
                addClientRows(rows, round, "seed", seed, plan.seedTasks(), plan.seedIdealNanos(), Double.NaN);
                log.say("round " + round + ": " + roundLine(rows, round));
            }
        } finally {
            code = ExitCodes.OUTPUT_FAILED;
            try {
                code = report(log, stdout, run, rows, folder);
            } finally {
                reported.complete(code);
            }
        }
        return code;
    }

    private int report(Measuring log, PrintWriter stdout, VirtualScaleRun run, List<Map<String, String>> rows,
                       Path folder) throws IOException {
        List<Map<String, String>> summary = summarize(rows);
        Path csv = folder.resolve(FILE_NAME);
        Path summaryCsv = folder.resolve(SUMMARY_FILE_NAME);
        try {
            write(csv, COLUMNS, rows);
            write(summaryCsv, SUMMARY_COLUMNS, summary);
        } catch (IOException e) {
            throw OutputPaths.failed(csv, e);
        }
        printTable(stdout, summary);
        stdout.println("wrote " + csv + " and " + summaryCsv);
        stdout.flush();
        long unaccounted = rows.stream().filter(r -> !r.get("leg").equals("bare"))
                .filter(r -> !"true".equals(r.get("accounted"))).count();
        boolean bareFailed = rows.stream().anyMatch(r -> r.get("leg").equals("bare") && r.get("makespan_ms").isEmpty());
        int expected = rounds * LEGS.size();
        if (run.stopRequested() || rows.size() < expected) {
            log.say("stopped after " + rows.size() + " of " + expected + " legs: what finished is written");
            return ExitCodes.MISSING;
        }
        if (unaccounted > 0) {
            log.say(unaccounted + " client run(s) did not get every task back ok, once: their rows say which");
            return ExitCodes.MISSING;
        }
        if (bareFailed) {
            log.say("the bare program reported no makespan in some round: its .err file says why");
            return ExitCodes.MISSING;
        }
        log.say("every task of every client run was answered ok, once.");
        return ExitCodes.OK;
    }

    private Map<String, String> bareRow(int round, Bare bare) {
        Map<String, String> row = common(round, "bare", tasks, delay.toNanos());
        if (bare.measured()) {
            row.put("makespan_ms", decimal(bare.makespanNanos() / 1e6, 1));
            row.put("makespan_over_ideal", decimal(bare.makespanNanos() / (double) delay.toNanos(), 3));
            row.put("over_bare", "1.000");
            row.put("start_ms", decimal(bare.startNanos() / 1e6, 1));
            row.put("overshoot_p50_ms", decimal(bare.overshootP50Nanos() / 1e6, 1));
            row.put("overshoot_p99_ms", decimal(bare.overshootP99Nanos() / 1e6, 1));
        }
        gc(row, bare.gc());
        row.put("exit", Integer.toString(bare.exitCode()));
        return row;
    }

    private void addClientRows(List<Map<String, String>> rows, int round, String leg, Loop loop, long legTasks,
                               long idealNanos, double bareMs) {
        for (int i = 0; i < loop.clients().size(); i++) {
            ClientRun c = loop.clients().get(i);
            Map<String, String> row = common(round, leg + (i == 0 ? "-cold" : "-warm"), legTasks, idealNanos);
            Optional<ClientCsvRow> summary = ClientCsvRow.readLast(c.csv());
            Map<String, String> raw = lastRow(c.csv());
            summary.ifPresent(s -> {
                row.put("makespan_ms", decimal(s.makespanMillis(), 1));
                row.put("makespan_over_ideal", decimal(s.makespanMillis() * 1e6 / idealNanos, 3));
                row.put("over_bare", decimal(s.makespanMillis() / bareMs, 3));
                row.put("overshoot_p50_ms", micros(raw, Kind.OVERSHOOT, Stat.P50));
                row.put("overshoot_p99_ms", micros(raw, Kind.OVERSHOOT, Stat.P99));
                row.put("e2e_p50_ms", decimal(s.e2eP50Us() / 1e3, 1));
                row.put("e2e_p99_ms", decimal(s.e2eP99Us() / 1e3, 1));
                row.put("sent", Long.toString(s.sent()));
                row.put("answered", Long.toString(s.answered()));
                row.put("ok", Long.toString(s.ok()));
                row.put("errors", Long.toString(s.errors()));
                row.put("missing", Long.toString(s.missing()));
                row.put("duplicates", Long.toString(s.duplicates()));
                row.put("client_end", s.end());
            });
            boolean accounted = summary.map(s -> s.tasks() == legTasks && s.ok() == legTasks && s.answered() == legTasks
                    && s.missing() == 0 && s.duplicates() == 0 && s.unknownIds() == 0).orElse(false);
            row.put("accounted", Boolean.toString(accounted && c.exitCode() == ExitCodes.OK));
            gc(row, c.serverGc());
            row.put("exit", Integer.toString(c.exitCode()));
            row.put("server_received", loop.serverReceived() < 0 ? "" : Long.toString(loop.serverReceived()));
            row.put("server_sent", loop.serverSent() < 0 ? "" : Long.toString(loop.serverSent()));
            rows.add(row);
        }
    }

    /** The collections of the JVM whose threads slept (the bare program's, or the server's during that client run). */
    private static void gc(Map<String, String> row, GcLog.Pauses pauses) {
        row.put("gc_pauses", Long.toString(pauses.count()));
        row.put("gc_ms", decimal(pauses.millis(), 1));
    }

    private Map<String, String> common(int round, String leg, long legTasks, long idealNanos) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("time", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        row.put("round", Integer.toString(round));
        row.put("leg", leg);
        row.put("tasks", Long.toString(legTasks));
        row.put("delay_ms", decimal(idealNanos / 1e6, 3));
        row.put("batch", leg.startsWith("seed") ? "16" : leg.equals("bare") ? "" : Integer.toString(batch));
        row.put("ideal_ms", decimal(idealNanos / 1e6, 1));
        row.put("load_average", decimal(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
        row.put("java", System.getProperty("java.runtime.version"));
        row.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        row.put("young", young == null ? "" : young);
        row.put("aot", Boolean.toString(aot && !leg.equals("bare")));
        return row;
    }

    /** Per leg: medians and min-max over the rounds that measured it. */
    static List<Map<String, String>> summarize(List<Map<String, String>> rows) {
        List<Map<String, String>> summary = new ArrayList<>();
        for (String leg : LEGS) {
            List<Map<String, String>> of = rows.stream().filter(r -> r.get("leg").equals(leg)).toList();
            if (of.isEmpty()) {
                continue;
            }
            Map<String, String> s = new LinkedHashMap<>();
            s.put("leg", leg);
            s.put("rounds", Integer.toString(of.size()));
            s.put("tasks", of.getFirst().get("tasks"));
            stats(s, of, "makespan_ms", "makespan_ms", 1);
            stats(s, of, "makespan_over_ideal", "over_ideal", 3);
            stats(s, of, "over_bare", "over_bare", 3);
            s.put("overshoot_p50_ms_median", decimal(median(values(of, "overshoot_p50_ms")), 1));
            s.put("overshoot_p99_ms_median", decimal(median(values(of, "overshoot_p99_ms")), 1));
            s.put("gc_ms_median", decimal(median(values(of, "gc_ms")), 1));
            s.put("all_accounted", leg.equals("bare") ? "" : Boolean.toString(of.stream()
                    .allMatch(r -> "true".equals(r.get("accounted")))));
            summary.add(s);
        }
        return summary;
    }

    private static void stats(Map<String, String> s, List<Map<String, String>> of, String column, String prefix,
                              int scale) {
        List<Double> v = values(of, column);
        s.put(prefix + "_median", decimal(median(v), scale));
        s.put(prefix + "_min", v.isEmpty() ? "" : decimal(v.getFirst(), scale));
        s.put(prefix + "_max", v.isEmpty() ? "" : decimal(v.getLast(), scale));
    }

    /** The column's numbers, sorted; empty and NaN values left out. */
    private static List<Double> values(List<Map<String, String>> rows, String column) {
        return rows.stream().map(r -> r.getOrDefault(column, "")).filter(v -> !v.isEmpty() && !v.equals("NaN"))
                .map(Double::parseDouble).sorted().toList();
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String roundLine(List<Map<String, String>> rows, int round) {
        StringBuilder line = new StringBuilder();
        for (Map<String, String> r : rows) {
            if (r.get("round").equals(Integer.toString(round))) {
                line.append(line.isEmpty() ? "" : ", ").append(r.get("leg")).append(' ').append(r.get("makespan_ms"))
                        .append(" ms");
            }
        }
        return line.toString();
    }

    private static void printTable(PrintWriter out, List<Map<String, String>> summary) {
        out.printf(Locale.ROOT, "%-10s %6s %8s %-26s %-22s %-22s %10s %10s %8s %s%n", "leg", "rounds", "tasks",
                "makespan ms median (min-max)", "/ideal median (min-max)", "/bare median (min-max)", "overshoot",
                "p99", "gc ms", "accounted");
        for (Map<String, String> s : summary) {
            out.printf(Locale.ROOT, "%-10s %6s %8s %-26s %-22s %-22s %10s %10s %8s %s%n", s.get("leg"),
                    s.get("rounds"), s.get("tasks"), range(s, "makespan_ms"), range(s, "over_ideal"),
                    range(s, "over_bare"), s.get("overshoot_p50_ms_median"), s.get("overshoot_p99_ms_median"),
                    s.get("gc_ms_median"), s.get("all_accounted"));
        }
    }

    private static String range(Map<String, String> s, String prefix) {
        String median = s.get(prefix + "_median");
        return median.isEmpty() ? "" : median + " (" + s.get(prefix + "_min") + "-" + s.get(prefix + "_max") + ")";
    }

    private static void write(Path csv, List<String> columns, List<Map<String, String>> rows) throws IOException {
        try (CSVPrinter printer = CsvFile.printer(csv)) {
            printer.printRecord(columns);
            for (Map<String, String> row : rows) {
                printer.printRecord(columns.stream().map(column -> row.getOrDefault(column, "")));
            }
        }
    }

    /** The last row of a client's {@code --csv} file by column; empty when it wrote none. */
    private static Map<String, String> lastRow(Path file) {
        Map<String, String> row = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return row;
        }
        List<CsvFile.Line> lines = CsvFile.read(file);
        if (lines.size() < 2) {
            return row;
        }
        List<String> header = lines.getFirst().fields();
        List<String> values = lines.getLast().fields();
        for (int i = 0; i < header.size() && i < values.size(); i++) {
            row.put(header.get(i), values.get(i));
        }
        return row;
    }

    /** A latency column of the client's summary (microseconds) in milliseconds; empty when it has none. */
    private static String micros(Map<String, String> raw, Kind kind, Stat stat) {
        String value = raw.getOrDefault(LatencyCsv.latency(kind, stat), "");
        return value.isEmpty() ? "" : decimal(Double.parseDouble(value) / 1e3, 1);
    }

    private static String decimal(double value, int scale) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, "%." + scale + "f",
                value);
    }
}
