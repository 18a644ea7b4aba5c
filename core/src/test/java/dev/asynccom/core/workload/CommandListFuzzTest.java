package dev.asynccom.core.workload;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.asynccom.core.AllocationMeter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands file loader on any bytes (Jazzer; {@code README.md}, "Fuzzing"): a strict load gives commands
 * that follow the file rules, or one {@link InputFormatException} naming the first bad line; a lenient load of
 * the same file skips exactly the lines a strict load would refuse, and only lines that break the rules
 * ({@link DataFileRules}); what loads writes back and loads again unchanged; never another exception, never
 * more allocation than the file's size accounts for.
 */
class CommandListFuzzTest {
    private static final Path FILE = DataFileRules.scratchFile("commands.txt");
    private static final Path WRITTEN = DataFileRules.scratchFile("commands-written.txt");
    /** {@code 0.0.0.0:a}. */
    private static final int SHORTEST_LINE_BYTES = 9;
    /** The loader's 64 KiB read buffer, its stream and the lists it sizes by the file's length. */
    private static final AllocationMeter METER = new AllocationMeter(64, 256 << 10);

    @FuzzTest
    void anyFileLoadsToCommandsOfTheFileRulesOrFailsNamingItsFirstBadLine(byte[] content) throws IOException {
        Files.write(FILE, content);
        Object strict = METER.call("a strict load", content.length, CommandListFuzzTest::loadStrict);
        Object lenientOrFailure = METER.call("a lenient load", content.length, CommandListFuzzTest::loadLenient);
        if (lenientOrFailure instanceof InputFormatException e) {
            assertEquals(strict.toString(), e.toString(), "a lenient load fails only as a strict one does");
            assertTrue(e.problem().startsWith("line is longer than"), e.getMessage());
            return;
        }
        @SuppressWarnings("unchecked")
        LoadReport<CommandList> lenient = (LoadReport<CommandList>) lenientOrFailure;
        int lines = DataFileRules.lines(content);
        for (SkippedLine skipped : lenient.skipped()) {
            assertFalse(DataFileRules.isClientLine(DataFileRules.line(content, skipped.line()), skipped.line()),
                    () -> "line " + skipped.line() + " follows the rules of a commands file line, yet: " + skipped.problem());
        }
        if (strict instanceof InputFormatException e) {
            DataFileRules.assertNamesFileAndLine(e, FILE, lines);
            assertFalse(lenient.skipped().isEmpty(), "a lenient load skips what a strict one refuses");
            assertEquals(e.line(), lenient.skipped().getFirst().line());
            assertEquals(e.problem(), lenient.skipped().getFirst().problem());
        } else {
            assertEquals(0, lenient.skippedCount(), "a lenient load skips nothing a strict one takes");
            assertSameCommands((CommandList) strict, lenient.value());
        }
        CommandList commands = lenient.value();
        assertTrue((long) commands.size() * SHORTEST_LINE_BYTES <= content.length,
                commands.size() + " commands from " + content.length + " bytes");
        assertTrue(commands.size() + lenient.skippedCount() <= lines);
        for (int i = 0; i < commands.size(); i++) {
            DataFileRules.assertDottedIpv4(commands.host(i));
            DataFileRules.assertCommand(commands.command(i));
            assertTrue(commands.line(i) >= 1 && commands.line(i) <= lines && (i == 0 || commands.line(i) > commands.line(i - 1)),
                    "command " + i + " from line " + commands.line(i));
        }
        WorkloadFiles.writeClientFile(WRITTEN, commands);
        assertSameCommands(commands, loadWritten(WRITTEN));
    }

    private static CommandList loadWritten(Path file) {
        try {
            CommandList list = CommandList.load(file);
            assertNotNull(list);
            return list;
        } catch (InputFormatException e) {
            throw new AssertionError("what a load gave, written again, does not load: " + e.getMessage(), e);
        }
    }

    private static void assertSameCommands(CommandList expected, CommandList actual) {
        assertEquals(expected.size(), actual.size(), "commands");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.host(i), actual.host(i), "host " + i);
            assertEquals(expected.command(i), actual.command(i), "command " + i);
        }
    }

    /** The list, or the exception that refused the file. */
    private static Object loadStrict() {
        try {
            return CommandList.load(FILE);
        } catch (InputFormatException e) {
            return e;
        }
    }

    /** The report, or the exception that refused the file. */
    private static Object loadLenient() {
        try {
            return CommandList.loadLenient(FILE);
        } catch (InputFormatException e) {
            return e;
        }
    }
}
