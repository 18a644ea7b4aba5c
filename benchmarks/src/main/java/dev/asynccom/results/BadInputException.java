package dev.asynccom.results;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A results file or folder that cannot be used. The message is one sentence naming the file, and
 * the line and column when there is one, so a command can print it as it is and exit with 2.
 */
public final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadInputException(String sentence) {
        super(sentence, null, false, false);
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
        return new BadInputException("Cannot read " + file + ": " + reason(e) + ".");
    }

    /** Why a file operation failed, as a phrase a user understands. */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "no such file";
            case AccessDeniedException ignored -> "permission denied";
            case CharacterCodingException ignored -> "it is not UTF-8 text";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
    }
}
