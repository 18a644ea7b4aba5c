package dev.asynccom.core.workload;

import dev.asynccom.core.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data files' rules ({@link DelayMap#load}) written again, independently of {@link LineParser}, so the
 * loaders' fuzz tests can check what a load accepted and how it said what it refused.
 */
final class DataFileRules {
    private DataFileRules() {
    }

    /** A file in the temporary folder, removed when the JVM exits, for a fuzz test to rewrite on every input. */
    static Path scratchFile(String name) {
        try {
            Path file = Files.createTempFile("asynccom-fuzz-", "-" + name);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines as an editor counts them: a last line without its LF counts, an LF at the very end opens none. */
    static int lines(byte[] content) {
        int lines = 0;
        for (byte b : content) {
            if (b == '\n') {
                lines++;
            }
        }
        return content.length > 0 && content[content.length - 1] != '\n' ? lines + 1 : lines;
    }

    /** Line {@code line} (1-based) of {@code content}, without its LF. */
    static byte[] line(byte[] content, int line) {
        int start = 0;
        for (int n = 1; n < line; n++) {
            while (content[start] != '\n') {
                start++;
            }
            start++;
        }
        int end = start;
        while (end < content.length && content[end] != '\n') {
            end++;
        }
        return Arrays.copyOfRange(content, start, end);
    }

    /** Whether {@code raw}, line {@code number} of a file, follows the rules of a commands file line. */
    static boolean isClientLine(byte[] raw, int number) {
        String[] fields = fields(raw, number);
        return fields != null && fields.length == 2 && isDottedIpv4(fields[0]) && isCommand(fields[1]);
    }

    /**
     * Whether {@code raw}, line {@code number} of a file, surely follows the rules of a server map line: false
     * also for a wait near the largest one (about 9.2e9 s), whose limit the loader finds in binary floating point.
     */
    static boolean isServerLine(byte[] raw, int number) {
        String[] fields = fields(raw, number);
        if (fields == null || fields.length != 4 || !isDottedIpv4(fields[0]) || !isCommand(fields[1])) {
            return false;
        }
        try {
            Integer.parseInt(fields[2]);
            BigDecimal nanos = new BigDecimal(fields[3]).movePointRight(9);
            return fields[3].chars().allMatch(c -> c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+'
                    || c == '-') && nanos.signum() >= 0 && nanos.compareTo(BigDecimal.valueOf(9e18)) < 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The line's fields between colons, trimmed as the loaders trim, or null when it is not UTF-8. */
    private static String[] fields(byte[] raw, int number) {
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        if (number == 1 && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        int from = 0;
        int to = line.length();
        while (from < to && isAsciiWhiteSpace(line.charAt(from))) {
            from++;
        }
        while (to > from && isAsciiWhiteSpace(line.charAt(to - 1))) {
            to--;
        }
        return line.substring(from, to).split(":", -1);
    }

    /** What {@link Character#isWhitespace} takes below U+0080, and what a loader trims. */
    private static boolean isAsciiWhiteSpace(char c) {
        return c < 0x80 && Character.isWhitespace(c);
    }

    private static boolean isDottedIpv4(String host) {
        String[] octets = host.split("\\.", -1);
        return octets.length == 4 && Arrays.stream(octets).allMatch(octet -> !octet.isEmpty() && octet.length() <= 3
                && octet.chars().allMatch(c -> c >= '0' && c <= '9')
                && Integer.toString(Integer.parseInt(octet)).equals(octet) && Integer.parseInt(octet) <= 255);
    }

    private static boolean isCommand(String command) {
        return !command.isEmpty() && command.getBytes(StandardCharsets.UTF_8).length <= Task.MAX_STRING_BYTES
                && command.codePoints().allMatch(c -> c != ':' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && !Character.isISOControl(c) && (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE));
    }

    /** Four decimal octets 0-255, none with a leading zero. */
    static void assertDottedIpv4(String host) {
        assertTrue(isDottedIpv4(host), "host " + host);
    }

    /** Non-empty, no ':', white space or control character, valid UTF-8 of at most 255 bytes. */
    static void assertCommand(String command) {
        assertTrue(isCommand(command), "command " + command + " of " + command.getBytes(StandardCharsets.UTF_8).length
                + " bytes, " + command.codePoints().mapToObj(c -> "U+" + Integer.toHexString(c)).toList());
    }

    /**
     * The one sentence a user sees: {@code <file>:<line>: <problem>}, for a line of the file, on one line and
     * with nothing a terminal would interpret (the file's bytes quoted through {@code UserError.quote}).
     */
    static void assertNamesFileAndLine(InputFormatException e, Path file, int lines) {
        assertTrue(e.line() >= 1 && e.line() <= lines, "line " + e.line() + " of " + lines);
        assertTrue(e.getMessage().startsWith(file + ":" + e.line() + ": "), e.getMessage());
        e.getMessage().codePoints().forEach(c -> assertTrue(switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SURROGATE -> false;
            default -> true;
        }, () -> "U+" + Integer.toHexString(c) + " in the message " + e.getMessage()));
    }
}
