package dev.asynccom.harness;

import dev.asynccom.bench.FullLoopBenchmark;
import dev.asynccom.core.UserError;
import dev.asynccom.core.workload.Durations;
import dev.asynccom.loop.LoopConfig;
import dev.asynccom.results.OutputPaths;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The harness's command line, read before anything runs: {@code --out DIR} (or {@code --out=DIR}) anywhere,
 * everything else JMH's own options and benchmark regexes, with each {@code -p} value of a loop parameter
 * checked.
 *
 * @param jmhArgs the arguments for JMH, in order
 * @param out     the results folder asked for, or null for the default
 * @param jmh     JMH's reading of {@code jmhArgs}, or null when there are none (the default suite)
 */
record HarnessCommandLine(List<String> jmhArgs, Path out, CommandLineOptions jmh, String slo, boolean full,
                          String capacityStep) {
    /** The option naming the results folder; the rest of the command line goes to JMH. */
    static final String OUT_OPTION = "--out";
    /** The SLO of the suite's capacity searches. */
    static final String SLO_OPTION = "--slo";
    /** The whole matrix instead of the default suite's choice. */
    static final String FULL_OPTION = "--full";
    /** Shorter capacity steps, for quick checks (the capacity command's {@code --step}). */
    static final String STEP_OPTION = "--capacity-step";
    private static final DateTimeFormatter FOLDER_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    HarnessCommandLine {
        jmhArgs = List.copyOf(jmhArgs);
    }

    /** @throws UserError for an {@code --out} without a folder or arguments JMH does not take */
    static HarnessCommandLine parse(String[] args) {
        List<String> jmhArgs = new ArrayList<>();
        Path out = null;
        String slo = DefaultSuite.DEFAULT_SLO;
        String step = null;
        boolean full = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(FULL_OPTION)) {
                full = true;
                continue;
            }
            String option = null;
            for (String name : List.of(OUT_OPTION, SLO_OPTION, STEP_OPTION)) {
                if (args[i].equals(name) || args[i].startsWith(name + "=")) {
                    option = name;
                }
            }
            if (option == null) {
                jmhArgs.add(args[i]);
                continue;
            }
            String value = args[i].equals(option) ? (i + 1 < args.length ? args[++i] : "")
                    : args[i].substring(option.length() + 1);
            switch (option) {
                case OUT_OPTION -> {
                    if (value.isBlank()) {
                        throw new UserError(OUT_OPTION + " needs a folder: " + OUT_OPTION + " results/mine");
                    }
                    out = Path.of(value);
                }
                case SLO_OPTION -> {
                    try {
                        slo = Slo.parse(value).toOption();
                    } catch (IllegalArgumentException e) {
                        throw new UserError(SLO_OPTION + ": " + e.getMessage());
                    }
                }
                default -> {
                    long nanos;
                    try {
                        nanos = Durations.parse(value, STEP_OPTION);
                    } catch (IllegalArgumentException e) {
                        throw new UserError(e.getMessage());
                    }
                    if (nanos <= 0) {
                        throw new UserError(STEP_OPTION + " must be longer than 0, got " + UserError.quote(value));
                    }
                    step = value;
                }
            }
        }
        if (jmhArgs.isEmpty()) {
            return new HarnessCommandLine(jmhArgs, out, null, slo, full, step);
        }
        CommandLineOptions jmh;
        try {
            jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UserError("cannot read the JMH options: " + e.getMessage() + "; -h lists them");
        }
        requireLoopParams(jmh);
        return new HarnessCommandLine(jmhArgs, out, jmh, slo, full, step);
    }

    /**
     * The results folder, created new or found empty, and every other file JMH's options name for output
     * checked, all before anything runs.
     */
    Path resultsFolder() {
        if (jmh != null && jmh.getResult().hasValue()) {
            OutputPaths.requireWritableFile(Path.of(jmh.getResult().get()), "-rff");
        }
        if (jmh != null && jmh.getOutput().hasValue()) {
            OutputPaths.requireWritableFile(Path.of(jmh.getOutput().get()), "-o");
        }
        Path dir = out;
        if (dir == null) {
            String property = System.getProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY);
            dir = property != null ? Path.of(property)
                    : Path.of("results", LocalDateTime.now().format(FOLDER_NAME));
        }
        dir = dir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(dir + " is a file, not a folder: choose a results folder with " + OUT_OPTION + " DIR");
        }
        if (Files.exists(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError(dir + " already holds files, and results of two runs must not mix: choose a "
                            + "new or empty folder with " + OUT_OPTION + " DIR");
                }
            } catch (IOException e) {
                throw new UserError(OUT_OPTION + " " + dir + " cannot be read: " + UserError.reason(e), e);
            }
        }
        return OutputPaths.createFolder(dir, OUT_OPTION);
    }

    /** A {@code -p} value no loop benchmark can take fails now, not in every fork after the others ran. */
    private static void requireLoopParams(CommandLineOptions jmh) {
        for (String name : LoopConfig.PARAMS) {
            for (String value : jmh.getParameter(name).orElse(List.of())) {
                String problem = LoopConfig.problemWith(name, value);
                if (problem != null) {
                    throw new UserError("-p " + name + "=" + value + ": " + problem);
                }
            }
        }
    }
}
