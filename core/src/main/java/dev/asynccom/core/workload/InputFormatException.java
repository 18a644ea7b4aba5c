package dev.asynccom.core.workload;

import dev.asynccom.core.UserError;

import java.io.Serial;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A data file that cannot be used: it cannot be read, or one of its lines is malformed. The message
 * is one sentence a user can act on, naming the file (as given) and the line:
 * {@code server_data.txt:17: response 'x' is not an integer}, or, when the file as a whole cannot be
 * read (line 0), {@code cannot read missing.txt: no such file}. A {@link UserError} that also names the file
 * and line.
 */
public final class InputFormatException extends UserError {
    @Serial
    private static final long serialVersionUID = 1L;

    // Path is not Serializable; the message keeps the file's name for a deserialized copy.
    private final transient Path file;
    private final int line;
    private final String problem;

    /**
     * A problem with one line of {@code file}, or with the whole file when {@code line} is 0.
     *
     * @param file    the file, as the user named it (printed unchanged)
     * @param line    the 1-based line number, or 0 when the file as a whole could not be read
     * @param problem what is wrong, without the file and line ({@code wait '-1' is negative})
     */
    public InputFormatException(Path file, int line, String problem) {
        super(format(file, line, problem));
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 (whole file) or a 1-based line number, got " + line);
        }
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    private static String format(Path file, int line, String problem) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
        return line == 0 ? "cannot read " + file + ": " + problem : file + ":" + line + ": " + problem;
    }

    /** The file, as given when loading it. */
    public Path file() {
        return file;
    }

    /** The 1-based number of the bad line, or 0 when the file as a whole could not be read. */
    public int line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String problem() {
        return problem;
    }
}
