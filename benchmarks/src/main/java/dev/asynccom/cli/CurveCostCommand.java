package dev.asynccom.cli;

import dev.asynccom.harness.CurveCostRun;
import dev.asynccom.results.CsvFile;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.results.Spread;
import dev.asynccom.results.TextTable;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static dev.asynccom.cli.Measuring.require;

/**
 * {@code curve-cost}: measures what CURVE costs, the same server and client over loopback tcp with and without
 * it, in alternating rounds; writes {@code curve-cost.csv} and prints a table of the medians.
 *
 * <p>Threads: the calling thread runs the measurements (see {@link CurveCostRun}); on SIGINT or SIGTERM the
 * JVM's shutdown hook thread writes the rounds measured so far and halts.
 */
@Command(name = "curve-cost", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Measures what CURVE costs: a server (platform threads) and a client in this JVM over loopback tcp, "
                        + "once plain and once with CURVE (a key pair for each side, written to a temporary folder "
                        + "as keygen writes them and deleted at the end), in rounds that alternate plain and CURVE, "
                        + "each a fresh server and client after an unmeasured warm-up round of each mode.",
                "Two workloads, batch 16: throughput, --tasks zero-delay tasks sent at once to platform 2 with the "
                        + "noop handler (tasks/s); latency, 1 ms sleeps on platform 8 offered at --rate for "
                        + "--duration, open loop (p50 and p99 end to end from each task's intended send time, and "
                        + "the cores busy). Task counts are rounded down to whole repeats of the 200-command list.",
                "Writes <out>/curve-cost.csv (a row per round and mode, then the medians and the ratio CURVE / "
                        + "plain with its spread: tied when the two modes' ranges overlap), a line per round on "
                        + "stderr and the table on stdout; about a minute on 2 cores with the defaults. A round that "
                        + "loses or doubles a task is told and left out of the medians (exit 3). Stopped with Ctrl-C "
                        + "or SIGTERM, it writes the rounds measured so far (exit 1).",
                ""})
public final class CurveCostCommand implements Callable<Integer> {
    static final String CSV = "curve-cost.csv";
    static final List<String> COLUMNS = List.of("row", "workload", "mode", "round", "tasks", "ok", "missing",
            "duplicates", "status", "makespan_ms", "offered_per_s", "tasks_per_s", "p50_ms", "p99_ms", "cores_used",
            "metric", "median", "min", "max", "verdict");
    static final int MAX_ROUNDS = 50;
    static final int MAX_TASKS = 50_000_000;
    static final double MAX_RATE = 1_000_000;
    static final Duration MAX_DURATION = Duration.ofMinutes(10);

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder, new or empty (default: results/curve-cost-<timestamp>).")
    Path out;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Measured rounds of each mode and workload, after one warm-up round of each (default: "
                    + "${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "200000",
            description = "Tasks of each throughput round (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--rate", paramLabel = "TASKS_PER_S", defaultValue = "2000",
            description = "Rate the latency rounds offer, below capacity (default: ${DEFAULT-VALUE}; 8 threads of 1 ms "
                    + "sleeps can do 8,000).")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "How long each latency round offers the rate (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Measuring log = new Measuring("curve-cost", spec.commandLine().getErr());
        require(rounds >= 1 && rounds <= MAX_ROUNDS, "--rounds must be from 1 to " + MAX_ROUNDS + ", got " + rounds);
        require(tasks >= CurveCostRun.LIST_SIZE && tasks <= MAX_TASKS, "--tasks must be from "
                + CurveCostRun.LIST_SIZE + " (the command list) to " + MAX_TASKS + ", got " + tasks);
        require(rate > 0 && rate <= MAX_RATE, "--rate must be more than 0 and at most " + (long) MAX_RATE
                + " tasks/s, got " + number(rate, "%s"));
        require(!duration.isZero() && duration.compareTo(MAX_DURATION) <= 0, "--duration must be longer than 0 and at "
                + "most 10m, got " + DurationConverter.format(duration));
        CurveCostRun.Plan plan = new CurveCostRun.Plan(rounds, tasks, rate, duration);
        require(plan.latencyTasksWanted() >= CurveCostRun.LIST_SIZE, "--rate " + number(rate, "%s") + " for --duration "
                + DurationConverter.format(duration) + " offers " + plan.latencyTasksWanted() + " tasks, fewer than the "
                + CurveCostRun.LIST_SIZE + " of the command list: raise either");
        Path folder = log.folder(out);
        Measuring.requireNewOrEmpty(folder);
        OutputPaths.createFolder(folder, "--out");
        Path csv = folder.resolve(CSV);

        log.say(String.format(Locale.ROOT, "%d rounds of each mode after a warm-up; throughput %d tasks, latency %d "
                        + "tasks at %s tasks/s", rounds, plan.throughputTasks(), plan.latencyTasks(),
                number(rate, "%s")));
        CurveCostRun run = new CurveCostRun(plan, log::say);
        List<CurveCostRun.Round> measured = log.stoppable(() -> {
            List<CurveCostRun.Round> done = run.roundsSoFar();
            try {
                write(csv, done);
                log.say("stopped: " + done.size() + " rounds measured written to " + csv);
            } catch (IOException e) {
                log.say("stopped, and " + csv + " could not be written: " + e.getMessage());
            }
            // Last: the round under way still reads the allow-list folder at its handshakes.
            run.deleteKeys();
            return ExitCodes.MISSING;
        }, Measuring.STOP_WAIT, run::runAll);
        try {
            write(csv, measured);
        } catch (IOException e) {
            throw OutputPaths.failed(csv, e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        table(CurveCostRun.summarize(measured)).print(stdout);
        stdout.flush();
        log.say("wrote " + csv);
        if (run.failedRuns() > 0) {
            log.say(run.failedRuns() + " runs did not answer every task once (FAILED lines above); their rounds are "
                    + "left out of the medians");
            return ExitCodes.NOT_ALL_OK;
        }
        return ExitCodes.OK;
    }

    /** The rounds, then the summaries made from them. */
    static void write(Path csv, List<CurveCostRun.Round> rounds) throws IOException {
        try (CSVPrinter printer = CsvFile.printer(csv)) {
            printer.printRecord(COLUMNS);
            for (CurveCostRun.Round r : rounds) {
                printer.printRecord("round", r.workload().label(), r.mode().label(), r.round(), r.tasks(), r.ok(),
                        r.missing(), r.duplicates(), r.accounted() ? "ok" : "failed", number(r.makespanMillis(), "%.1f"),
                        number(r.offeredPerSecond(), "%.1f"), number(r.tasksPerSecond(), "%.1f"),
                        number(r.p50Millis(), "%.3f"), number(r.p99Millis(), "%.3f"), number(r.coresUsed(), "%.3f"),
                        "", "", "", "", "");
            }
            for (CurveCostRun.Summary s : CurveCostRun.summarize(rounds)) {
                String format = s.metric().equals("tasks_per_s") ? "%.1f" : "%.3f";
                summaryRow(printer, "median", s, CurveCostRun.Mode.PLAIN.label(), s.plain(), format, "");
                summaryRow(printer, "median", s, CurveCostRun.Mode.CURVE.label(), s.curve(), format, "");
                summaryRow(printer, "ratio", s, "curve/plain", s.ratio(), "%.3f", s.verdict());
            }
        }
    }

    private static void summaryRow(CSVPrinter printer, String row, CurveCostRun.Summary s, String mode, Spread spread,
                                   String format, String verdict) throws IOException {
        List<Object> cells = new ArrayList<>(List.of(row, s.workload().label(), mode));
        while (cells.size() < COLUMNS.indexOf("metric")) {
            cells.add("");
        }
        cells.addAll(List.of(s.metric(), number(spread.median(), format), number(spread.min(), format),
                number(spread.max(), format), verdict));
        printer.printRecord(cells);
    }

    /** The console's table: a line per figure, plain and CURVE medians with their ranges, the ratio, the verdict. */
    static TextTable table(List<CurveCostRun.Summary> summaries) {
        TextTable table = new TextTable(List.of("workload", "figure", "plain (min-max)", "curve (min-max)",
                "curve/plain (min-max)", "verdict"), false, false, true, true, true, false);
        for (CurveCostRun.Summary s : summaries) {
            String format = s.metric().equals("tasks_per_s") ? "%,.0f" : s.metric().equals("cores_used") ? "%.2f"
                    : "%.3f";
            table.add(s.workload().label(), s.metric(), spread(s.plain(), format), spread(s.curve(), format),
                    spread(s.ratio(), "%.2f"), s.verdict());
        }
        return table;
    }

    private static String spread(Spread s, String format) {
        return number(s.median(), format) + " (" + number(s.min(), format) + "-" + number(s.max(), format) + ")";
    }

    private static String number(double value, String format) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (format.equals("%s")) {
            return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
        }
        return String.format(Locale.ROOT, format, value);
    }
}
