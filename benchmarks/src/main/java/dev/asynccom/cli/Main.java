package dev.asynccom.cli;

import dev.asynccom.harness.Harness;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/**
 * Entry point of {@code benchmarks.jar}: a named subcommand runs its own code; anything else (no
 * arguments, JMH options, a benchmark regex, {@code --out DIR}) goes to the {@link Harness}, which runs JMH
 * and writes the results folder.
 */
public final class Main {
    /** The subcommands; their names are the words that select them. */
    @Command(name = "java -jar benchmarks.jar", mixinStandardHelpOptions = true,
            description = {"asynccom: which concurrency strategy for which workload, over which transport.",
                    "With no subcommand (or with JMH options) it runs the JMH benchmarks."},
            subcommands = {ClientCommand.class, ServerCommand.class, GenerateCommand.class, CompareCommand.class,
                    ReportCommand.class})
    static final class Cli {
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code. */
    static int run(String[] args) throws Exception {
        CommandLine cli = CliErrors.install(new CommandLine(new Cli()));
        Set<String> words = cli.getSubcommands().keySet();
        if (args.length > 0 && (words.contains(args[0]) || args[0].equals("--help") || args[0].equals("help"))) {
            return cli.execute(args);
        }
        return Harness.run(args, System.out, System.err);
    }
}
