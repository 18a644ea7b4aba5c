package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.harness.RemoteWorkersRun;
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
 * {@code remote-workers}: measures workers on other processes: scale-out over 1, 2, 4 and 8 worker JVMs, the
 * cost of a worker killed mid-run, and the cost of the hop to a worker; writes {@code remote-workers.csv}.
 *
 * <p>Threads: the calling thread runs the measurements; see {@link RemoteWorkersRun}.
 */
@Command(name = "remote-workers", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Measures a server that hands its tasks to worker processes (each a JVM running the worker command, "
                        + "here on this machine, over loopback tcp): scale-out with 1, 2, 4 and 8 workers of "
                        + "--concurrency threads each on sleeping tasks against the ideal (workers x concurrency / "
                        + "delay); a worker killed (kill -9) a third into a run of 2 workers: time to detection (1 s "
                        + "heartbeats x 3), tasks redelivered and makespan added against the same run without the "
                        + "fault; and zero-delay tasks through one remote worker (credit 512) against the same strategy "
                        + "in the server. Each run is preceded by a discarded warm-up of a tenth of its tasks.",
                "Task counts are rounded down to whole repeats of the 256-command list. Writes "
                        + "<out>/remote-workers.csv and prints a line per configuration on stderr; takes about a "
                        + "minute on 2 cores. Stopped with Ctrl-C or SIGTERM, it kills its workers and writes the "
                        + "rows measured so far (exit 1).",
                ""})
public final class RemoteWorkersCommand implements Callable<Integer> {
    static final List<String> COLUMNS = List.of("experiment", "config", "workers", "concurrency", "tasks", "ok",
            "duplicates", "makespan_ms", "tasks_per_s", "ideal_tasks_per_s", "cores_used", "detection_ms", "redelivered",
            "makespan_added_ms");

    @Option(names = "--out", paramLabel = "DIR",
            description = "Results folder (default: results/remote-workers-<timestamp>).")
    Path out;

    @Option(names = "--scale-out", paramLabel = "N,N...", defaultValue = "1,2,4,8", split = ",",
            description = "Worker processes of each scale-out run (default: ${DEFAULT-VALUE}).")
    List<Integer> scaleOut;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Platform threads of each worker (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "5ms", converter = DurationConverter.class,
            description = "Sleep of each task in the scale-out and fault runs (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "20000",
            description = "Tasks of each sleeping run (default: ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--zero-tasks", paramLabel = "N", defaultValue = "100000",
            description = "Tasks of each zero-delay run (default: ${DEFAULT-VALUE}).")
    int zeroTasks;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Measuring log = new Measuring("remote-workers", spec.commandLine().getErr());
        require(concurrency >= 1, "--concurrency must be at least 1, got " + concurrency);
        require(tasks >= 256, "--tasks must be at least 256 (the command list), got " + tasks);
        require(zeroTasks >= 256, "--zero-tasks must be at least 256 (the command list), got " + zeroTasks);
        require(!delay.isZero(), "--delay must be longer than 0, such as 5ms");
        require(scaleOut.stream().allMatch(n -> n >= 1 && n <= 64), "--scale-out takes worker counts from 1 to 64, got "
                + scaleOut);
        Path folder = log.folder(out);
        Path csv = folder.resolve("remote-workers.csv");
        OutputPaths.requireWritableFile(csv, "--out");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UserError("--out " + folder + " cannot be created: " + e.getMessage());
        }
        RemoteWorkersRun.Plan plan = new RemoteWorkersRun.Plan(Main.class.getName(),
                System.getProperty("java.class.path"), scaleOut, concurrency, delay, tasks, zeroTasks, folder);
        RemoteWorkersRun run = new RemoteWorkersRun(plan, log::say);
        List<RemoteWorkersRun.Row> rows = log.stoppable(() -> {
            run.killWorkers();
            List<RemoteWorkersRun.Row> done = run.rowsSoFar();
            try {
                write(csv, done);
                log.say("stopped: " + done.size() + " rows measured written to " + csv + "; the worker processes killed");
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

    private static void write(Path csv, List<RemoteWorkersRun.Row> rows) throws IOException {
        try (CSVPrinter printer = CsvFile.printer(csv)) {
            printer.printRecord(COLUMNS);
            for (RemoteWorkersRun.Row r : rows) {
                printer.printRecord(r.experiment(), r.config(), r.workers(), r.concurrency(), r.tasks(), r.ok(),
                        r.duplicates(), number(r.makespanMillis()), number(r.tasksPerSecond()),
                        number(r.idealPerSecond()), String.format(Locale.ROOT, "%.2f", r.coresUsed()),
                        number(r.detectionMillis()), r.redelivered(), number(r.makespanAddedMillis()));
            }
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
