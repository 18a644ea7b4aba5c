package dev.asynccom.core;

import java.io.IOException;
import java.io.Serial;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Something the user can fix (a bad file line, a bad endpoint, a number out of range, a file that cannot be
 * read or written), told in one sentence that names the file and line or the value. Every user error of
 * every module is one of these or a subclass that adds structured data (a file and line); a command line
 * prints the sentence and exits with its bad-input code, never a stack trace.
 *
 * <p>Sentences quote what users wrote through {@link #quote}, so a binary file's control bytes never
 * reach a terminal.
 */
public class UserError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Quoted values longer than this are shortened, so one bad line cannot flood a terminal. */
    static final int MAX_QUOTED = 60;

    /** @param sentence what is wrong and, where it helps, what to do instead */
    public UserError(String sentence) {
        super(sentence);
    }

    /** @param cause the failure behind it (a jeromq or file system exception), kept for debugging */
    public UserError(String sentence, Throwable cause) {
        super(sentence, cause);
    }

    /**
     * One line, ending in {@code end}, which replaces a full stop it already ends in; a question stays one
     * when {@code end} would only close the sentence.
     */
    public static String sentence(String text, String end) {
        String line = text == null || text.isBlank() ? "failed" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        if (line.endsWith("?") && end.equals(".")) {
            return line;
        }
        if (line.endsWith(".")) {
            line = line.substring(0, line.length() - 1);
        }
        return line + end;
    }

    /** {@code text} in single quotes, control characters escaped ({@link #printable}), shortened with "...". */
    public static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return "'" + printable(text) + "'";
        }
        int cut = MAX_QUOTED - 3;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never half a character
        }
        return "'" + printable(text.substring(0, cut)) + "...'";
    }

    /**
     * {@code text} with every control, format, separator, unassigned or lone surrogate character written as
     * an escape ({@code \t}, {@code \r}, {@code \n}, {@code \x1B}; above U+00FF a backslash, {@code u} and
     * four hex digits), so it prints as one inert line.
     */
    public static String printable(String text) {
        if (text.codePoints().noneMatch(UserError::isUnprintable)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!isUnprintable(c)) {
                out.appendCodePoint(c);
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(String.format(c < 0x100 ? "\\x%02X" : "\\u%04X", c));
            }
        });
        return out.toString();
    }

    private static boolean isUnprintable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    /**
     * Why a file operation failed, as a phrase a user understands: {@code no such file}, {@code permission
     * denied}, {@code it is not UTF-8 text}, else the system's own reason.
     */
    public static String reason(IOException e) {
        return switch (e) {
            case NoSuchFileException ignored -> "no such file";
            case AccessDeniedException ignored -> "permission denied";
            case NotDirectoryException ignored -> "a part of the path is a file, not a folder";
            case CharacterCodingException ignored -> "it is not UTF-8 text";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }
}
