package dev.asynccom.core.workload;

import dev.asynccom.core.Task;
import dev.asynccom.core.UserError;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The syntax of one line of the seed's data files, shared by {@link DelayMap} (server lines
 * {@code <ipv4>:<command>:<response>:<wait seconds>}) and {@link CommandList} (client lines
 * {@code <ipv4>:<command>}); {@link LineReader} reads the files.
 *
 * <p>Files are UTF-8. Lines are parsed as byte ranges of the read buffer, without regular
 * expressions and without a {@code String} per line, so a million-line file loads in a fraction of a
 * second. An instance holds the fields of the last line parsed: it belongs to the one thread running
 * a load and is not shared.
 */
final class LineParser {
    static final String SERVER_FORMAT = "<ipv4>:<command>:<response>:<wait seconds>";
    static final String CLIENT_FORMAT = "<ipv4>:<command>";

    /** Values longer than this are decoded only in part for messages (which show even less). */
    private static final int MAX_QUOTED_BYTES = 240;
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

    /**
     * Checks a string as a command: non-empty, without {@code ':'}, white space or control characters, and
     * at most {@link Task#MAX_STRING_BYTES} bytes of UTF-8.
     */
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
            } else if (c < 0x20 || c == 0x7F) {
                return "command " + quote(b, from, to) + " contains a control character";
            }
        }
        if (!ascii) {
            String decoded = new String(b, from, to - from, StandardCharsets.UTF_8);
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                    return "command " + UserError.quote(decoded) + " contains white space";
                }
                if (Character.isISOControl(c)) {
                    return "command " + UserError.quote(decoded) + " contains a control character";
                }
            }
            // The decoder stands U+FFFD in for bytes that are not UTF-8, but U+FFFD is also a character of its own.
            byte[] encoded = decoded.getBytes(StandardCharsets.UTF_8);
            if (!Arrays.equals(encoded, 0, encoded.length, b, from, to)) {
                return "command " + UserError.quote(decoded) + " is not valid UTF-8";
            }
        }
        if (to - from > Task.MAX_STRING_BYTES) {
            return "command " + quote(b, from, to) + " is " + (to - from) + " bytes of UTF-8, more than the "
                    + Task.MAX_STRING_BYTES + " a task can carry";
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
        long nanos = Decimals.secondsToNanos(b, from, to);
        if (nanos < 0) {
            return Decimals.problem(nanos, quote(b, from, to));
        }
        delayNanos = nanos;
        return null;
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
    static boolean isAsciiWhitespace(byte c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }

    /** {@code b[from, to)} as {@link UserError#quote} shows it; a long value is decoded only in part. */
    private static String quote(byte[] b, int from, int to) {
        int end = Math.min(to, from + MAX_QUOTED_BYTES);
        String text = new String(b, from, end - from, StandardCharsets.UTF_8);
        return UserError.quote(end < to ? text + "..." : text);
    }
}
