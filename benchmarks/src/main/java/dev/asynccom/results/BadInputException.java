package dev.asynccom.results;

import dev.asynccom.core.UserError;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A results file or folder that cannot be used: a {@link UserError} whose sentence names the file, and the
 * line and column when there is one.
 */
public final class BadInputException extends UserError {
    private static final long serialVersionUID = 1L;

    public BadInputException(String sentence) {
        super(sentence);
    }

    /** A problem with one value: {@code <file> line <n>, column <column>: <problem>.} */
    static BadInputException at(Path file, int line, String column, String problem) {
        return new BadInputException(file + " line " + line + ", column " + column + ": " + problem + ".");
    }

    /** A problem with one line as a whole: {@code <file> line <n>: <problem>.} */
    static BadInputException at(Path file, int line, String problem) {
        return new BadInputException(file + " line " + line + ": " + problem + ".");
    }

    /** A file that could not be read at all. */
    static BadInputException unreadable(Path file, IOException e) {
        return new BadInputException("Cannot read " + file + ": " + UserError.reason(e) + ".");
    }
}
