package dev.asynccom.cli;

import java.io.Serial;

/**
 * Something the user can fix, told in one sentence, with the exit code it ends the command with.
 * {@link CliErrors} prints it as {@code asynccom <command>: <sentence>}; it carries no stack trace.
 */
public final class UserError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** Bad input ({@link ExitCodes#BAD_INPUT}). */
    public UserError(String sentence) {
        this(sentence, ExitCodes.BAD_INPUT);
    }

    public UserError(String sentence, int exitCode) {
        super(sentence, null, false, false);
        this.exitCode = exitCode;
    }

    /** The code the command exits with. */
    public int exitCode() {
        return exitCode;
    }
}
