package dev.asynccom.results;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.asynccom.core.client.Latencies;
import org.HdrHistogram.AbstractHistogram;

/**
 * A {@code results/<timestamp>/} folder as the report reads it:
 * <ul>
 * <li>{@code latency.csv} (required), see {@link LatencyCsv};
 * <li>{@code trials/} (optional): the HdrHistogram logs of every trial, see {@link TrialRecord}, from which
 * the corrected and uncorrected end-to-end distributions of each configuration are read, its trials merged;
 * <li>{@code environment.properties} and {@code jmh.csv} (optional, shown when present).
 * </ul>
 * The {@code <slug>.hgrm} and {@code <slug>.uncorrected.hgrm} beside them (see {@link #hgrmFile(Path, String)})
 * are written for people and HdrHistogram's plotter; nothing reads them back.
 *
 * @param dir          the folder
 * @param rows         the rows of latency.csv, in file order
 * @param corrected    config to its corrected end-to-end distribution, for the configs that have trials
 * @param uncorrected  config to its uncorrected distribution, likewise
 * @param environment  environment.properties sorted by key; empty when absent or unreadable
 * @param environmentNote why environment.properties is not shown, or "" when it is (or is absent)
 * @param capacities   the capacity records in {@code capacity/}, in file-name order; none when absent
 */
public record ResultsFolder(Path dir, List<LatencyRow> rows,
                            Map<String, PercentileDistribution> corrected,
                            Map<String, PercentileDistribution> uncorrected,
                            Map<String, String> environment, String environmentNote,
                            List<CapacityRecord> capacities) {

    public static final String ENVIRONMENT_FILE = "environment.properties";
    public static final String JMH_FILE = "jmh.csv";
    /** The histograms' unit scaling: they record nanoseconds and print microseconds. */
    public static final double NANOS_PER_MICRO = 1000.0;

    public ResultsFolder {
        rows = List.copyOf(rows);
        capacities = List.copyOf(capacities);
        corrected = Map.copyOf(corrected);
        uncorrected = Map.copyOf(uncorrected);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** {@code <dir>/<slug>.hgrm}: the corrected end-to-end distribution of a configuration. */
    public static Path hgrmFile(Path dir, String config) {
        return dir.resolve(LatencyCsv.slug(config) + ".hgrm");
    }

    /** {@code <dir>/<slug>.uncorrected.hgrm}: the uncorrected end-to-end distribution of a configuration. */
    public static Path uncorrectedHgrmFile(Path dir, String config) {
        return dir.resolve(LatencyCsv.slug(config) + ".uncorrected.hgrm");
    }

    /** Writes a histogram recorded in nanoseconds as a {@code .hgrm}: HdrHistogram's percentile output, in microseconds. */
    public static void writeHgrm(Path file, AbstractHistogram nanos) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
            nanos.outputPercentileDistribution(out, NANOS_PER_MICRO);
        }
    }

    /**
     * The folder's path from the folder of {@code page}, with {@code /} between names: "" when the page lies
     * in it, the absolute path when no relative path leads there (another drive).
     */
    public String pathFrom(Path page) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            return page.toAbsolutePath().normalize().getParent().relativize(target).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return target.toString();
        }
    }

    /** Whether the folder has a {@code trials/} folder: one written before the trial logs has none. */
    public boolean hasTrials() {
        return Files.isDirectory(dir.resolve(TrialRecord.FOLDER));
    }

    /** Whether the folder holds JMH's own CSV beside ours. */
    public boolean hasJmhCsv() {
        return Files.isRegularFile(dir.resolve(JMH_FILE));
    }

    /**
     * Reads a results folder.
     *
     * @throws BadInputException when it is not a folder, holds no readable latency.csv, or a trial
     *                           record in it cannot be read
     */
    public static ResultsFolder load(Path dir) throws BadInputException {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + " is not a folder, so it cannot be a results folder.");
        }
        Path csv = dir.resolve(LatencyCsv.FILE_NAME);
        if (!Files.isRegularFile(csv)) {
            throw new BadInputException(dir + " holds no " + LatencyCsv.FILE_NAME + ", so it is not a results folder.");
        }
        List<LatencyRow> rows = LatencyCsv.read(csv);
        List<CapacityRecord> capacities;
        try {
            capacities = CapacityRecord.readAll(dir);
        } catch (BadInputException e) {
            throw e;
        } catch (IOException e) {
            throw BadInputException.unreadable(dir.resolve(CapacityRecord.FOLDER), e);
        }
        if (rows.isEmpty() && capacities.isEmpty()) {
            throw new BadInputException(csv + " has a header but no configurations, so there is nothing to report.");
        }
        Map<String, List<TrialRecord>> trials = new HashMap<>();
        try {
            for (TrialRecord trial : TrialRecord.readAll(dir)) {
                trials.computeIfAbsent(trial.config().id(), k -> new ArrayList<>()).add(trial);
            }
        } catch (IOException e) {
            throw new BadInputException(e.getMessage().replaceFirst("\\.?$", "."));
        }
        Map<String, PercentileDistribution> corrected = new LinkedHashMap<>();
        Map<String, PercentileDistribution> uncorrected = new LinkedHashMap<>();
        for (LatencyRow row : rows) {
            List<TrialRecord> ofConfig = trials.get(row.config());
            if (ofConfig != null) {
                Latencies merged = TrialRecord.merged(ofConfig);
                corrected.put(row.config(), PercentileDistribution.of(merged.endToEnd()));
                uncorrected.put(row.config(), PercentileDistribution.of(merged.uncorrected()));
            }
        }
        Map<String, String> environment = new TreeMap<>();
        String note = "";
        // The environment is decoration: a broken file is mentioned, never fatal.
        try {
            environment.putAll(EnvironmentFile.read(dir));
        } catch (IOException | IllegalArgumentException e) {
            note = ENVIRONMENT_FILE + " could not be read (" + e.getMessage() + ")";
        }
        return new ResultsFolder(dir, rows, corrected, uncorrected, environment, note, capacities);
    }
}
