package dev.asynccom.core.workload;

import dev.asynccom.core.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the seed's data files line by line for {@link LineParser}: drops blank and comment lines, trims
 * the rest and hands each to a {@link LineSink} as a byte range of the read buffer (no {@code String} per
 * line), then fails at the first line the sink refuses (strict) or lists it and goes on (lenient).
 * Stateless; a load runs on the calling thread.
 */
final class LineReader {
    /** Longer lines are not data; refusing them bounds the read buffer. */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final int BUFFER_BYTES = 1 << 16;

    private LineReader() {
    }

    /** Receives each data line (blank and comment lines are already dropped) as a trimmed byte range. */
    @FunctionalInterface
    interface LineSink {
        /**
         * @param lineNumber the 1-based line number in the file
         * @return {@code null} when the line was taken, else what is wrong with it
         */
        String accept(byte[] line, int from, int to, int lineNumber);
    }

    /**
     * Reads {@code file} and hands each data line to {@code sink}. Blank lines, lines whose first
     * non-blank character is {@code '#'}, surrounding white space, LF or CRLF endings and a leading
     * UTF-8 byte-order mark are accepted and dropped.
     *
     * @param mode whether a line the sink refuses fails the load (strict) or is skipped and reported
     * @return the skipped lines, in file order; empty when strict
     * @throws InputFormatException when the file cannot be read or has a line longer than
     *                              {@link #MAX_LINE_BYTES}, or (strict) at the first bad line
     */
    static List<SkippedLine> readLines(Path file, LoadMode mode, LineSink sink) throws InputFormatException {
        if (Files.isDirectory(file)) {
            throw new InputFormatException(file, 0, "it is a directory");
        }
        List<SkippedLine> skipped = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[BUFFER_BYTES];
            int start = 0;
            int scan = 0;
            int end = 0;
            int lineNumber = 0;
            boolean eof = false;
            while (true) {
                int newline = scan;
                while (newline < end && buf[newline] != '\n') {
                    newline++;
                }
                if (newline - start > MAX_LINE_BYTES) {
                    throw new InputFormatException(file, lineNumber + 1,
                            "line is longer than " + MAX_LINE_BYTES + " bytes");
                }
                if (newline == end && !eof) {
                    scan = newline;
                    // Keep the partial line, then read more after it.
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        scan -= start;
                        start = 0;
                    }
                    if (end == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) {
                        eof = true;
                    } else {
                        end += n;
                    }
                    continue;
                }
                if (newline == end && start == end) {
                    break;
                }
                lineNumber++;
                String problem = acceptLine(buf, start, newline, lineNumber, sink);
                if (problem != null) {
                    if (mode == LoadMode.STRICT) {
                        throw new InputFormatException(file, lineNumber, problem);
                    }
                    skipped.add(new SkippedLine(lineNumber, lineText(buf, start, newline), problem));
                }
                start = Math.min(newline + 1, end);
                scan = start;
            }
        } catch (IOException e) {
            throw new InputFormatException(file, 0, UserError.reason(e));
        }
        return skipped;
    }

    /** Trims line {@code buf[start, end)}, drops it when blank or a comment, else hands it to the sink. */
    private static String acceptLine(byte[] buf, int start, int end, int lineNumber, LineSink sink) {
        int from = start;
        int to = end;
        if (lineNumber == 1 && to - from >= 3 && buf[from] == (byte) 0xEF && buf[from + 1] == (byte) 0xBB
                && buf[from + 2] == (byte) 0xBF) {
            from += 3;
        }
        while (from < to && LineParser.isAsciiWhitespace(buf[from])) {
            from++;
        }
        while (to > from && LineParser.isAsciiWhitespace(buf[to - 1])) {
            to--;
        }
        if (from == to || buf[from] == '#') {
            return null;
        }
        return sink.accept(buf, from, to, lineNumber);
    }

    /** The line as read, without its LF or CRLF terminator. */
    private static String lineText(byte[] buf, int start, int end) {
        int to = end > start && buf[end - 1] == '\r' ? end - 1 : end;
        return new String(buf, start, to - start, StandardCharsets.UTF_8);
    }

    /** A guess at the number of lines, to size tables before loading; never fails. */
    static int estimateLines(Path file, int bytesPerLine) {
        try {
            long lines = Files.size(file) / bytesPerLine + 1;
            // Capped: a file of mostly comments must not reserve room for millions of entries.
            return (int) Math.min(lines, 1 << 20);
        } catch (IOException | SecurityException e) {
            return 16;
        }
    }
}
