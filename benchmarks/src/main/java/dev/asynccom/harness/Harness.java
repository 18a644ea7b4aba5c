package dev.asynccom.harness;

import dev.asynccom.bench.FullLoopBenchmark;
import dev.asynccom.core.UserError;
import dev.asynccom.report.ReportPage;
import dev.asynccom.results.EnvironmentFile;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.ResultsFolder;
import dev.asynccom.results.StrategyRanking;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark run as users start it ({@code java -jar benchmarks.jar [JMH options] [--out DIR]}): runs
 * JMH, then turns what its forks left into a results folder, prints a ranking of the strategies and writes
 * the report. Whole run in one readable method, {@link #run()}: plan, run, collect, write, summarize.
 *
 * <p>What runs: without JMH arguments the {@link DefaultSuite}; with JMH options but no benchmark regex the
 * suite with those options applied ({@code -f}, {@code -wi}, {@code -prof gc} change every leg; {@code -p}
 * selects or replaces values, see {@link DefaultSuite#withParams}); with a regex exactly what JMH would run.
 *
 * <p>Where: {@code --out DIR}, else the system property {@value FullLoopBenchmark#RESULTS_DIR_PROPERTY},
 * else {@code results/<yyyyMMdd-HHmmss>/} under the current folder. The folder must be new or empty. Every
 * fork gets {@code -D}{@value FullLoopBenchmark#RESULTS_DIR_PROPERTY}{@code =<folder>} appended to its JVM
 * arguments, so {@link FullLoopBenchmark} trials write their records there (JMH's {@code -jvmArgsAppend},
 * so a benchmark's own {@code @Fork(jvmArgsAppend)} is replaced, as JMH does with any such option).
 *
 * <p>Files, all explained in results/README.md: {@code jmh.csv} (JMH's CSV; also {@code jmh.<format>} for
 * {@code -rf <format>}), {@code latency.csv}, {@code <slug>.hgrm} and {@code <slug>.uncorrected.hgrm} per
 * loop configuration, {@code trials/}, {@code environment.properties}, {@code summary.txt}, {@code report.html}.
 *
 * <p>Threads: everything on the calling thread; JMH forks the benchmark JVMs.
 */
public final class Harness {
    /** What the launcher's and the harness's sentences start with. */
    public static final String PREFIX = "asynccom: ";
    /** JMH's own output of a run, in the results folder; the console shows the plan, progress and answer. */
    public static final String JMH_LOG = "jmh.log";

    /** How a run ended; the launcher turns it into an exit code. */
    public enum Outcome {
        /** Every benchmark gave a result (or JMH answered a list or help request). */
        COMPLETE,
        /** Some benchmarks gave no result; JMH's output says why. */
        SOME_MISSING
    }

    /** The option naming the results folder; the rest of the command line goes to JMH. */
    public static final String OUT_OPTION = HarnessCommandLine.OUT_OPTION;
    public static final String SUMMARY_FILE = "summary.txt";

    private final HarnessCommandLine commandLine;
    private final List<String> jmhArgs;
    private final CommandLineOptions user;
    private final PrintStream out;
    private final PrintStream err;

    private Harness(HarnessCommandLine commandLine, PrintStream out, PrintStream err) {
        this.commandLine = commandLine;
        this.jmhArgs = commandLine.jmhArgs();
        this.user = commandLine.jmh();
        this.out = out;
        this.err = err;
    }

    /**
     * Runs one command line: {@code --out DIR} (or {@code --out=DIR}) anywhere, everything else JMH's.
     *
     * @return whether every benchmark gave a result
     * @throws IOException when a result file or the report cannot be written or read back
     * @throws UserError for a command line or results folder that cannot be used, before anything runs
     * @throws IOException when a result file cannot be written or read back
     */
    public static Outcome run(String[] args, PrintStream out, PrintStream err) throws IOException {
        return new Harness(HarnessCommandLine.parse(args), out, err).run();
    }

    /** Whether {@code regex} names at least one benchmark, as JMH would match it. */
    public static boolean selectsABenchmark(String regex) {
        try {
            return SuitePlan.of(regex, new OptionsBuilder().include(regex).build(), 0).configurations() > 0;
        } catch (RuntimeException notARegex) {
            return false;
        }
    }

    /** One JMH run: a leg of the suite, or the user's own selection. */
    private record Step(String title, String commandLine, Options options, SuitePlan plan) {
    }

    private Outcome run() throws IOException {
        // 1. What to run.
        if (user != null && (user.shouldHelp() || user.shouldList() || user.shouldListWithParams()
                || user.shouldListProfilers() || user.shouldListResultFormats())) {
            return listOrHelp(user);
        }
        List<Step> steps = steps(user).stream().filter(s -> s.plan().configurations() > 0).toList();
        if (steps.isEmpty()) {
            throw new UserError(user != null && !user.getIncludes().isEmpty()
                    ? "no benchmark matches " + String.join(", ", user.getIncludes()) + " (after the excludes): "
                    + "-l lists them"
                    : "the options given leave nothing of the default suite to run: name a benchmark "
                    + "(a regex such as FullLoopBenchmark) to run exactly what you ask for");
        }

        // 2. Where to.
        Path dir = commandLine.resultsFolder();

        // 3. Plan, and say it.
        int configurations = steps.stream().mapToInt(s -> s.plan().configurations()).sum();
        double seconds = steps.stream().mapToDouble(s -> s.plan().seconds()).sum();
        out.printf("asynccom benchmarks: %s in %d JMH runs, about %s on a 2-core machine.%n",
                SuitePlan.configurations(configurations), steps.size(), SuitePlan.duration(seconds));
        out.println("Results go to " + dir + "; JMH's own output to " + dir.resolve(JMH_LOG));
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            out.printf("  %2d. %s: %s, about %s%n      %s%n", i + 1, step.title(),
                    SuitePlan.configurations(step.plan().configurations()), SuitePlan.duration(step.plan().seconds()),
                    step.commandLine());
        }
        out.println();
        out.flush();

        // 4. Run: every fork writes its trial records into the results folder.
        EnvironmentFile environment = EnvironmentFile.ofThisMachine()
                .put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("load.average.start", EnvironmentFile.loadAverage())
                .put("results.dir", dir.toString())
                .put("command.line", String.join(" ", jmhArgs))
                .put("suite", user == null ? "default" : user.getIncludes().isEmpty() ? "default, with the options given"
                        : "the benchmarks given");
        for (int i = 0; i < steps.size(); i++) {
            environment.put(String.format(Locale.ROOT, "jmh.run.%02d", i + 1), steps.get(i).commandLine());
        }
        long started = System.nanoTime();
        List<RunResult> results = new ArrayList<>();
        int failedSteps = 0;
        String previous = System.getProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY);
        // For forks 0 (-f 0), which run the benchmarks in this JVM.
        System.setProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY, dir.toString());
        try (PrintStream jmhLog = new PrintStream(Files.newOutputStream(dir.resolve(JMH_LOG)), true,
                StandardCharsets.UTF_8)) {
            OutputFormat jmhOutput = OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL);
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                double left = steps.subList(i, steps.size()).stream().mapToDouble(s -> s.plan().seconds()).sum();
                out.printf("== [%d/%d] %s: %s, about %s (suite: about %s left, %s so far)%n",
                        i + 1, steps.size(), step.title(), SuitePlan.configurations(step.plan().configurations()),
                        SuitePlan.duration(step.plan().seconds()), SuitePlan.duration(left),
                        SuitePlan.duration((System.nanoTime() - started) / 1e9));
                out.flush();
                long stepStarted = System.nanoTime();
                try {
                    jmhLog.printf("%n== [%d/%d] %s%n%s%n", i + 1, steps.size(), step.title(), step.commandLine());
                    Collection<RunResult> stepResults = new Runner(forks(step.options(), dir), jmhOutput).run();
                    results.addAll(stepResults);
                    out.printf("   %d of %d configurations measured in %s%n", stepResults.size(),
                            step.plan().configurations(), SuitePlan.duration((System.nanoTime() - stepStarted) / 1e9));
                    out.flush();
                    if (stepResults.size() < step.plan().configurations()) {
                        failedSteps++;
                        err.printf(PREFIX + "%d of %d configurations of '%s' gave no result: see %s.%n",
                                step.plan().configurations() - stepResults.size(), step.plan().configurations(),
                                step.title(), dir.resolve(JMH_LOG));
                    }
                } catch (RunnerException e) {
                    failedSteps++;
                    err.println(PREFIX + UserError.printable(UserError.sentence("JMH stopped '" + step.title()
                            + "': " + e.getMessage(), ".")));
                }
            }
        } finally {
            if (previous == null) {
                System.clearProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY);
            } else {
                System.setProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY, previous);
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        out.printf("%nJMH finished %s in %s.%n", SuitePlan.configurations(results.size()), SuitePlan.duration(wall.toSeconds()));

        // 5. Collect and write.
        List<String> written = new ArrayList<>(List.of(dir.resolve(JMH_LOG) + " (JMH's own output)"));
        RunFiles files = new RunFiles(dir, out, err);
        files.writeJmhResults(results, user).forEach(f -> written.add(f.toString()));
        List<LatencyRow> rows = files.latencyRows(results, written);
        Path csv = dir.resolve(LatencyCsv.FILE_NAME);
        LatencyCsv.write(csv, rows);
        written.add(csv.toString());
        environment.put("fork.jvm.args", RunFiles.forkJvmArgs(results))
                .put("jmh.version", results.isEmpty() ? "unknown" : results.getFirst().getParams().getJmhVersion())
                .put("load.average.end", EnvironmentFile.loadAverage())
                .put("wall.seconds", Long.toString(wall.toSeconds()));
        written.add(environment.write(dir).toString());

        // 6. Summarize: the ranking on the console and in summary.txt, then the report.
        StringWriter summary = new StringWriter();
        StrategyRanking.print(rows, new PrintWriter(summary));
        Path summaryFile = dir.resolve(SUMMARY_FILE);
        Files.writeString(summaryFile, summary.toString(), StandardCharsets.UTF_8);
        written.add(summaryFile.toString());
        out.println();
        out.print(summary);
        out.println();
        for (String file : written) {
            out.println("Wrote " + file);
        }
        out.flush();
        if (rows.isEmpty()) {
            err.println(PREFIX + "no benchmark gave a result, so there is nothing to report: see "
                    + dir.resolve(JMH_LOG) + ".");
            return Outcome.SOME_MISSING;
        }
        report(dir);
        return failedSteps > 0 ? Outcome.SOME_MISSING : Outcome.COMPLETE;
    }

    /** The JMH runs: the suite's legs (with the user's options over them), or the user's selection alone. */
    private List<Step> steps(CommandLineOptions user) {
        List<Step> steps = new ArrayList<>();
        if (user != null && !user.getIncludes().isEmpty()) {
            steps.add(new Step("your selection", "java -jar benchmarks/target/benchmarks.jar "
                    + quoted(jmhArgs), user, SuitePlan.of("your selection", user, 0)));
            return steps;
        }
        List<DefaultSuite.Leg> legs = user == null ? DefaultSuite.legs() : DefaultSuite.withParams(DefaultSuite.legs(), user);
        for (DefaultSuite.Leg leg : legs) {
            Options options;
            try {
                options = new CommandLineOptions(leg.args().toArray(String[]::new));
            } catch (CommandLineOptionException e) {
                throw new IllegalStateException("the default suite's leg '" + leg.title() + "' is not a JMH command line", e);
            }
            if (user != null) {
                options = new HarnessOptions(user, options, List.of());
            }
            String commandLine = leg.commandLine() + (user == null ? "" : " " + quoted(userOptionsOnly()));
            steps.add(new Step(leg.title(), commandLine.strip(), options,
                    SuitePlan.of(leg.title(), options, leg.secondsPerRun())));
        }
        return steps;
    }

    private static String quoted(List<String> args) {
        return String.join(" ", args.stream().map(DefaultSuite.Leg::quote).toList());
    }

    /** The user's arguments without the {@code -p} ones, which the legs already hold. */
    private List<String> userOptionsOnly() {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < jmhArgs.size(); i++) {
            if (jmhArgs.get(i).equals("-p") && i + 1 < jmhArgs.size()) {
                i++;
            } else {
                rest.add(jmhArgs.get(i));
            }
        }
        return rest;
    }

    /** The options JMH gets: the step's, forks told the results folder, result files left to writeJmhResults. */
    private static Options forks(Options options, Path dir) {
        List<String> forkArgs = new ArrayList<>();
        forkArgs.add("-D" + FullLoopBenchmark.RESULTS_DIR_PROPERTY + "=" + dir);
        if (!options.getJvm().hasValue() && Runtime.version().feature() >= 24) {
            // JMH itself uses sun.misc.Unsafe, which JDK 24+ warns about in every fork (JEP 498).
            forkArgs.add("--sun-misc-unsafe-memory-access=allow");
        }
        return new HarnessOptions(new OptionsBuilder().build(), options, forkArgs);
    }

    private void report(Path dir) throws IOException {
        ResultsFolder folder = ResultsFolder.load(dir);
        Path page = dir.resolve(ReportPage.DEFAULT_FILE_NAME);
        int charts = ReportPage.write(folder, page);
        out.printf("Wrote %s: %d charts for %d configurations.%n", page, charts, folder.rows().size());
        out.flush();
    }

    /** {@code -h}, {@code -l}, {@code -lp}, {@code -lprof}, {@code -lrf}: JMH answers them itself. */
    private Outcome listOrHelp(CommandLineOptions user) throws IOException {
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
        if (user.shouldHelp()) {
            out.println();
            out.println("asynccom adds: " + OUT_OPTION + " DIR  the results folder (default results/<yyyyMMdd-HHmmss>/)."
                    + " Without arguments the default suite runs; see results/README.md.");
        }
        return Outcome.COMPLETE;
    }
}
