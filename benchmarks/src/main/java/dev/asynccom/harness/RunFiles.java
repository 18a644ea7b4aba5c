package dev.asynccom.harness;

import dev.asynccom.loop.LoopConfig;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.ResultRows;
import dev.asynccom.results.ResultsFolder;
import dev.asynccom.results.TrialRecord;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@link Harness} makes of a finished JMH run in its results folder: JMH's own result files, and
 * latency.csv's rows from JMH's results and the forks' trial records, with the {@code .hgrm} files beside
 * them. Used by the harness's thread only, once per run.
 */
final class RunFiles {
    private final Path dir;
    private final PrintStream out;
    private final PrintStream err;

    RunFiles(Path dir, PrintStream out, PrintStream err) {
        this.dir = dir;
        this.out = out;
        this.err = err;
    }

    /** JMH's own result files: {@code jmh.csv} always; the format of {@code -rf} as {@code jmh.<format>}, or at {@code -rff}. */
    List<Path> writeJmhResults(List<RunResult> results, CommandLineOptions user) throws IOException {
        List<Path> files = new ArrayList<>();
        Map<Path, ResultFormatType> targets = new LinkedHashMap<>();
        targets.put(dir.resolve(ResultsFolder.JMH_FILE), ResultFormatType.CSV);
        if (user != null && (user.getResultFormat().hasValue() || user.getResult().hasValue())) {
            ResultFormatType format = user.getResultFormat().orElse(ResultFormatType.CSV);
            String extension = format == ResultFormatType.TEXT ? "txt" : format.name().toLowerCase(Locale.ROOT);
            Path target = user.getResult().hasValue() ? Path.of(user.getResult().get()).toAbsolutePath()
                    : dir.resolve("jmh." + extension);
            targets.put(target, format);
        }
        for (Map.Entry<Path, ResultFormatType> target : targets.entrySet()) {
            try (OutputStream file = Files.newOutputStream(target.getKey());
                 PrintStream print = new PrintStream(file, false, StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(target.getValue(), print).writeOut(results);
            }
            files.add(target.getKey());
        }
        return files;
    }

    /**
     * latency.csv's rows in JMH's order: a loop configuration from its trial records (forks merged), writing
     * its {@code .hgrm} files; a baseline from JMH's score. Records no JMH result names come last.
     */
    List<LatencyRow> latencyRows(List<RunResult> results, List<String> written) throws IOException {
        Map<String, List<TrialRecord>> records = new LinkedHashMap<>();
        for (TrialRecord record : TrialRecord.readAll(dir)) {
            records.computeIfAbsent(record.config().id(), k -> new ArrayList<>()).add(record);
        }
        Map<String, LatencyRow> rows = new LinkedHashMap<>();
        int hgrms = 0;
        for (RunResult result : results) {
            BenchmarkParams params = result.getParams();
            if (ResultRows.isLoop(result)) {
                String config = LoopConfig.fromParams(params::getParam).id();
                List<TrialRecord> ofConfig = records.remove(config);
                if (ofConfig == null) {
                    if (!rows.containsKey(config)) {
                        err.println(Harness.PREFIX + "no trial record for " + config + ": its forks wrote none (see "
                                + Harness.JMH_LOG + ").");
                    }
                    continue;
                }
                hgrms += addLoop(ofConfig, rows);
            } else {
                LatencyRow row = ResultRows.baseline(result);
                if (row != null) {
                    rows.putIfAbsent(row.config(), row);
                } else {
                    out.println("Left out of latency.csv (not a throughput): " + params.getBenchmark()
                            + "; it is in jmh.csv.");
                }
            }
        }
        for (List<TrialRecord> orphan : records.values()) {
            hgrms += addLoop(orphan, rows);
        }
        if (hgrms > 0) {
            written.add(dir.resolve("*.hgrm") + " (" + hgrms + " percentile files)");
            written.add(dir.resolve(TrialRecord.FOLDER) + "/ (trial records: *.properties, *.hlog)");
        }
        return new ArrayList<>(rows.values());
    }

    private int addLoop(List<TrialRecord> records, Map<String, LatencyRow> rows) throws IOException {
        ResultRows.Loop loop = ResultRows.loop(records);
        String config = loop.row().config();
        rows.put(config, loop.row());
        ResultsFolder.writeHgrm(ResultsFolder.hgrmFile(dir, config), loop.corrected());
        ResultsFolder.writeHgrm(ResultsFolder.uncorrectedHgrmFile(dir, config), loop.uncorrected());
        return 2;
    }

    /** The forks' JVM arguments, each distinct set once, for environment.properties. */
    static String forkJvmArgs(List<RunResult> results) {
        return results.stream().map(r -> String.join(" ", r.getParams().getJvmArgs())).distinct()
                .reduce((a, b) -> a + " | " + b).orElse("");
    }
}
