package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.harness.Harness;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Entry point of {@code benchmarks.jar}: a named subcommand runs its own code; anything else (no
 * arguments, JMH options, a benchmark regex, {@code --out DIR}) goes to the {@link Harness}, which runs JMH
 * and writes the results folder. Both end through {@link CliErrors}.
 */
public final class Main {
    /** What the launcher's and the harness's sentences start with. */
    public static final String PREFIX = Harness.PREFIX;

    /** The launcher without its subcommands: what one chosen subcommand is added to. */
    @Command(name = "java -jar benchmarks.jar", mixinStandardHelpOptions = true,
            description = {"asynccom: which concurrency strategy for which workload, over which transport.",
                    "With no subcommand (or with JMH options) it runs the JMH benchmarks."})
    static class Launcher {
    }

    /** The subcommands; their names are the words that select them. */
    @Command(subcommands = {ClientCommand.class, ServerCommand.class, WorkerCommand.class, GenerateCommand.class,
                    KeygenCommand.class, CapacityCommand.class, RemoteWorkersCommand.class, SoakCommand.class,
                    FairnessCommand.class, CurveCostCommand.class, VirtualScaleCommand.class, ColdStartCommand.class,
                    CompareCommand.class, ReportCommand.class, CommandLine.HelpCommand.class})
    static final class Cli extends Launcher {
    }

    /**
     * The subcommands by name, read from {@link Cli}'s annotation: building picocli's model of every command
     * took 240-380 ms of a cold start here, and a run needs the model of one.
     */
    private static final Map<String, Class<?>> COMMANDS = commands();

    /** The launcher's own options; every other one is JMH's. */
    private static final Set<String> LAUNCHER_OPTIONS = Set.of("--help", "-V", "--version");

    private Main() {
    }

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (Class<?> command : Cli.class.getAnnotation(Command.class).subcommands()) {
            byName.put(command.getAnnotation(Command.class).name(), command);
        }
        return byName;
    }

    public static void main(String[] args) {
        boolean command = args.length > 0 && COMMANDS.containsKey(args[0]);
        String prefix = command ? "asynccom " + args[0] + ": " : PREFIX;
        // A thread of ours that dies of a bug says so in one line too, not in a stack trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, failure) -> {
            System.err.println(prefix + UserError.printable("in thread " + thread.getName() + ": "
                    + CliErrors.sentence(failure)));
            System.err.flush();
        });
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line, printing on {@code out} and {@code err}, and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        // One chosen command gets the model of that command alone; help and the launcher's own options need all.
        boolean one = args.length > 0 && COMMANDS.containsKey(args[0]) && !args[0].equals("help");
        CommandLine cli = CliErrors.install(one
                        ? new CommandLine(new Launcher()).addSubcommand(args[0], COMMANDS.get(args[0]))
                        : new CommandLine(new Cli()))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        Set<String> words = COMMANDS.keySet();
        if (args.length > 0 && (words.contains(args[0]) || LAUNCHER_OPTIONS.contains(args[0]))) {
            return cli.execute(args);
        }
        try {
            if (args.length > 0 && !args[0].startsWith("-")) {
                requireCommandOrBenchmark(args[0], words);
            }
            return switch (Harness.run(args, out, err)) {
                case COMPLETE -> ExitCodes.OK;
                case SOME_MISSING -> ExitCodes.MISSING;
            };
        } catch (Exception | Error e) {
            out.flush();
            return CliErrors.report(cli, e);
        }
    }

    /**
     * A first word that is no command is a benchmark regex; one that selects no benchmark is a typo, told
     * with the nearest command.
     */
    private static void requireCommandOrBenchmark(String word, Set<String> commands) {
        if (Harness.selectsABenchmark(word)) {
            return;
        }
        Optional<String> meant = NearestWord.of(word, commands);
        if (meant.isPresent()) {
            throw new UserError(UserError.quote(word) + " is not a command: did you mean " + meant.get() + "?");
        }
        List<String> names = commands.stream().filter(c -> !c.equals("help")).toList();
        throw new UserError(UserError.quote(word) + " is neither a command (" + CliErrors.orList(names)
                + ") nor a benchmark (-l lists them)");
    }
}
