package dev.asynccom.cli;

/**
 * The exit codes of the {@code client}, {@code server} and {@code generate} commands, the same for all
 * three so scripts can test them without knowing which command ran. The {@code *_LINE} constants are the
 * lines of each command's {@code --help} list.
 */
public final class ExitCodes {
    /** Everything went as asked: every task came back ok; a server drained and stopped cleanly. */
    public static final int OK = 0;
    /** Some results never came back (timeout, server gone); a server could not drain in time. */
    public static final int MISSING = 1;
    /** Bad input: a bad file line, URL or number, a missing file, a port already in use. */
    public static final int BAD_INPUT = 2;
    /** Every result came back, but not all of them ok (unknown command, failed, rejected, duplicate). */
    public static final int NOT_ALL_OK = 3;
    /** An unexpected failure: a bug, reported in one sentence. */
    public static final int INTERNAL = 4;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:every task came back ok";
    static final String MISSING_LINE = "1:some results are missing (timeout, server gone)";
    static final String BAD_INPUT_LINE = "2:bad input: a bad file line, URL or number, a missing file, a port in use";
    static final String NOT_ALL_OK_LINE = "3:every result came back, but not all ok (unknown command, failed, rejected)";
    static final String INTERNAL_LINE = "4:unexpected failure (a bug: please report the message)";
    static final String SERVER_OK_LINE = "0:stopped by SIGINT or SIGTERM after draining every accepted task";
    static final String SERVER_MISSING_LINE = "1:stopped, but accepted tasks did not finish within the drain timeout";
    static final String GENERATE_OK_LINE = "0:both files written";

    private ExitCodes() {
    }
}
