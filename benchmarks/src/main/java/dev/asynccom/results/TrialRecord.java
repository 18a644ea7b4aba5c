package dev.asynccom.results;

import dev.asynccom.core.client.Latencies;
import dev.asynccom.loop.LoopConfig;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * What one JMH trial of {@link dev.asynccom.bench.FullLoopBenchmark} measured, as it travels from the benchmark's JVM (a JMH
 * fork) to the launcher ({@link dev.asynccom.harness.Harness}): two files per trial in {@code <results>/trials/}.
 * <ul>
 * <li>{@code <slug>.<pid>.properties}: the configuration, the workload's delays, the effective
 *     concurrency, and per measured run its makespan and result counts;</li>
 * <li>{@code <slug>.<pid>.hlog}: an HdrHistogram interval log (HdrHistogram's own format, readable with
 *     its {@code HistogramLogProcessor}), one interval per measured run and latency kind, tagged with
 *     the kind's column prefix ({@code e2e}, {@code uncorrected}, {@code transport}, {@code queue},
 *     {@code service}, {@code overshoot}); values in nanoseconds.</li>
 * </ul>
 * Two forks of the same configuration leave two pairs (the pid tells them apart); the launcher merges them.
 *
 * @param benchmark            the JMH benchmark name
 * @param config               the configuration
 * @param effectiveConcurrency tasks that could run at once: the strategy's limit, at most {@code tasks}
 * @param delayTotalNanos      the sum of the delays of the workload's tasks
 * @param delayMaxNanos        the longest delay of a task
 * @param warmupRuns           runs done in warm-up iterations, not recorded
 * @param runs                 the measured runs, in order
 * @param jvmArgs              the input arguments of the JVM that ran the trial
 */
public record TrialRecord(String benchmark, LoopConfig config, int effectiveConcurrency, long delayTotalNanos,
                          long delayMaxNanos, int warmupRuns, List<Run> runs, String jvmArgs) {
    /** The sub-folder of a results folder that holds trial records. */
    public static final String FOLDER = "trials";
    private static final String PROPERTIES = ".properties";
    private static final String LOG = ".hlog";

    public TrialRecord {
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(config, "config");
        runs = List.copyOf(runs);
    }

    /**
     * One measured run.
     *
     * @param startMillis   wall-clock start, milliseconds since the epoch (a timestamp for the log, not a duration)
     * @param endMillis     wall-clock end, likewise
     * @param makespanNanos first send to last result
     * @param ok            results with status ok; likewise the next four
     * @param latencies     the run's histograms, nanoseconds
     */
    public record Run(long startMillis, long endMillis, long makespanNanos, long ok, long unknownCommand,
                      long failed, long rejected, long missing, long duplicates, Latencies latencies) {
    }

    /** The mean delay of the workload's tasks, nanoseconds. */
    public double delayMeanNanos() {
        return (double) delayTotalNanos / config.tasks();
    }

    /** The histograms of one latency kind, one per run. */
    public static Histogram histogram(Latencies latencies, LatencyCsv.Kind kind) {
        return switch (kind) {
            case E2E -> latencies.endToEnd();
            case UNCORRECTED -> latencies.uncorrected();
            case TRANSPORT -> latencies.transport();
            case QUEUE -> latencies.queueWait();
            case SERVICE -> latencies.service();
            case OVERSHOOT -> latencies.overshoot();
        };
    }

    /**
     * Every measured run of {@code records} (the forks of one configuration) merged: how the launcher builds
     * a configuration's row and its {@code .hgrm} files, and the report its latency charts.
     */
    public static Latencies merged(List<TrialRecord> records) {
        Latencies merged = Latencies.create();
        for (TrialRecord record : records) {
            for (Run run : record.runs()) {
                merged.add(run.latencies());
            }
        }
        return merged;
    }

    /**
     * Writes the record's two files into {@code <resultsDir>/trials/}, creating it.
     *
     * @return the properties file written
     */
    public Path write(Path resultsDir) throws IOException {
        Path dir = Files.createDirectories(resultsDir.resolve(FOLDER));
        String stem = LatencyCsv.slug(config.id()) + "." + ProcessHandle.current().pid();
        for (int n = 2; Files.exists(dir.resolve(stem + PROPERTIES)); n++) {
            stem = LatencyCsv.slug(config.id()) + "." + ProcessHandle.current().pid() + "-" + n;
        }
        Properties p = new Properties();
        p.setProperty("benchmark", benchmark);
        p.setProperty("config", config.id());
        for (String name : LoopConfig.PARAMS) {
            p.setProperty(name, param(name));
        }
        p.setProperty("effective_concurrency", Integer.toString(effectiveConcurrency));
        p.setProperty("delay_total_ns", Long.toString(delayTotalNanos));
        p.setProperty("delay_max_ns", Long.toString(delayMaxNanos));
        p.setProperty("warmup_runs", Integer.toString(warmupRuns));
        p.setProperty("runs", Integer.toString(runs.size()));
        p.setProperty("jvm_args", jvmArgs);
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String prefix = "run." + i + ".";
            p.setProperty(prefix + "start_ms", Long.toString(run.startMillis()));
            p.setProperty(prefix + "end_ms", Long.toString(run.endMillis()));
            p.setProperty(prefix + "makespan_ns", Long.toString(run.makespanNanos()));
            p.setProperty(prefix + "ok", Long.toString(run.ok()));
            p.setProperty(prefix + "unknown", Long.toString(run.unknownCommand()));
            p.setProperty(prefix + "failed", Long.toString(run.failed()));
            p.setProperty(prefix + "rejected", Long.toString(run.rejected()));
            p.setProperty(prefix + "missing", Long.toString(run.missing()));
            p.setProperty(prefix + "duplicates", Long.toString(run.duplicates()));
        }
        // The log first: a properties file without its log would be read as a broken record.
        try (OutputStream out = Files.newOutputStream(dir.resolve(stem + LOG))) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            long base = runs.isEmpty() ? System.currentTimeMillis() : runs.getFirst().startMillis();
            log.outputComment("asynccom trial: " + config.id());
            log.outputComment("one interval per measured run and latency kind (tag); values in nanoseconds");
            log.outputLogFormatVersion();
            log.outputStartTime(base);
            log.setBaseTime(base);
            log.outputLegend();
            for (Run run : runs) {
                for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
                    Histogram h = histogram(run.latencies(), kind).copy();
                    h.setTag(kind.prefix());
                    h.setStartTimeStamp(run.startMillis());
                    h.setEndTimeStamp(run.endMillis());
                    log.outputIntervalHistogram(h);
                }
            }
            log.close();
        }
        Path file = dir.resolve(stem + PROPERTIES);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "asynccom trial record; see TrialRecord and results/README.md");
        }
        return file;
    }

    private String param(String name) {
        return switch (name) {
            case "transport" -> config.transport();
            case "strategy" -> config.strategy();
            case "workers" -> Integer.toString(config.workers());
            case "batch" -> Integer.toString(config.batch());
            case "delay" -> config.delay();
            case "tasks" -> Integer.toString(config.tasks());
            case "load" -> config.load();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Reads every record in {@code <resultsDir>/trials/}, in file-name order; none when the folder is absent.
     *
     * @throws IOException naming the file that cannot be read or does not hold a record
     */
    public static List<TrialRecord> readAll(Path resultsDir) throws IOException {
        Path dir = resultsDir.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(PROPERTIES)).sorted().toList();
        }
        List<TrialRecord> records = new ArrayList<>();
        for (Path file : files) {
            records.add(read(file));
        }
        return records;
    }

    /** Reads one record from its properties file and the log beside it. */
    static TrialRecord read(Path propertiesFile) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new IOException(propertiesFile + " cannot be read: " + BadInputException.reason(e), e);
        }
        try {
            LoopConfig config = LoopConfig.fromParams(p::getProperty);
            int runCount = Integer.parseInt(required(p, "runs"));
            Map<LatencyCsv.Kind, List<Histogram>> logged = readLog(logFile(propertiesFile));
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < runCount; i++) {
                String prefix = "run." + i + ".";
                Histogram[] h = new Histogram[LatencyCsv.Kind.values().length];
                for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
                    List<Histogram> ofKind = logged.get(kind);
                    if (ofKind.size() <= i) {
                        throw new IOException(logFile(propertiesFile) + " holds " + ofKind.size() + " '"
                                + kind.prefix() + "' intervals, but the record names " + runCount + " runs");
                    }
                    h[kind.ordinal()] = ofKind.get(i);
                }
                runs.add(new Run(number(p, prefix + "start_ms"), number(p, prefix + "end_ms"),
                        number(p, prefix + "makespan_ns"), number(p, prefix + "ok"), number(p, prefix + "unknown"),
                        number(p, prefix + "failed"), number(p, prefix + "rejected"), number(p, prefix + "missing"),
                        number(p, prefix + "duplicates"),
                        new Latencies(h[0], h[1], h[2], h[3], h[4], h[5])));
            }
            return new TrialRecord(required(p, "benchmark"), config,
                    Integer.parseInt(required(p, "effective_concurrency")), number(p, "delay_total_ns"),
                    number(p, "delay_max_ns"), Integer.parseInt(required(p, "warmup_runs")), runs,
                    p.getProperty("jvm_args", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException(propertiesFile + " is not a trial record: " + e.getMessage(), e);
        }
    }

    private static Path logFile(Path propertiesFile) {
        String name = propertiesFile.getFileName().toString();
        return propertiesFile.resolveSibling(name.substring(0, name.length() - PROPERTIES.length()) + LOG);
    }

    private static Map<LatencyCsv.Kind, List<Histogram>> readLog(Path file) throws IOException {
        Map<LatencyCsv.Kind, List<Histogram>> byKind = new EnumMap<>(LatencyCsv.Kind.class);
        for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
            byKind.put(kind, new ArrayList<>());
        }
        int read = 0;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram next;
            for (; (next = reader.nextIntervalHistogram()) != null; read++) {
                if (!(next instanceof Histogram histogram)) {
                    throw new IOException(file + " holds a " + next.getClass().getSimpleName()
                            + ", not the integer histograms a trial writes");
                }
                LatencyCsv.Kind kind = kindOf(histogram.getTag());
                if (kind == null) {
                    throw new IOException(file + " holds an interval tagged '" + histogram.getTag()
                            + "', which names no latency kind");
                }
                byKind.get(kind).add(histogram);
            }
        } catch (RuntimeException e) {
            // HdrHistogram's exceptions for a damaged interval seldom have a message worth showing.
            throw new IOException(file + " is not a readable HdrHistogram log: interval " + (read + 1)
                    + " does not decode", e);
        }
        return byKind;
    }

    private static LatencyCsv.Kind kindOf(String tag) {
        for (LatencyCsv.Kind kind : LatencyCsv.Kind.values()) {
            if (kind.prefix().equals(tag)) {
                return kind;
            }
        }
        return null;
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value.strip();
    }

    private static long number(Properties p, String key) {
        String value = required(p, key);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is '" + value + "', not a whole number");
        }
    }
}
