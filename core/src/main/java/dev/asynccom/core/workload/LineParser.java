package dev.asynccom.core.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The syntax of the seed's data files, shared by {@link DelayMap} (server lines
 * {@code <ipv4>:<command>:<response>:<wait seconds>}) and {@link CommandList} (client lines
 * {@code <ipv4>:<command>}), and the loop that reads them strictly or leniently.
 *
 * <p>Files are UTF-8. Lines are parsed as byte ranges of the read buffer, without regular
 * expressions and without a {@code String} per line, so a million-line file loads in a fraction of a
 * second. An instance holds the fields of the last line parsed: it belongs to the one thread running
 * a load and is not shared.
 */
final class LineParser {
    static final String SERVER_FORMAT = "<ipv4>:<command>:<response>:<wait seconds>";
    static final String CLIENT_FORMAT = "<ipv4>:<command>";

    /** Longer lines are not data; refusing them bounds the read buffer. */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** Values longer than this are shortened in messages, so one bad line cannot flood a terminal. */
    private static final int MAX_QUOTED = 60;
    private static final double NANOS_PER_SECOND = 1e9;
    /** Waits at or above this many nanoseconds do not fit in a long. */
    private static final double MAX_WAIT_NANOS = 0x1p63;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int COMMAND_CACHE_BITS = 8;

    /**
     * Recently seen commands by hash, with their bytes: files repeat a few commands ({@code foo},
     * {@code bar}) over many lines, and sharing one string for each keeps a million-line table small.
     */
    private final String[] commandCache = new String[1 << COMMAND_CACHE_BITS];
    private final byte[][] commandCacheBytes = new byte[1 << COMMAND_CACHE_BITS][];

    /** The host of the last line parsed successfully. */
    String host;
    /** The command of the last line parsed successfully. */
    String command;
    /** The response of the last server line parsed successfully. */
    int response;
    /** The wait, in nanoseconds, of the last server line parsed successfully. */
    long delayNanos;

    /** Receives each data line (blank and comment lines are already dropped) as a trimmed byte range. */
    @FunctionalInterface
    interface LineSink {
        /** @return {@code null} when the line was taken, else what is wrong with it */
        String accept(byte[] line, int from, int to);
    }

    /**
     * Parses a server line held in {@code b[from, to)}.
     *
     * @return {@code null} when it parsed (the fields then hold its values), else the problem
     */
    String parseServerLine(byte[] b, int from, int to) {
        int c1 = indexOfColon(b, from, to);
        int c2 = c1 < 0 ? -1 : indexOfColon(b, c1 + 1, to);
        int c3 = c2 < 0 ? -1 : indexOfColon(b, c2 + 1, to);
        if (c3 < 0 || indexOfColon(b, c3 + 1, to) >= 0) {
            return "expected " + SERVER_FORMAT + ", got " + quote(b, from, to);
        }
        String problem = checkHost(b, from, c1);
        if (problem == null) {
            problem = checkCommand(b, c1 + 1, c2);
        }
        if (problem == null) {
            problem = parseResponse(b, c2 + 1, c3);
        }
        if (problem == null) {
            problem = parseWait(b, c3 + 1, to);
        }
        if (problem == null) {
            host = hostString(b, from, c1);
            command = commandString(b, c1 + 1, c2);
        }
        return problem;
    }

    /**
     * Parses a client line (or a {@code host:command} key) held in {@code b[from, to)}.
     *
     * @return {@code null} when it parsed (host and command then hold its values), else the problem
     */
    String parseClientLine(byte[] b, int from, int to) {
        int colon = indexOfColon(b, from, to);
        if (colon < 0 || indexOfColon(b, colon + 1, to) >= 0) {
            return "expected " + CLIENT_FORMAT + ", got " + quote(b, from, to);
        }
        String problem = checkHost(b, from, colon);
        if (problem == null) {
            problem = checkCommand(b, colon + 1, to);
        }
        if (problem == null) {
            host = hostString(b, from, colon);
            command = commandString(b, colon + 1, to);
        }
        return problem;
    }

    /** Checks a string as a host: strict dotted IPv4. */
    static String checkHost(String host) {
        byte[] b = host.getBytes(StandardCharsets.UTF_8);
        return checkHost(b, 0, b.length);
    }

    /** Checks a string as a command: non-empty, no ':' and no white space. */
    static String checkCommand(String command) {
        byte[] b = command.getBytes(StandardCharsets.UTF_8);
        return checkCommand(b, 0, b.length);
    }

    /**
     * Strict dotted IPv4: four decimal octets 0-255 without leading zeros, which some readers take
     * for octal, so {@code 010.0.0.1} would name a different host to different tools.
     */
    private static String checkHost(byte[] b, int from, int to) {
        int dots = 0;
        int digits = 0;
        int value = 0;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return notIpv4(b, from, to);
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return notIpv4(b, from, to);
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                dots++;
                digits = 0;
                value = 0;
            } else {
                return notIpv4(b, from, to);
            }
        }
        return dots == 3 && digits > 0 ? null : notIpv4(b, from, to);
    }

    private static String notIpv4(byte[] b, int from, int to) {
        return "host " + quote(b, from, to) + " is not a dotted IPv4 address";
    }

    private static String checkCommand(byte[] b, int from, int to) {
        if (from == to) {
            return "command is empty";
        }
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ':') {
                return "command " + quote(b, from, to) + " contains ':'";
            }
            if (c < 0) {
                ascii = false;
            } else if (isAsciiWhitespace(c)) {
                return "command " + quote(b, from, to) + " contains white space";
            }
        }
        if (!ascii) {
            String decoded = new String(b, from, to - from, StandardCharsets.UTF_8);
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    return "command " + quote(decoded) + " contains white space";
                }
                if (c == '\uFFFD') {
                    // The decoder stands U+FFFD in for bytes that are not UTF-8.
                    return "command " + quote(decoded) + " is not valid UTF-8";
                }
            }
        }
        return null;
    }

    private String parseResponse(byte[] b, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == to) {
            return "response " + quote(b, from, to) + " is not an integer";
        }
        long value = 0;
        for (; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return "response " + quote(b, from, to) + " is not an integer";
            }
            // Stop accumulating once out of range, but keep checking that the rest are digits.
            if (value <= Integer.MAX_VALUE + 1L) {
                value = value * 10 + (c - '0');
            }
        }
        long signed = negative ? -value : value;
        if (signed < Integer.MIN_VALUE || signed > Integer.MAX_VALUE) {
            return "response " + quote(b, from, to) + " does not fit in a 32-bit integer";
        }
        response = (int) signed;
        return null;
    }

    private String parseWait(byte[] b, int from, int to) {
        if (parsePlainSeconds(b, from, to)) {
            return null;
        }
        double seconds = parseDecimal(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        if (Double.isNaN(seconds)) {
            return "wait " + quote(b, from, to) + " is not a finite decimal number of seconds";
        }
        if (seconds < 0) {
            return "wait " + quote(b, from, to) + " is negative";
        }
        double nanos = seconds * NANOS_PER_SECOND;
        if (nanos >= MAX_WAIT_NANOS) {
            return "wait " + quote(b, from, to) + " is too long (the maximum is about 9.2e9 seconds)";
        }
        delayNanos = Math.round(nanos);
        return null;
    }

    /**
     * The common case {@code <digits>[.<digits>]} with at most 9 integer digits, converted exactly
     * (rounding half up at the nanosecond) and several times faster than {@link Double#parseDouble}.
     *
     * @return whether the text had that form (then {@link #delayNanos} holds it)
     */
    private boolean parsePlainSeconds(byte[] b, int from, int to) {
        int i = from;
        long whole = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            whole = whole * 10 + (b[i] - '0');
            i++;
        }
        int wholeDigits = i - from;
        if (wholeDigits > 9) {
            return false;
        }
        long fraction = 0;
        int fractionDigits = 0;
        boolean roundUp = false;
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (fractionDigits < 9) {
                    fraction = fraction * 10 + (b[i] - '0');
                } else if (fractionDigits == 9) {
                    roundUp = b[i] >= '5';
                }
                fractionDigits++;
            }
        }
        if (i != to || wholeDigits + fractionDigits == 0) {
            return false;
        }
        for (int d = Math.min(fractionDigits, 9); d < 9; d++) {
            fraction *= 10;
        }
        delayNanos = whole * 1_000_000_000L + fraction + (roundUp ? 1 : 0);
        return true;
    }

    /**
     * A plain decimal number ({@code 1}, {@code -0.5}, {@code 1e-3}), or NaN when {@code text} is
     * anything else. {@link Double#parseDouble} alone would also take {@code NaN}, {@code Infinity},
     * hexadecimal, surrounding white space and a trailing {@code d} or {@code f}.
     */
    static double parseDecimal(String text) {
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Reuses the previous host's string when lines for one host follow each other, as in the seed. */
    private String hostString(byte[] b, int from, int to) {
        String previous = host;
        int length = to - from;
        if (previous != null && previous.length() == length) {
            int i = 0;
            while (i < length && previous.charAt(i) == b[from + i]) {
                i++;
            }
            if (i == length) {
                return previous;
            }
        }
        // checkHost let only ASCII digits and dots through, so Latin-1 decodes it exactly.
        return new String(b, from, length, StandardCharsets.ISO_8859_1);
    }

    private String commandString(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h * 0x9E3779B9) >>> (32 - COMMAND_CACHE_BITS);
        byte[] cached = commandCacheBytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, b, from, to)) {
            return commandCache[slot];
        }
        String fresh = new String(b, from, to - from, StandardCharsets.UTF_8);
        commandCache[slot] = fresh;
        commandCacheBytes[slot] = Arrays.copyOfRange(b, from, to);
        return fresh;
    }

    private static int indexOfColon(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    /** The ASCII characters {@link Character#isWhitespace} accepts. */
    private static boolean isAsciiWhitespace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }

    /** {@code text} in single quotes, shortened with "..." when long. */
    static String quote(String text) {
        if (text.length() <= MAX_QUOTED) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, MAX_QUOTED - 3) + "...'";
    }

    private static String quote(byte[] b, int from, int to) {
        // Decode at most a little more than will be shown: a bad line may be long.
        int end = Math.min(to, from + 4 * MAX_QUOTED);
        String text = new String(b, from, end - from, StandardCharsets.UTF_8);
        return quote(end < to ? text + "..." : text);
    }

    /**
     * Reads {@code file} and hands each data line to {@code sink}. Blank lines, lines whose first
     * non-blank character is {@code '#'}, surrounding white space, LF or CRLF endings and a leading
     * UTF-8 byte-order mark are accepted and dropped.
     *
     * @param lenient whether a line the sink refuses is skipped and reported (else the load fails)
     * @return the skipped lines, in file order; empty when strict
     * @throws InputFormatException when the file cannot be read or has a line longer than
     *                              {@link #MAX_LINE_BYTES}, or (strict) at the first bad line
     */
    static List<SkippedLine> readLines(Path file, boolean lenient, LineSink sink) throws InputFormatException {
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
                    if (!lenient) {
                        throw new InputFormatException(file, lineNumber, problem);
                    }
                    skipped.add(new SkippedLine(lineNumber, lineText(buf, start, newline), problem));
                }
                start = Math.min(newline + 1, end);
                scan = start;
            }
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputFormatException(file, 0, "permission denied");
        } catch (FileSystemException e) {
            throw new InputFormatException(file, 0, e.getReason() != null ? e.getReason() : e.toString());
        } catch (IOException e) {
            throw new InputFormatException(file, 0, e.getMessage() != null ? e.getMessage() : e.toString());
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
        while (from < to && isAsciiWhitespace(buf[from])) {
            from++;
        }
        while (to > from && isAsciiWhitespace(buf[to - 1])) {
            to--;
        }
        if (from == to || buf[from] == '#') {
            return null;
        }
        return sink.accept(buf, from, to);
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
