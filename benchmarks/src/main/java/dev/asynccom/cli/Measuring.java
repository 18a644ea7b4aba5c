package dev.asynccom.cli;

import dev.asynccom.core.UserError;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * What the commands that measure into a results folder (fairness, remote-workers, curve-cost, soak) share: their
 * log lines on stderr, refusing bad options in one sentence, the default folder, and the stop hook that writes
 * what finished when a signal ends the run midway.
 */
final class Measuring {
    /** How long a command's thread waits, at the most, for a running stop hook to write and halt. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final String command;
    private final PrintWriter err;

    /** {@code command} is the command's name, which prefixes each line: {@code asynccom fairness: ...}. */
    Measuring(String command, PrintWriter err) {
        this.command = command;
        this.err = err;
    }

    /** One line on stderr; lines from several threads never interleave. */
    synchronized void say(String line) {
        err.println("asynccom " + command + ": " + line);
        err.flush();
    }

    /** Refuses an option before any work starts: {@code sentence} says which and why. */
    static void require(boolean condition, String sentence) {
        if (!condition) {
            throw new UserError(sentence);
        }
    }

    /** {@code out}, or {@code results/<command>-<yyyyMMdd-HHmmss>} when the user gave none. */
    Path folder(Path out) {
        return out != null ? out : Path.of("results", command + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Results of two runs must not mix: a folder that holds files already is refused, and so is a file. */
    static void requireNewOrEmpty(Path folder) {
        if (Files.isRegularFile(folder)) {
            throw new UserError("--out " + folder + " is a file, not a folder: give a new or empty folder");
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new UserError("--out " + folder + " already holds files, and results of two runs must not "
                            + "mix: give a new or empty folder");
                }
            } catch (IOException e) {
                throw new UserError("--out " + folder + " cannot be read: " + UserError.reason(e), e);
            }
        }
    }

    /**
     * Runs {@code body} with a shutdown hook in place: a signal while it runs makes the hook run {@code onStop}
     * (which writes what finished and returns the exit code) and halt with that code. When the body ends as the JVM
     * is already shutting down, the hook is writing and will halt, so this thread waits for it (up to
     * {@code wait}) instead of going on to write or report beside it.
     */
    <T> T stoppable(IntSupplier onStop, Duration wait, Callable<T> body) throws Exception {
        Thread hook = Thread.ofPlatform().name("asynccom-" + command + "-stop")
                .unstarted(() -> Runtime.getRuntime().halt(onStop.getAsInt()));
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return body.call();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                hook.join(wait.toMillis());
            }
        }
    }
}
