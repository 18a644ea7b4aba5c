package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;
import dev.asynccom.harness.GcLog;
import dev.asynccom.harness.ProcStatus;
import dev.asynccom.harness.SoakRun;
import dev.asynccom.harness.SoakRun.Ending;
import dev.asynccom.harness.SoakRun.Figures;
import dev.asynccom.harness.SoakRun.Outcome;
import dev.asynccom.results.CsvFile;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.transport.codec.WireCodec;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.asynccom.cli.Measuring.require;

/**
 * {@code soak}: millions of zero-delay tasks from a {@code client} JVM through a {@code server} JVM over loopback
 * tcp ({@link SoakRun}), every task accounted for from the client's own summary, each JVM's peak resident
 * memory and collections measured; writes one row of {@code soak.csv}.
 *
 * <p>Threads: the calling thread runs the soak; on SIGINT or SIGTERM the JVM's shutdown hook asks it to stop and
 * waits for its row, then halts.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Sends --tasks zero-delay tasks from a client JVM through a server JVM (separate processes, tcp on "
                        + "127.0.0.1, the server's handler noop), each JVM started with -Xmx --heap and a GC log. "
                        + "The client sends a small generated commands file (the largest divisor of --tasks up to "
                        + "1,000 lines) --repeat times and writes its summary with --csv; every task must come back "
                        + "ok, once. Each JVM's resident memory (VmRSS, and its peak VmHWM, from /proc) is read "
                        + "every 200 ms while it lives; after the run a full collection (jcmd GC.run) gives the "
                        + "server's live heap.",
                "Writes one row to <out>/soak.csv, and beside it memory.csv (every reading), the client's "
                        + "client.csv, each JVM's output and GC log and the two data files; prints a summary and a "
                        + "last sentence saying whether every task was accounted for. Bounded by --deadline: then, or "
                        + "on Ctrl-C or SIGTERM, it stops the client (SIGTERM: it writes its summary of what came "
                        + "back) and the server, killing either if it does not end, and writes the row (exit 1).",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  soak                        10,000,000 tasks: 8 to 60 s on 2 cores",
                "  soak --tasks 1000000 --heap 64m --out results/soak-64m",
                ""})
public final class SoakCommand implements Callable<Integer> {
    static final String FILE_NAME = "soak.csv";
    /** The longest a signal waits for the soak to stop its JVMs and write its row before it kills them. */
    static final Duration STOP_WAIT = Duration.ofSeconds(90);
    private static final long MIN_HEAP_BYTES = 32L << 20;

    static final List<String> COLUMNS = List.of("time", "outcome", "verdict", "tasks", "file_lines", "repeat",
            "batch", "strategy", "workers", "heap", "deadline_s", "sent", "answered", "ok", "errors", "missing",
            "duplicates", "response_sum", "client_end", "makespan_ms", "tasks_per_s", "e2e_p50_ms", "e2e_p99_ms",
            "e2e_max_ms", "client_wall_ms", "wall_ms", "server_rss_peak_mib", "server_rss_end_mib",
            "server_rss_samples", "server_gc", "server_gc_pauses", "server_gc_pause_ms",
            "server_heap_after_last_gc_mib", "server_live_heap_mib", "server_received", "server_sent", "server_exit",
            "client_rss_peak_mib", "client_rss_end_mib", "client_rss_samples", "client_gc", "client_gc_pauses",
            "client_gc_pause_ms", "client_heap_after_last_gc_mib", "client_exit", "server_jvm_args",
            "client_jvm_args", "java", "cores", "load_average_start", "load_average_end");

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "10000000",
            description = "Tasks to send, 1 to " + (Integer.MAX_VALUE - 8) + " (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Tasks per message, 1 to " + WireCodec.MAX_TASKS + " (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "platform",
            description = "The server's --strategy (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "The server's <max_workers> (default: ${DEFAULT-VALUE}: zero-delay tasks only burn CPU).")
    int workers;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "256m",
            description = "-Xmx of each JVM, server and client, at least 32m (default: ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "15m", converter = DurationConverter.class,
            description = "Stop both JVMs this long after the start, report what came back so far (default: "
                    + "${DEFAULT-VALUE}).")
    Duration deadline;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder, new or empty (default: results/soak-<timestamp>).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Measuring log = new Measuring("soak", spec.commandLine().getErr());
        PrintWriter stdout = spec.commandLine().getOut();
        require(tasks >= 1 && tasks <= Integer.MAX_VALUE - 8, "--tasks must be from 1 to " + (Integer.MAX_VALUE - 8)
                + " (what one client run can track), got " + tasks);
        require(batch >= 1 && batch <= WireCodec.MAX_TASKS, "--batch must be from 1 to " + WireCodec.MAX_TASKS
                + ", got " + batch);
        require(!deadline.isZero(), "--deadline must be longer than 0, such as 15m");
        new StrategyChoice(strategy, workers, "--workers", "noop").validate(PlatformThreadLimit.ofThisMachine());
        require(workers >= 1 || strategy.equals("virtual"), "--workers must be at least 1 for --strategy " + strategy
                + " (0 means no limit only for virtual), got " + workers);
        MemorySize.require("--heap", heap, MIN_HEAP_BYTES, "32m", "each of the two JVMs");
        Path folder = log.folder(out);
        OutputPaths.requireWritableFolder(folder, "--out");
        Measuring.requireNewOrEmpty(folder);
        OutputPaths.createFolder(folder, "--out");
        Path csv = folder.resolve(FILE_NAME);

        SoakRun run = new SoakRun(new SoakRun.Plan(Main.class.getName(), System.getProperty("java.class.path"),
                tasks, batch, strategy, workers, heap, deadline, folder), log::say, NanoClock.system());
        // A signal asks the run to stop; the command's thread then writes the row and hands the hook the exit code.
        CompletableFuture<Integer> reported = new CompletableFuture<>();
        return log.stoppable(() -> {
            run.requestStop();
            try {
                return reported.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception notInTime) {
                run.killAll();
                log.say("stopped, but the JVMs did not end within " + STOP_WAIT.toSeconds() + " s: both killed, "
                        + "no row written");
                return ExitCodes.MISSING;
            }
        }, STOP_WAIT.plusSeconds(5), () -> soak(log, stdout, run, csv, folder, reported));
    }

    /** The soak itself; whatever way it ends, {@code reported} gets the exit code. */
    private Integer soak(Measuring log, PrintWriter stdout, SoakRun run, Path csv, Path folder,
                         CompletableFuture<Integer> reported) throws Exception {
        int code = ExitCodes.INTERNAL;
        try {
            log.say(String.format(Locale.ROOT, "%,d zero-delay tasks in batches of %d through a server JVM "
                    + "(%s x%d, noop) from a client JVM, -Xmx%s each, deadline %s; files in %s", tasks, batch,
                    strategy, workers, heap, DurationConverter.format(deadline), folder));
            Outcome outcome = run.run();
            Optional<ClientCsvRow> client = ClientCsvRow.readLast(outcome.clientCsv());
            Verdict verdict = Verdict.of(outcome, client, tasks);
            try {
                write(csv, row(Instant.now(), outcome, client, verdict));
            } catch (IOException e) {
                code = ExitCodes.OUTPUT_FAILED;
                throw OutputPaths.failed(csv, e);
            }
            printSummary(stdout, outcome, client);
            stdout.println("wrote " + csv);
            stdout.flush();
            log.say(verdict.sentence());
            code = verdict.exitCode();
            return code;
        } finally {
            reported.complete(code);
        }
    }

    /** What the soak concludes: how it is labelled, the sentence that ends it, its exit code. */
    record Verdict(String outcome, String sentence, int exitCode) {
        static Verdict of(Outcome o, Optional<ClientCsvRow> client, long tasks) {
            String counts = client.map(c -> String.format(Locale.ROOT, "%d of %d tasks answered (%d ok, %d with an "
                    + "error), %d missing, %d duplicated", c.answered(), tasks, c.ok(), c.errors(), c.missing(),
                    c.duplicates())).orElse("the client wrote no summary");
            counts = counts + ".";
            return switch (o.ending()) {
                case DEADLINE -> new Verdict("deadline", "stopped at the deadline: " + counts, ExitCodes.MISSING);
                case STOPPED -> new Verdict("stopped", "stopped by a signal: " + counts, ExitCodes.MISSING);
                case SERVER_EXITED -> new Verdict("server-exited", "the server JVM exited (" + o.server().exitCode()
                        + ") during the run: " + counts, ExitCodes.MISSING);
                case FINISHED -> finished(o, client, tasks, counts);
            };
        }

        private static Verdict finished(Outcome o, Optional<ClientCsvRow> client, long tasks, String counts) {
            if (client.isEmpty()) {
                return new Verdict("client-failed", "the client JVM exited with " + o.client().exitCode()
                        + " and wrote no summary: client.err says why.", ExitCodes.MISSING);
            }
            ClientCsvRow c = client.get();
            if (c.end().equals("stopped")) { // a signal reached the client itself: Ctrl-C signals the whole group
                return new Verdict("stopped", "stopped by a signal: " + counts, ExitCodes.MISSING);
            }
            if (c.tasks() == tasks && c.answered() == tasks && c.ok() == tasks && c.missing() == 0
                    && c.duplicates() == 0) {
                return new Verdict("ok", String.format(Locale.ROOT, "every one of the %d tasks was answered ok, once.",
                        tasks), ExitCodes.OK);
            }
            if (c.missing() > 0 || c.answered() != tasks) {
                return new Verdict("missing", "not every task came back: " + counts, ExitCodes.MISSING);
            }
            return new Verdict("not-ok", "every task came back, but not all ok and once: " + counts,
                    ExitCodes.NOT_ALL_OK);
        }
    }

    private static Map<String, String> row(Instant end, Outcome o, Optional<ClientCsvRow> client, Verdict verdict) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("time", end.truncatedTo(ChronoUnit.MILLIS).toString());
        row.put("outcome", verdict.outcome());
        row.put("verdict", verdict.sentence());
        row.put("file_lines", Integer.toString(o.fileLines()));
        row.put("repeat", Integer.toString(o.repeat()));
        client.ifPresent(c -> {
            row.put("sent", Long.toString(c.sent()));
            row.put("answered", Long.toString(c.answered()));
            row.put("ok", Long.toString(c.ok()));
            row.put("errors", Long.toString(c.errors()));
            row.put("missing", Long.toString(c.missing()));
            row.put("duplicates", Long.toString(c.duplicates()));
            row.put("response_sum", Long.toString(c.responseSum()));
            row.put("client_end", c.end());
            row.put("makespan_ms", decimal(c.makespanMillis(), 1));
            row.put("tasks_per_s", decimal(c.tasksPerSecond(), 0));
            row.put("e2e_p50_ms", decimal(c.e2eP50Us() / 1e3, 3));
            row.put("e2e_p99_ms", decimal(c.e2eP99Us() / 1e3, 3));
            row.put("e2e_max_ms", decimal(c.e2eMaxUs() / 1e3, 3));
        });
        row.put("client_wall_ms", o.clientWallNanos() == 0 ? "" : decimal(o.clientWallNanos() / 1e6, 0));
        row.put("wall_ms", decimal(o.wallNanos() / 1e6, 0));
        figures(row, "server", o.server());
        figures(row, "client", o.client());
        row.put("server_live_heap_mib", mib(o.server().gc().liveHeapKib()));
        row.put("server_received", o.serverReceived() < 0 ? "" : Long.toString(o.serverReceived()));
        row.put("server_sent", o.serverSent() < 0 ? "" : Long.toString(o.serverSent()));
        row.put("java", System.getProperty("java.runtime.version"));
        row.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        row.put("load_average_start", o.loadAverageStart() < 0 ? "" : decimal(o.loadAverageStart(), 2));
        row.put("load_average_end", o.loadAverageEnd() < 0 ? "" : decimal(o.loadAverageEnd(), 2));
        return row;
    }

    private static void figures(Map<String, String> row, String who, Figures f) {
        row.put(who + "_rss_peak_mib", f.memory().map(m -> mib(m.peakKib())).orElse(""));
        row.put(who + "_rss_end_mib", f.memory().map(m -> mib(m.rssKib())).orElse(""));
        row.put(who + "_rss_samples", Long.toString(f.samples()));
        GcLog gc = f.gc();
        row.put(who + "_gc", gc.collector());
        row.put(who + "_gc_pauses", Long.toString(gc.pauses()));
        row.put(who + "_gc_pause_ms", decimal(gc.pauseMillis(), 1));
        row.put(who + "_heap_after_last_gc_mib", mib(gc.heapAfterLastKib()));
        row.put(who + "_exit", f.exitCode() < 0 ? "" : Integer.toString(f.exitCode()));
        row.put(who + "_jvm_args", String.join(" ", f.jvmOptions()));
    }

    /** The values that do not come from the run: what it was asked to do. */
    private Map<String, String> setup(Map<String, String> row) {
        row.put("tasks", Integer.toString(tasks));
        row.put("batch", Integer.toString(batch));
        row.put("strategy", strategy);
        row.put("workers", Integer.toString(workers));
        row.put("heap", heap);
        row.put("deadline_s", BigDecimal.valueOf(deadline.toMillis(), 3).stripTrailingZeros().toPlainString());
        return row;
    }

    private void write(Path csv, Map<String, String> row) throws IOException {
        setup(row);
        try (CSVPrinter printer = CsvFile.printer(csv)) {
            printer.printRecord(COLUMNS);
            printer.printRecord(COLUMNS.stream().map(column -> row.getOrDefault(column, "")));
        }
    }

    private void printSummary(PrintWriter out, Outcome o, Optional<ClientCsvRow> client) {
        out.printf(Locale.ROOT, "tasks         %d (%d commands x %d), batch %d, server %s x%d noop%n", tasks,
                o.fileLines(), o.repeat(), batch, strategy, workers);
        client.ifPresent(c -> {
            out.printf(Locale.ROOT, "sent          %d%n", c.sent());
            out.printf(Locale.ROOT, "answered      %d (%d ok, %d with an error)%n", c.answered(), c.ok(), c.errors());
            out.printf(Locale.ROOT, "missing       %d%n", c.missing());
            out.printf(Locale.ROOT, "duplicates    %d%n", c.duplicates());
            out.printf(Locale.ROOT, "makespan      %.3f s (first send to last result)%n", c.makespanMillis() / 1e3);
            out.printf(Locale.ROOT, "throughput    %.0f tasks/s%n", c.tasksPerSecond());
            out.printf(Locale.ROOT, "e2e latency   p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", c.e2eP50Us() / 1e3,
                    c.e2eP99Us() / 1e3, c.e2eMaxUs() / 1e3);
        });
        out.printf(Locale.ROOT, "wall time     %.1f s (client JVM %.1f s)%n", o.wallNanos() / 1e9,
                o.clientWallNanos() / 1e9);
        if (o.serverReceived() >= 0) {
            out.printf(Locale.ROOT, "server        received %d tasks, sent %d results%n", o.serverReceived(),
                    o.serverSent());
        }
        out.println(memoryLine("server", o.server(), o.server().gc().liveHeapKib().isPresent()
                ? ", live heap after the run " + mib(o.server().gc().liveHeapKib()) + " MiB" : ""));
        out.println(memoryLine("client", o.client(), ""));
    }

    private static String memoryLine(String who, Figures f, String more) {
        String rss = f.memory().map(m -> "RSS peak " + mib(m.peakKib()) + " MiB, at the last reading "
                + mib(m.rssKib()) + " MiB").orElse("RSS not read (no /proc?)");
        GcLog gc = f.gc();
        return String.format(Locale.ROOT, "%-13s %s; %s, %s, %d GC pauses (%.0f ms), heap after the last %s MiB%s",
                who + " memory", rss, String.join(" ", f.jvmOptions().subList(0, 1)), gc.collector().isEmpty()
                        ? "collector unknown" : gc.collector(), gc.pauses(), gc.pauseMillis(),
                mib(gc.heapAfterLastKib()), more);
    }

    private static String mib(long kib) {
        return decimal(kib / 1024.0, 1);
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? mib(kib.getAsLong()) : "";
    }

    private static String decimal(double value, int scale) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + scale + "f", value);
    }
}
