package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.results.BadInputException;
import dev.asynccom.results.CapacityComparison;
import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.ComparedMetric;
import dev.asynccom.results.EnvironmentFile;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.MetricComparison;
import dev.asynccom.results.Numbers;
import dev.asynccom.results.TextTable;
import dev.asynccom.results.Verdict;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code compare <baseline> <candidate>}: which configurations got better or worse between two
 * runs, counting only changes beyond the measurement error. Exits {@link ExitCodes#OK} when nothing
 * regressed, {@link ExitCodes#NOT_ALL_OK} when some metric is significantly worse by more than
 * {@code --threshold} percent, {@link ExitCodes#BAD_INPUT} for unusable input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Compares two runs configuration by configuration: throughput, makespan and end-to-end latency, "
                        + "and, for results folders, each strategy's capacity at the SLO.",
                "A change counts when the intervals value ± error do not overlap (or, for metrics without "
                        + "an error column, it exceeds the noise band) and it exceeds --threshold. A burst's "
                        + "latency percentiles are shown, not judged (see the README)."})
public final class CompareCommand implements Callable<Integer> {
    /** Runs recorded closer than this are taken as one after the other, on the same machine state. */
    static final Duration SIDE_BY_SIDE = Duration.ofHours(3);

    /** The metric column of a capacity comparison. */
    static final String CAPACITY_METRIC = "capacity at the SLO (tasks/s)";

    @Parameters(index = "0", paramLabel = "<baseline>",
            description = "The reference run: a results folder or its latency.csv (a folder's capacity searches are compared too).")
    private Path baseline;

    @Parameters(index = "1", paramLabel = "<candidate>",
            description = "The run to judge: a results folder or its latency.csv.")
    private Path candidate;

    @Option(names = "--threshold", paramLabel = "P", defaultValue = "0",
            description = "Count a significant change only when it exceeds P percent of the baseline; "
                    + "exit " + ExitCodes.NOT_ALL_OK + " when any metric is that much worse (default: ${DEFAULT-VALUE}, "
                    + "any significant change).")
    private double thresholdPercent;

    @Option(names = "--noise-band", paramLabel = "P", defaultValue = "5",
            description = "For metrics without an error value (a single measured run, or any metric "
                    + "whose error is empty), changes within P percent are noise (default: ${DEFAULT-VALUE}).")
    private double noiseBandPercent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!(thresholdPercent >= 0) || !(noiseBandPercent >= 0) || Double.isInfinite(thresholdPercent)
                || Double.isInfinite(noiseBandPercent)) {
            throw new UserError("--threshold and --noise-band take a percentage of 0 or more");
        }
        Path baseCsv = csvOf(baseline);
        Path candCsv = csvOf(candidate);
        Map<String, LatencyRow> base = byConfig(LatencyCsv.read(baseCsv));
        Map<String, LatencyRow> cand = byConfig(LatencyCsv.read(candCsv));

        Map<String, String> baseEnv = environmentOf(baseCsv);
        Map<String, String> candEnv = environmentOf(candCsv);
        out.printf("baseline:  %s (%d configurations)%s%n", baseCsv, base.size(), recorded(baseEnv));
        out.printf("candidate: %s (%d configurations)%s%n%n", candCsv, cand.size(), recorded(candEnv));

        List<Verdict> verdicts = new ArrayList<>();
        TextTable table = new TextTable(List.of("config", "metric", "baseline", "candidate", "ratio", "verdict"),
                false, false, true, true, true, false);
        for (LatencyRow b : base.values()) {
            LatencyRow c = cand.get(b.config());
            if (c == null) {
                continue;
            }
            if (!table.isEmpty()) {
                table.gap();
            }
            for (ComparedMetric metric : ComparedMetric.values()) {
                MetricComparison comparison = MetricComparison.of(metric, b, c, thresholdPercent, noiseBandPercent);
                verdicts.add(comparison.verdict());
                table.add(b.config(), metric == ComparedMetric.THROUGHPUT && !b.throughputUnit().equals("tasks/s")
                                ? "throughput (" + b.throughputUnit() + ")" : metric.column(),
                        Numbers.withError(comparison.baseline(), comparison.baselineError()),
                        Numbers.withError(comparison.candidate(), comparison.candidateError()),
                        comparison.ratio().isPresent() ? ratio(comparison.ratio().getAsDouble()) : "-",
                        comparison.verdict().label());
            }
        }
        Map<String, CapacityRecord> baseCapacities = capacitiesOf(baseline);
        Map<String, CapacityRecord> candCapacities = capacitiesOf(candidate);
        boolean firstCapacity = true;
        for (CapacityRecord b : baseCapacities.values()) {
            CapacityRecord c = candCapacities.get(b.id());
            if (c == null) {
                continue;
            }
            if (firstCapacity && !table.isEmpty()) {
                table.gap();
            }
            firstCapacity = false;
            CapacityComparison comparison = CapacityComparison.of(b, c, thresholdPercent);
            verdicts.add(comparison.verdict());
            table.add(comparison.config(), CAPACITY_METRIC, comparison.baselineLabel(), comparison.candidateLabel(),
                    Double.isNaN(comparison.ratio()) ? "-" : ratio(comparison.ratio()), comparison.verdict().label());
        }
        if (table.isEmpty()) {
            out.println("No configuration appears in both runs.");
        } else {
            table.print(out);
        }

        printOnlyIn("baseline", base.keySet(), cand.keySet(), out);
        printOnlyIn("candidate", cand.keySet(), base.keySet(), out);
        printOnlyIn("baseline", baseCapacities.keySet(), candCapacities.keySet(), out);
        printOnlyIn("candidate", candCapacities.keySet(), baseCapacities.keySet(), out);
        if (verdicts.contains(Verdict.NOT_JUDGED)) {
            out.printf("%nNot judged: the latency percentiles of bursts. Every task of a burst is submitted at once and "
                    + "timed from its actual send, so they measure where the backlog waits (in the client's socket or in "
                    + "the server's per-client queue), not how fast tasks are served. A burst is judged by its throughput "
                    + "and makespan; latency is judged by each strategy's capacity at the SLO.%n");
        }

        long worse = count(verdicts, Verdict.WORSE);
        out.printf(Locale.ROOT, "%n%d worse, %d better, %d within noise, %d without data, %d not judged "
                        + "(threshold %s%%, noise band %s%% where a metric has no error bound).%n",
                worse, count(verdicts, Verdict.BETTER), count(verdicts, Verdict.WITHIN_NOISE),
                count(verdicts, Verdict.NO_DATA), count(verdicts, Verdict.NOT_JUDGED),
                Numbers.format(thresholdPercent), Numbers.format(noiseBandPercent));
        if (worse > 0) {
            out.printf("Regression: %d metric%s significantly worse by more than %s%%.%n",
                    worse, worse == 1 ? " is" : "s are", Numbers.format(thresholdPercent));
            String baseRevision = baseEnv.get("git.revision");
            String candRevision = candEnv.get("git.revision");
            if (baseRevision != null && candRevision != null && !baseRevision.equals(candRevision)
                    && apart(baseEnv.get("date"), candEnv.get("date"))) {
                out.printf(Locale.ROOT, "These runs are of two builds recorded more than %d hours apart, so the "
                        + "machine's own drift between them is in every ratio, and an error bound holds only one run's "
                        + "spread: to tell the change from the drift, run both builds' suites one after the other and "
                        + "compare those two runs (README: \"Two builds side by side\").%n", SIDE_BY_SIDE.toHours());
            }
        }
        out.flush();
        return worse > 0 ? ExitCodes.NOT_ALL_OK : ExitCodes.OK;
    }

    /** Whether two runs' dates are more than {@link #SIDE_BY_SIDE} apart; false when either is missing or unreadable. */
    static boolean apart(String baseDate, String candDate) {
        try {
            return baseDate != null && candDate != null && Duration.between(OffsetDateTime.parse(baseDate),
                    OffsetDateTime.parse(candDate)).abs().compareTo(SIDE_BY_SIDE) > 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The environment.properties beside {@code csv}; empty when it is absent or unreadable (it only decorates). */
    private static Map<String, String> environmentOf(Path csv) {
        Path folder = csv.toAbsolutePath().getParent();
        try {
            return folder == null ? Map.of() : EnvironmentFile.read(folder);
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    /** ", recorded <date> at <revision>, load average <start> to <end>", as far as {@code env} says; else "". */
    static String recorded(Map<String, String> env) {
        StringBuilder line = new StringBuilder();
        String date = env.get("date");
        String revision = env.get("git.revision");
        String start = env.get("load.average.start");
        String end = env.get("load.average.end");
        if (date != null) {
            line.append(" ").append(date);
        }
        if (revision != null) {
            line.append(" at ").append(revision);
        }
        if (start != null || end != null) {
            line.append(", load average ").append(start == null ? "?" : start).append(" to ")
                    .append(end == null ? "?" : end);
        }
        return line.isEmpty() ? "" : ", recorded" + line;
    }

    /** The latency.csv an argument names: the file itself, or the one inside a results folder. */
    static Path csvOf(Path argument) {
        if (Files.isDirectory(argument)) {
            Path csv = argument.resolve(LatencyCsv.FILE_NAME);
            if (!Files.isRegularFile(csv)) {
                throw new BadInputException(argument + " holds no " + LatencyCsv.FILE_NAME + ", so it is not a results folder.");
            }
            return csv;
        }
        if (!Files.isRegularFile(argument)) {
            throw new BadInputException(argument + " is neither a results folder nor a " + LatencyCsv.FILE_NAME + " file.");
        }
        return argument;
    }

    private static Map<String, LatencyRow> byConfig(List<LatencyRow> rows) {
        Map<String, LatencyRow> map = new LinkedHashMap<>();
        rows.forEach(row -> map.put(row.config(), row));
        return map;
    }

    /** The capacity searches of a results folder by id; none for a latency.csv named on its own. */
    private static Map<String, CapacityRecord> capacitiesOf(Path argument) {
        Map<String, CapacityRecord> map = new LinkedHashMap<>();
        if (Files.isDirectory(argument)) {
            try {
                CapacityRecord.readAll(argument).forEach(record -> map.put(record.id(), record));
            } catch (IOException e) {
                throw new BadInputException(argument.resolve(CapacityRecord.FOLDER) + " cannot be read: " + e.getMessage() + ".");
            }
        }
        return map;
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.3f", ratio);
    }

    private static void printOnlyIn(String side, Set<String> these, Set<String> others, PrintWriter out) {
        boolean first = true;
        for (String config : these) {
            if (!others.contains(config)) {
                if (first) {
                    out.println();
                    first = false;
                }
                out.printf("only in %s: %s%n", side, config);
            }
        }
    }

    private static long count(List<Verdict> verdicts, Verdict verdict) {
        return verdicts.stream().filter(v -> v == verdict).count();
    }
}
