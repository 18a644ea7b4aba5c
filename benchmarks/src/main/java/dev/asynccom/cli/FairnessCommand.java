package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.harness.FairnessRun;
import dev.asynccom.results.CsvFile;
import dev.asynccom.results.OutputPaths;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static dev.asynccom.cli.Measuring.require;

/**
 * {@code fairness}: how one server shares its workers among clients, with the per-client limit on and off side
 * by side; writes {@code fairness.csv}.
 *
 * <p>Threads: the calling thread runs the measurements; see {@link FairnessRun}.
 */
@Command(name = "fairness", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Measures how one server shares its workers among clients, with the per-client limit "
                        + "(--max-in-flight-per-client of the server command) on and, side by side, off (first come, "
                        + "first served). Two servers in this JVM (one per setting, each a pool of --workers platform "
                        + "threads on sleeping tasks); every client has its own connection over loopback tcp and its "
                        + "own thread.",
                "saturation: 1, 2 and 4 clients each burst --tasks tasks, each starting --stagger after the one "
                        + "before; per client the throughput and share while all are active, Jain's fairness index "
                        + "and p99. late-start: one client bursts --backlog tasks, and once the server holds all of "
                        + "them a second bursts --late tasks: its makespan.",
                "Task counts are rounded down to whole repeats of the 256-command list. Writes "
                        + "<out>/fairness.csv and prints a line per run on stderr; takes about half a minute on 2 "
                        + "cores with the defaults. Stopped with Ctrl-C or SIGTERM, it writes the rows measured so "
                        + "far (exit 1).",
                "",
                "Example (after java -jar benchmarks.jar):",
                "  fairness --clients 1,2,4 --workers 8 --delay 1ms",
                ""})
public final class FairnessCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("experiment", "limit", "clients", "client", "start_ms", "tasks", "ok",
            "duplicates", "makespan_ms", "window_ms", "window_tasks", "tasks_per_s", "share", "fair_share", "jain",
            "p99_ms");

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/fairness-<timestamp>).")
    Path out;

    @Option(names = "--clients", paramLabel = "N,N...", defaultValue = "1,2,4", split = ",",
            description = "Clients of each saturation run (default: ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "8",
            description = "Platform threads of each server (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "1ms", converter = DurationConverter.class,
            description = "Sleep of each task (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "4096",
            description = "Tasks of each client in a saturation run (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--stagger", paramLabel = "DURATION", defaultValue = "50ms", converter = DurationConverter.class,
            description = "In a saturation run, how long after one client the next starts (default: "
                    + "${DEFAULT-VALUE}; 0s starts them together).")
    Duration stagger;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "8192",
            description = "Tasks of the first client in the late-start run (default: ${DEFAULT-VALUE}).")
    int backlog;

    @Option(names = "--late", paramLabel = "N", defaultValue = "512",
            description = "Tasks of the client that starts late (default: ${DEFAULT-VALUE}).")
    int late;

    @Option(names = "--max-in-flight-per-client", paramLabel = "N|fair", defaultValue = "fair",
            converter = ServerCommand.PerClientLimit.class,
            description = "The limit measured against off: fair, or a number of tasks per client (default: "
                    + "${DEFAULT-VALUE}).")
    int perClientLimit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Measuring log = new Measuring("fairness", spec.commandLine().getErr());
        require(workers >= 1 && workers <= 1024, "--workers takes 1 to 1024 threads, got " + workers);
        require(clients.stream().allMatch(n -> n >= 1 && n <= 64), "--clients takes client counts from 1 to 64, got "
                + clients);
        require(tasks >= FairnessRun.COMMANDS && backlog >= FairnessRun.COMMANDS && late >= FairnessRun.COMMANDS,
                "--tasks, --backlog and --late must each be at least " + FairnessRun.COMMANDS + " (the command list), got "
                        + tasks + ", " + backlog + " and " + late);
        require(!delay.isZero(), "--delay must be longer than 0, such as 1ms: with zero-delay tasks nothing queues");
        require(perClientLimit != 0, "--max-in-flight-per-client 0 is the off it is measured against: give fair or a "
                + "number of tasks");
        Path folder = log.folder(out);
        Path csv = folder.resolve("fairness.csv");
        OutputPaths.requireWritableFile(csv, "--out");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserError("--out " + folder + " cannot be created: " + e.getMessage());
        }
        FairnessRun run = new FairnessRun(new FairnessRun.Plan(clients, workers, delay, tasks, stagger, backlog, late,
                perClientLimit), log::say);
        List<FairnessRun.Row> rows = log.stoppable(() -> {
            List<FairnessRun.Row> done = run.rowsSoFar();
            try {
                write(csv, done);
                log.say("stopped: " + done.size() + " rows measured written to " + csv);
            } catch (IOException e) {
                log.say("stopped, and " + csv + " could not be written: " + e.getMessage());
            }
            return ExitCodes.MISSING;
        }, Measuring.STOP_WAIT, run::runAll);
        try {
            write(csv, rows);
        } catch (IOException e) {
            throw OutputPaths.failed(csv, e);
        }
        log.say("wrote " + csv);
        boolean allOk = rows.stream().allMatch(r -> r.ok() == r.tasks() && r.duplicates() == 0);
        return allOk ? ExitCodes.OK : ExitCodes.NOT_ALL_OK;
    }

    private static void write(Path csv, List<FairnessRun.Row> rows) throws IOException {
        try (CSVPrinter printer = CsvFile.printer(csv)) {
            printer.printRecord(COLUMNS);
            for (FairnessRun.Row r : rows) {
                printer.printRecord(r.experiment(), r.limit(), r.clients(), r.client(), number(r.startMillis(), 1),
                        r.tasks(), r.ok(), r.duplicates(), number(r.makespanMillis(), 1), number(r.windowMillis(), 1),
                        r.windowTasks(), number(r.tasksPerSecond(), 1), number(r.share(), 3), number(r.fairShare(), 3),
                        number(r.jain(), 3), number(r.p99Millis(), 1));
            }
        }
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
