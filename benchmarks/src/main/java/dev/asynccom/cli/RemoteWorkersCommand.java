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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

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
                "Writes <out>/remote-workers.csv and prints a line per configuration; takes about two minutes.",
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
        PrintWriter err = spec.commandLine().getErr();
        if (concurrency < 1 || tasks < 256 || zeroTasks < 256 || delay.isZero()) {
            throw new UserError("--concurrency must be at least 1, --tasks and --zero-tasks at least 256, --delay "
                    + "longer than 0");
        }
        if (scaleOut.stream().anyMatch(n -> n < 1 || n > 64)) {
            throw new UserError("--scale-out takes worker counts from 1 to 64, got " + scaleOut);
        }
        Path folder = out != null ? out : Path.of("results", "remote-workers-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Path csv = folder.resolve("remote-workers.csv");
        OutputPaths.requireWritableFile(csv, "--out");
        Files.createDirectories(folder);
        RemoteWorkersRun.Plan plan = new RemoteWorkersRun.Plan(Main.class.getName(),
                System.getProperty("java.class.path"), scaleOut, concurrency, delay, tasks, zeroTasks, folder);
        List<RemoteWorkersRun.Row> rows = new RemoteWorkersRun(plan, line -> {
            err.println("asynccom remote-workers: " + line);
            err.flush();
        }).runAll();
        try (CSVPrinter printer = CsvFile.printer(csv)) {
            printer.printRecord(COLUMNS);
            for (RemoteWorkersRun.Row r : rows) {
                printer.printRecord(r.experiment(), r.config(), r.workers(), r.concurrency(), r.tasks(), r.ok(),
                        r.duplicates(), number(r.makespanMillis()), number(r.tasksPerSecond()),
                        number(r.idealPerSecond()), String.format(Locale.ROOT, "%.2f", r.coresUsed()),
                        number(r.detectionMillis()), r.redelivered(),
                        number(r.makespanAddedMillis()));
            }
        } catch (IOException e) {
            throw OutputPaths.failed(csv, e);
        }
        err.println("asynccom remote-workers: wrote " + csv);
        err.flush();
        boolean allOk = rows.stream().allMatch(r -> r.ok() == r.tasks() && r.duplicates() == 0);
        return allOk ? ExitCodes.OK : ExitCodes.NOT_ALL_OK;
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
