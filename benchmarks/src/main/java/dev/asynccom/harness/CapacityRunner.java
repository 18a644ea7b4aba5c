package dev.asynccom.harness;

import dev.asynccom.bench.SeparateJvmLoopBenchmark;
import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.LatencyCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the suite's capacity searches, each in a JVM of its own as JMH runs its forks: the {@code capacity}
 * command of this jar with {@code --curve --out <results>/capacity/<slug>.json}, its output in
 * {@code <slug>.log} beside it. A search that outlives {@link #TIMEOUT_FACTOR} times its estimate plus a
 * minute is stopped and reported, so the suite always ends. {@link #stop} ends the one running (the
 * harness calls it when the suite is stopped).
 *
 * <p>Threads: the harness's thread runs searches; {@link #stop} may come from a shutdown hook.
 */
final class CapacityRunner {
    static final int TIMEOUT_FACTOR = 4;
    /** A rerun's precision: 5%, against the first search's 2%; the spread it measures was 20-120% here. */
    static final int RERUN_PRECISION_PERCENT = 5;
    /** About how long a rerun takes on 2 cores, for the estimate: it starts at the answer and draws no curve. */
    static final double RERUN_SECONDS = 15;
    /**
     * What the JVMs of the searches get, and record: the same heap for every configuration, fixed so the
     * collector does not resize it mid-search. 2 GB: virtual threads without a limit keep 300,000 tasks a
     * second in flight, and with 512 MB the collector capped them at 128,000 tasks/s (334,000 with 2 GB).
     */
    static final List<String> JVM_ARGS = List.of("-Xms2g", "-Xmx2g");

    /** What one search left: the record, or why there is none. */
    record Done(CapacityRecord record, String problem, double seconds) {
    }

    private final Path folder;
    private final String slo;
    private final String step;
    private volatile Process running;

    CapacityRunner(Path dir, String slo, String step) {
        this.folder = dir.resolve(CapacityRecord.FOLDER);
        this.slo = slo;
        this.step = step;
    }

    /** The full command of {@code run}'s JVM. */
    List<String> command(DefaultSuite.CapacityRun run, Path out) {
        return command(run.args(slo), out);
    }

    /**
     * The {@code capacity} command's arguments for a rerun of {@code run}'s search: no curve (the first search
     * drew it), starting at the capacity the first one found, to {@link #RERUN_PRECISION_PERCENT}: it is there
     * for the spread, which is wider than that.
     */
    static List<String> rerunArgs(DefaultSuite.CapacityRun run, String slo, CapacityRecord first) {
        List<String> args = new ArrayList<>(run.args(slo));
        args.remove("--curve");
        args.addAll(List.of("--start", Long.toString(Math.round(first.capacity())), "--precision",
                Integer.toString(RERUN_PRECISION_PERCENT)));
        return args;
    }

    private List<String> command(List<String> args, Path out) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_ARGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SeparateJvmLoopBenchmark.SERVER_MAIN);
        command.addAll(args);
        if (step != null) {
            command.add("--step");
            command.add(step);
        }
        command.add("--out");
        command.add(out.toString());
        return command;
    }

    /** Runs {@code run}'s search; its record is in {@code capacity/<slug>.json}, its output in {@code <slug>.log}. */
    Done run(DefaultSuite.CapacityRun run) throws IOException, InterruptedException {
        Path out = folder.resolve(slug(run) + ".json");
        return run(command(run, out), out, folder.resolve(slug(run) + ".log"), run.seconds());
    }

    /**
     * Searches {@code run}'s configuration again, from {@code first}'s capacity; the record it gives is the
     * rerun's own, in {@code <slug>.rerun} until {@link #merge} adds it to the first's. Its output is in
     * {@code <slug>.rerun.log}.
     */
    Done rerun(DefaultSuite.CapacityRun run, CapacityRecord first) throws IOException, InterruptedException {
        // Not *.json while it is the rerun's own: a run stopped before the merge leaves no second record.
        Path out = folder.resolve(slug(run) + ".rerun");
        return run(command(rerunArgs(run, slo, first), out), out, folder.resolve(slug(run) + ".rerun.log"),
                RERUN_SECONDS);
    }

    /**
     * Adds what a {@link #rerun} found to {@code first}'s record and replaces {@code <slug>.json} with it, in one
     * atomic move (a stop midway leaves the first record whole); removes the rerun's own file.
     *
     * @return the merged record
     */
    CapacityRecord merge(DefaultSuite.CapacityRun run, CapacityRecord first, CapacityRecord rerun) throws IOException {
        CapacityRecord merged = first.withRerun(CapacityRecord.Rerun.of(rerun));
        Path record = folder.resolve(slug(run) + ".json");
        Path next = folder.resolve(slug(run) + ".json.next");
        merged.write(next);
        Files.move(next, record, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(folder.resolve(slug(run) + ".rerun"));
        return merged;
    }

    private static String slug(DefaultSuite.CapacityRun run) {
        return LatencyCsv.slug(run.title().replace(' ', '_'));
    }

    private Done run(List<String> command, Path out, Path log, double estimate)
            throws IOException, InterruptedException {
        Files.createDirectories(folder);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        running = process;
        try {
            long limit = (long) (estimate * TIMEOUT_FACTOR) + 60;
            boolean ended = process.waitFor(limit, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!ended) {
                process.destroyForcibly().waitFor();
                return new Done(null, "stopped after " + limit + " s, " + TIMEOUT_FACTOR
                        + " times its estimate and a minute (see " + log + ")", seconds);
            }
            if (!Files.exists(out)) {
                return new Done(null, "its JVM exited with " + process.exitValue() + " and wrote no result (see "
                        + log + ")", seconds);
            }
            return new Done(CapacityRecord.read(out), null, seconds);
        } finally {
            running = null;
        }
    }

    /** Ends the search running now, if any, and waits for its JVM to go. */
    void stop() throws InterruptedException {
        Process process = running;
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
