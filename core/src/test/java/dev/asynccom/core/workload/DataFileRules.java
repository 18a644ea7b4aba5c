package dev.asynccom.core.workload;

import dev.asynccom.core.Task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Four decimal octets 0-255, none with a leading zero. */
    static void assertDottedIpv4(String host) {
        String[] octets = host.split("\\.", -1);
        assertEquals(4, octets.length, "host " + host);
        for (String octet : octets) {
            assertTrue(!octet.isEmpty() && octet.length() <= 3 && octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    && Integer.toString(Integer.parseInt(octet)).equals(octet) && Integer.parseInt(octet) <= 255,
                    "host " + host);
        }
    }

    /** Non-empty, no ':', white space or control character, valid UTF-8 of at most 255 bytes. */
    static void assertCommand(String command) {
        byte[] utf8 = command.getBytes(StandardCharsets.UTF_8);
        assertTrue(!command.isEmpty() && utf8.length <= Task.MAX_STRING_BYTES, "command of " + utf8.length + " bytes");
        assertEquals(command, new String(utf8, StandardCharsets.UTF_8), "command is not valid UTF-16, so not UTF-8");
        command.codePoints().forEach(c -> assertTrue(c != ':' && !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && !Character.isISOControl(c), () -> "command " + command + " holds U+" + Integer.toHexString(c)));
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
