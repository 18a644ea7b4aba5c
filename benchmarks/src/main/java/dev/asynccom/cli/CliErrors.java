package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.List;

/**
 * The one place that turns a failure into {@code asynccom <command>: <one sentence>} on stderr (the
 * launcher and the harness: {@code asynccom: }) and an exit code ({@link ExitCodes}): picocli's own usage
 * errors, {@link UserError}s, output that failed, and anything else, which is a bug. Never a stack trace;
 * control characters in the sentence are escaped. It also gives every command its {@code --help} exit-code
 * list and its {@code --version}.
 */
public final class CliErrors {
    private CliErrors() {
    }

    /**
     * Makes {@code cli} and all its subcommands report errors this way, list their exit codes from
     * {@link ExitCodes} and print the {@link Version}; call after adding subcommands.
     */
    public static CommandLine install(CommandLine cli) {
        cli.setParameterExceptionHandler(CliErrors::usageError);
        cli.setExecutionExceptionHandler((failure, command, parseResult) -> report(command, failure));
        describe(cli);
        return cli;
    }

    private static void describe(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        spec.usageMessage().exitCodeListHeading(ExitCodes.HEADING).exitCodeList(ExitCodes.helpList(tableKey(command)));
        spec.versionProvider(new Version());
        command.getSubcommands().values().forEach(CliErrors::describe);
    }

    /** Prints {@code failure} as one sentence for {@code command} and returns the code to exit with. */
    static int report(CommandLine command, Throwable failure) {
        report(command.getErr(), command, sentence(failure));
        return exitCode(failure);
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = e.getMessage() == null ? "the command line could not be read" : e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message = UserError.sentence(message, "") + " (did you mean " + orList(unmatched.getSuggestions()) + "?)";
        }
        report(command.getErr(), command, UserError.sentence(message, "; run it with --help for usage."));
        return ExitCodes.BAD_INPUT;
    }

    /** Prints {@code asynccom <command>: <sentence>} on {@code err}, control characters escaped. */
    static void report(PrintWriter err, CommandLine command, String sentence) {
        err.println(prefix(command) + UserError.printable(sentence));
        err.flush();
    }

    /** {@code asynccom client: } for command {@code client}, {@code asynccom: } for the launcher. */
    static String prefix(CommandLine command) {
        return isLauncher(command) ? Main.PREFIX : "asynccom " + command.getCommandName() + ": ";
    }

    /** The command's key in {@link ExitCodes#ROWS}: its name, or the harness for the launcher. */
    private static String tableKey(CommandLine command) {
        return isLauncher(command) ? ExitCodes.HARNESS : command.getCommandName();
    }

    private static boolean isLauncher(CommandLine command) {
        return command.getCommandSpec().userObject() instanceof Main.Cli;
    }

    /** The exit code a failure ends a command with. */
    static int exitCode(Throwable failure) {
        return switch (failure) {
            case UserError e -> ExitCodes.BAD_INPUT;
            case IOException e -> ExitCodes.OUTPUT_FAILED;
            case UncheckedIOException e -> ExitCodes.OUTPUT_FAILED;
            default -> ExitCodes.INTERNAL;
        };
    }

    /** A failure as one sentence a user can act on. */
    static String sentence(Throwable failure) {
        return switch (failure) {
            case UserError e -> UserError.sentence(e.getMessage(), ".");
            case UncheckedIOException e -> UserError.sentence(ioProblem(e.getCause()), ".");
            case IOException e -> UserError.sentence(ioProblem(e), ".");
            default -> UserError.sentence("unexpected failure (" + failure.getClass().getSimpleName().replace("Exception", "")
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage()) + where(failure)
                    + "); this is a bug, please report it", ".");
        };
    }

    /** {@code , at Utf8.checkedLength(Utf8.java:28)}: our innermost frame, so a one-line report still points at it. */
    private static String where(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("dev.asynccom.")) {
                String type = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                return ", at " + type + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")";
            }
        }
        return frames.length == 0 ? "" : ", at " + frames[0];
    }

    /** What went wrong with a file, naming it when the exception does. */
    static String ioProblem(IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return "cannot write or read " + f.getFile() + ": " + UserError.reason(e);
        }
        return "input or output failed: " + UserError.reason(e);
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String orList(List<String> words) {
        return list(words, " or ");
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    static String andList(List<String> words) {
        return list(words, " and ");
    }

    private static String list(List<String> words, String last) {
        if (words.size() == 1) {
            return words.getFirst();
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + last + words.getLast();
    }
}
