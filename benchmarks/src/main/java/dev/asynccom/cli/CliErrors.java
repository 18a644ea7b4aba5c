package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;

/**
 * The one place that turns a failure into {@code asynccom <command>: <one sentence>} on stderr and an
 * exit code ({@link ExitCodes}): picocli's own usage errors, {@link UserError}s, and anything else a
 * command throws. Never a stack trace.
 */
public final class CliErrors {
    private CliErrors() {
    }

    /** Makes {@code cli} and all its subcommands report errors this way; call after adding subcommands. */
    public static CommandLine install(CommandLine cli) {
        cli.setParameterExceptionHandler(CliErrors::usageError);
        cli.setExecutionExceptionHandler((failure, command, parseResult) -> {
            report(command.getErr(), command, sentence(failure));
            return exitCode(failure);
        });
        return cli;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String message = e.getMessage() == null ? "the command line could not be read" : e.getMessage();
        report(command.getErr(), command, finish(message, "; run it with --help for usage."));
        return ExitCodes.BAD_INPUT;
    }

    /** Prints {@code asynccom <command>: <sentence>} on {@code err}. */
    static void report(PrintWriter err, CommandLine command, String sentence) {
        err.println(prefix(command) + sentence);
        err.flush();
    }

    /** {@code asynccom client: } for subcommand {@code client}, {@code asynccom: } for the launcher. */
    static String prefix(CommandLine command) {
        return command.getParent() == null ? "asynccom: " : "asynccom " + command.getCommandName() + ": ";
    }

    /** The exit code a failure ends a command with. */
    static int exitCode(Throwable failure) {
        return switch (failure) {
            case UserError e -> ExitCodes.BAD_INPUT;
            case IOException e -> ExitCodes.BAD_INPUT;
            case UncheckedIOException e -> ExitCodes.BAD_INPUT;
            default -> ExitCodes.INTERNAL;
        };
    }

    /** A failure as one sentence a user can act on. */
    static String sentence(Throwable failure) {
        return switch (failure) {
            case UserError e -> finish(e.getMessage(), ".");
            case UncheckedIOException e -> finish(ioProblem(e.getCause()), ".");
            case IOException e -> finish(ioProblem(e), ".");
            default -> finish("unexpected failure (" + failure.getClass().getSimpleName().replace("Exception", "")
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                    + "); this is a bug, please report it", ".");
        };
    }

    /** What went wrong with a file, naming it. */
    static String ioProblem(IOException e) {
        return e instanceof FileSystemException f && f.getFile() != null
                ? "cannot write or read " + f.getFile() + ": " + UserError.reason(e)
                : "input or output failed: " + UserError.reason(e);
    }

    /** One line, ending in {@code end} unless it already ends in a full stop. */
    static String finish(String text, String end) {
        String line = text == null || text.isBlank() ? "failed" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line + end;
    }
}
