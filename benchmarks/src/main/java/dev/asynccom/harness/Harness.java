package dev.asynccom.harness;

import dev.asynccom.bench.FullLoopBenchmark;
import dev.asynccom.core.UserError;
import dev.asynccom.report.ReportPage;
import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.CapacityTable;
import dev.asynccom.results.EnvironmentFile;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.Numbers;
import dev.asynccom.results.ResultsFolder;
import dev.asynccom.results.ResultsJson;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

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
        List<DefaultSuite.CapacityRun> capacityRuns = capacityRuns();
        if (steps.isEmpty() && capacityRuns.isEmpty()) {
            throw new UserError(user != null && !user.getIncludes().isEmpty()
                    ? "no benchmark matches " + String.join(", ", user.getIncludes()) + " (after the excludes): "
                    + "-l lists them"
                    : "the options given leave nothing of the default suite to run: name a benchmark "
                    + "(a regex such as FullLoopBenchmark) to run exactly what you ask for");
        }

        // 2. Where to.
        Path dir = commandLine.resultsFolder();

        // 3. Plan, and say it.
        int configurations = steps.stream().mapToInt(s -> s.plan().configurations()).sum() + capacityRuns.size();
        // Without a limit nothing but the machine bounds virtual threads: those are searched again, as any other
        // search that falls short of its concurrency's bound will be.
        long expectedReruns = capacityRuns.stream().filter(r -> r.strategy().equals("virtual") && r.workers() == 0)
                .count();
        double rerunSeconds = expectedReruns * CapacityRunner.RERUN_SECONDS;
        double capacitySeconds = capacityRuns.stream().mapToDouble(DefaultSuite.CapacityRun::seconds).sum()
                + rerunSeconds;
        double seconds = steps.stream().mapToDouble(s -> s.plan().seconds()).sum() + capacitySeconds;
        int runs = steps.size() + capacityRuns.size();
        out.printf("asynccom benchmarks: %s in %d runs, about %s on a 2-core machine.%n",
                SuitePlan.configurations(configurations), runs, SuitePlan.duration(seconds));
        out.println("Results go to " + dir + "; JMH's own output to " + dir.resolve(JMH_LOG));
        if (!capacityRuns.isEmpty()) {
            out.printf("  capacity at %s, each search in a JVM of its own: %s, about %s%n",
                    Slo.parse(commandLine.slo()), SuitePlan.configurations(capacityRuns.size()),
                    SuitePlan.duration(capacitySeconds));
            for (DefaultSuite.CapacityRun run : capacityRuns) {
                out.printf("      %s%n", run.commandLine(commandLine.slo()));
            }
            out.printf("    and after the JMH runs, for the run-to-run spread the rankings and compare judge by, "
                            + "a second search of each capacity the machine bounds rather than its concurrency "
                            + "(below %d%% of C/d, or no C/d; expected: %d), from its capacity, to %d%%, without a "
                            + "curve: about %s%n", Math.round(CapacityRecord.BOUND_REACHED * 100), expectedReruns,
                    CapacityRunner.RERUN_PRECISION_PERCENT, SuitePlan.duration(rerunSeconds));
        }
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            out.printf("  %2d. %s: %s, about %s%n      %s%n", i + 1, step.title(),
                    SuitePlan.configurations(step.plan().configurations()), SuitePlan.duration(step.plan().seconds()),
                    step.commandLine());
        }
        out.println();
        out.flush();

        // 4. Run: every capacity search writes its record, every fork its trial records, into the results folder.
        EnvironmentFile environment = EnvironmentFile.ofThisMachine()
                .put("date", OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("load.average.start", EnvironmentFile.loadAverage())
                .put("results.dir", dir.toString())
                .put("command.line", String.join(" ", jmhArgs))
                .put("suite", user == null ? "default" : user.getIncludes().isEmpty() ? "default, with the options given"
                        : "the benchmarks given")
                .put("capacity.slo", commandLine.slo())
                .put("capacity.jvm.args", String.join(" ", CapacityRunner.JVM_ARGS));
        for (int i = 0; i < capacityRuns.size(); i++) {
            environment.put(String.format(Locale.ROOT, "capacity.run.%02d", i + 1),
                    capacityRuns.get(i).commandLine(commandLine.slo()));
        }
        for (int i = 0; i < steps.size(); i++) {
            environment.put(String.format(Locale.ROOT, "jmh.run.%02d", i + 1), steps.get(i).commandLine());
        }
        Run run = new Run(dir, environment, runs);
        Thread stopHook = new Thread(run::stoppedFromOutside, "asynccom-harness-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
        try {
            run.capacity(capacityRuns, seconds);
            run.jmh(steps, rerunSeconds);
            run.reruns(rerunSeconds);
            return run.finish(false);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it finishes the files.
            }
        }
    }

    /** The suite's capacity searches: none for a benchmark regex, else the default ones with the user's -p. */
    private List<DefaultSuite.CapacityRun> capacityRuns() {
        if (user != null && !user.getIncludes().isEmpty()) {
            return List.of();
        }
        List<DefaultSuite.CapacityRun> runs = DefaultSuite.capacityRuns(commandLine.full());
        return user == null ? runs : DefaultSuite.withParams(runs, DefaultSuite.legs(), user);
    }

    /**
     * One run of the suite as it goes: what has finished so far, so that a run stopped midway (SIGTERM,
     * Ctrl-C) still writes the result files of what finished, marked partial. The harness's thread runs
     * it; {@link #stoppedFromOutside} comes from the shutdown hook, and {@link #finish} runs once.
     */
    private final class Run {
        private final Path dir;
        private final EnvironmentFile environment;
        private final int runs;
        private final long started = System.nanoTime();
        private final List<RunResult> results = new CopyOnWriteArrayList<>();
        private final CapacityRunner capacity;
        /** Each capacity search that gave a record, with it, in the order they ran: the reruns' candidates. */
        private final Map<DefaultSuite.CapacityRun, CapacityRecord> firstSearches = new LinkedHashMap<>();
        private volatile int done;
        private volatile boolean stopping;
        private int failed;
        private boolean finished;

        Run(Path dir, EnvironmentFile environment, int runs) {
            this.dir = dir;
            this.environment = environment;
            this.runs = runs;
            this.capacity = new CapacityRunner(dir, commandLine.slo(), commandLine.capacityStep());
        }

        void capacity(List<DefaultSuite.CapacityRun> capacityRuns, double suiteSeconds) throws IOException {
            double left = suiteSeconds;
            for (DefaultSuite.CapacityRun search : capacityRuns) {
                if (stopping) {
                    return;
                }
                announce("capacity " + search.title(), search.seconds(), left);
                left -= search.seconds();
                CapacityRunner.Done result;
                try {
                    result = capacity.run(search);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (stopping) {
                    return; // stopped from outside: the search was cut short, and the hook counts what finished
                }
                done++;
                if (result.record() == null) {
                    failed++;
                    err.println(PREFIX + "the capacity search of " + search.title() + " gave no result: "
                            + result.problem() + ".");
                    continue;
                }
                out.printf("   %s in %s%n", CapacityTable.answer(result.record()),
                        SuitePlan.duration(result.seconds()));
                out.flush();
                firstSearches.put(search, result.record());
            }
        }

        /**
         * The second pass: each capacity the machine bounds ({@link CapacityRecord#boundByTheMachine()}) searched
         * again, minutes after the first, its result added to the first's record.
         */
        void reruns(double estimate) throws IOException {
            List<Map.Entry<DefaultSuite.CapacityRun, CapacityRecord>> again = firstSearches.entrySet().stream()
                    .filter(e -> e.getValue().boundByTheMachine()).toList();
            double left = Math.max(estimate, again.size() * CapacityRunner.RERUN_SECONDS);
            for (int i = 0; i < again.size() && !stopping; i++) {
                DefaultSuite.CapacityRun search = again.get(i).getKey();
                CapacityRecord first = again.get(i).getValue();
                out.printf("== [again %d/%d] capacity %s, about %s (suite: about %s left, %s so far)%n", i + 1,
                        again.size(), search.title(), SuitePlan.duration(CapacityRunner.RERUN_SECONDS),
                        SuitePlan.duration(left), SuitePlan.duration(elapsed()));
                out.flush();
                left -= CapacityRunner.RERUN_SECONDS;
                environment.put(String.format(Locale.ROOT, "capacity.rerun.%02d", i + 1),
                        search.commandLine(CapacityRunner.rerunArgs(search, commandLine.slo(), first)));
                CapacityRunner.Done result;
                try {
                    result = capacity.rerun(search, first);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (result.record() == null) {
                    if (stopping) {
                        return;
                    }
                    failed++;
                    err.println(PREFIX + "the second capacity search of " + search.title() + " gave no result: "
                            + result.problem() + ".");
                    continue;
                }
                CapacityRecord merged;
                // With finish, which the shutdown hook may be in: it reads the records this rewrites.
                synchronized (this) {
                    if (stopping || finished) {
                        return;
                    }
                    merged = capacity.merge(search, first, result.record());
                }
                String answer = CapacityTable.answer(result.record()); // "<configuration>: capacity ..."
                out.printf("   again: %s; the interval of both, with the noise: %s to %s tasks/s; in %s%n",
                        answer.substring(answer.indexOf(": ") + 2),
                        Numbers.whole(merged.low()), Numbers.whole(merged.high()), SuitePlan.duration(result.seconds()));
                out.flush();
            }
        }

        /** Runs the JMH legs; {@code secondsAfter}: what the suite runs after them, for the time left. */
        void jmh(List<Step> steps, double secondsAfter) throws IOException {
            String previous = System.getProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY);
            // For forks 0 (-f 0), which run the benchmarks in this JVM.
            System.setProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY, dir.toString());
            try (PrintStream jmhLog = new PrintStream(Files.newOutputStream(dir.resolve(JMH_LOG)), true,
                    StandardCharsets.UTF_8)) {
                OutputFormat jmhOutput = OutputFormatFactory.createFormatInstance(jmhLog, VerboseMode.NORMAL);
                for (int i = 0; i < steps.size() && !stopping; i++) {
                    Step step = steps.get(i);
                    double left = steps.subList(i, steps.size()).stream().mapToDouble(s -> s.plan().seconds()).sum()
                            + secondsAfter;
                    announce(step.title() + ": " + SuitePlan.configurations(step.plan().configurations()),
                            step.plan().seconds(), left);
                    long stepStarted = System.nanoTime();
                    try {
                        jmhLog.printf("%n== [%d/%d] %s%n%s%n", done + 1, runs, step.title(), step.commandLine());
                        Collection<RunResult> stepResults = new Runner(forks(step.options(), dir), jmhOutput).run();
                        results.addAll(stepResults);
                        out.printf("   %d of %d configurations measured in %s%n", stepResults.size(),
                                step.plan().configurations(),
                                SuitePlan.duration((System.nanoTime() - stepStarted) / 1e9));
                        out.flush();
                        if (stepResults.size() < step.plan().configurations() && !stopping) {
                            failed++;
                            err.printf(PREFIX + "%d of %d configurations of '%s' gave no result: see %s.%n",
                                    step.plan().configurations() - stepResults.size(), step.plan().configurations(),
                                    step.title(), dir.resolve(JMH_LOG));
                        }
                    } catch (RunnerException e) {
                        failed++;
                        err.println(PREFIX + UserError.printable(UserError.sentence("JMH stopped '" + step.title()
                                + "': " + e.getMessage(), ".")));
                    }
                    done++;
                }
            } finally {
                if (previous == null) {
                    System.clearProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY);
                } else {
                    System.setProperty(FullLoopBenchmark.RESULTS_DIR_PROPERTY, previous);
                }
            }
        }

        /** {@code == [3/23] what, about 25 s (suite: about 8 min left, 1 min so far)}: a run starts. */
        private void announce(String what, double seconds, double suiteLeft) {
            out.printf("== [%d/%d] %s, about %s (suite: about %s left, %s so far)%n", done + 1, runs, what,
                    SuitePlan.duration(seconds), SuitePlan.duration(suiteLeft), SuitePlan.duration(elapsed()));
            out.flush();
        }

        private double elapsed() {
            return (System.nanoTime() - started) / 1e9;
        }

        /** The shutdown hook: ends the search running now and writes what finished, marked partial. */
        void stoppedFromOutside() {
            stopping = true;
            try {
                capacity.stop();
                finish(true);
            } catch (IOException e) {
                err.println(PREFIX + "the partial results could not be written: " + UserError.reason(e) + ".");
            } catch (RuntimeException e) {
                err.println(PREFIX + "the partial results could not be written: " + e + ".");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Collects and writes the result files and the report, once, of everything that finished. The main thread
         * and the shutdown hook race here when a signal stops a search (both see its JVM end): whichever comes first
         * writes, and a run being stopped is partial whoever writes it.
         */
        synchronized Outcome finish(boolean stoppedMidway) throws IOException {
            if (finished) {
                return Outcome.SOME_MISSING;
            }
            finished = true;
            boolean partial = stoppedMidway || stopping;
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            List<RunResult> jmhResults = List.copyOf(results);
            if (partial) {
                out.printf("%nStopped: %d of %d runs finished in %s; writing the results of those (a partial run).%n",
                        done, runs, SuitePlan.duration(wall.toSeconds()));
            } else {
                out.printf("%nFinished %d runs in %s.%n", runs, SuitePlan.duration(wall.toSeconds()));
            }

            // 5. Collect and write.
            List<String> written = new ArrayList<>();
            if (Files.exists(dir.resolve(JMH_LOG))) {
                written.add(dir.resolve(JMH_LOG) + " (JMH's own output)");
            }
            RunFiles files = new RunFiles(dir, out, err);
            files.writeJmhResults(jmhResults, user).forEach(f -> written.add(f.toString()));
            List<LatencyRow> rows = files.latencyRows(jmhResults, written);
            Path csv = dir.resolve(LatencyCsv.FILE_NAME);
            LatencyCsv.write(csv, rows);
            written.add(csv.toString());
            List<CapacityRecord> capacities = CapacityRecord.readAll(dir);
            if (!capacities.isEmpty()) {
                written.addAll(CapacityTable.write(dir, capacities).stream().map(Path::toString).toList());
                written.add(dir.resolve(CapacityRecord.FOLDER)
                        + "/ (each search: <slug>.json, <slug>.log; a second search: <slug>.rerun.log)");
            }
            environment.put("fork.jvm.args", RunFiles.forkJvmArgs(jmhResults))
                    .put("jmh.version", jmhResults.isEmpty() ? "unknown"
                            : jmhResults.getFirst().getParams().getJmhVersion())
                    .put("load.average.end", EnvironmentFile.loadAverage())
                    .put("wall.seconds", Long.toString(wall.toSeconds()))
                    .put("partial", partial ? "yes: stopped after " + done + " of " + runs + " runs" : "no");
            written.add(environment.write(dir).toString());
            written.add(ResultsJson.write(dir, rows, capacities, environment, jmhResults).toString());

            // 6. Summarize: the decision, the rankings, on the console and in summary.txt, then the report.
            StringWriter summary = new StringWriter();
            PrintWriter print = new PrintWriter(summary);
            if (partial) {
                print.printf("A PARTIAL RUN: stopped after %d of %d runs; what follows is what finished.%n%n", done,
                        runs);
            }
            CapacityTable.print(capacities, print);
            StrategyRanking.print(rows, print);
            print.flush();
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
            if (rows.isEmpty() && capacities.isEmpty()) {
                err.println(PREFIX + "no benchmark gave a result, so there is nothing to report: see "
                        + dir.resolve(JMH_LOG) + ".");
                return Outcome.SOME_MISSING;
            }
            report(dir);
            return failed > 0 || partial ? Outcome.SOME_MISSING : Outcome.COMPLETE;
        }
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
        out.printf("Wrote %s: %d charts for %d configurations and %d capacity searches.%n", page, charts,
                folder.rows().size(), folder.capacities().size());
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
