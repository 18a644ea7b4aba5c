package dev.asynccom.core.workload;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.asynccom.core.AllocationMeter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server map loader on any bytes (Jazzer; {@code README.md}, "Fuzzing"): a strict load gives a map of
 * entries that follow the file rules, each found again by its key, or one {@link InputFormatException} naming
 * the first bad line; a lenient load of the same file skips exactly the lines a strict load would refuse, and
 * only lines that break the rules ({@link DataFileRules}); a key defined again is reported with both lines;
 * what loads writes back and loads again unchanged; never another exception, never more allocation than the
 * file's size accounts for.
 */
class DelayMapFuzzTest {
    private static final Path FILE = DataFileRules.scratchFile("map.txt");
    private static final Path WRITTEN = DataFileRules.scratchFile("map-written.txt");
    /** {@code 0.0.0.0:a:0:0}. */
    private static final int SHORTEST_LINE_BYTES = 13;
    /** The loader's 64 KiB read buffer, its stream and the table it sizes by the file's length. */
    private static final AllocationMeter METER = new AllocationMeter(64, 256 << 10);

    @FuzzTest
    void anyFileLoadsToAMapOfTheFileRulesOrFailsNamingItsFirstBadLine(byte[] content) throws IOException {
        Files.write(FILE, content);
        Object strict = METER.call("a strict load", content.length, () -> load(FILE, LoadMode.STRICT));
        Object lenientOrFailure = METER.call("a lenient load", content.length, () -> load(FILE, LoadMode.LENIENT));
        if (lenientOrFailure instanceof InputFormatException e) {
            assertEquals(strict.toString(), e.toString(), "a lenient load fails only as a strict one does");
            assertTrue(e.problem().startsWith("line is longer than"), e.getMessage());
            return;
        }
        LoadReport<DelayMap> lenient = report(lenientOrFailure);
        int lines = DataFileRules.lines(content);
        for (SkippedLine skipped : lenient.skipped()) {
            assertFalse(DataFileRules.isServerLine(DataFileRules.line(content, skipped.line()), skipped.line()),
                    () -> "line " + skipped.line() + " follows the rules of a server map line, yet: " + skipped.problem());
        }
        if (strict instanceof InputFormatException e) {
            DataFileRules.assertNamesFileAndLine(e, FILE, lines);
            assertFalse(lenient.skipped().isEmpty(), "a lenient load skips what a strict one refuses");
            assertEquals(e.line(), lenient.skipped().getFirst().line());
            assertEquals(e.problem(), lenient.skipped().getFirst().problem());
        } else {
            assertEquals(0, lenient.skippedCount(), "a lenient load skips nothing a strict one takes");
            assertSameEntries(report(strict).value(), lenient.value());
            assertEquals(report(strict).redefined(), lenient.redefined());
        }
        DelayMap map = lenient.value();
        assertTrue((long) map.size() * SHORTEST_LINE_BYTES <= content.length,
                map.size() + " entries from " + content.length + " bytes");
        assertTrue(map.size() + lenient.redefined().size() + lenient.skippedCount() <= lines);
        for (int i = 0; i < map.size(); i++) {
            DataFileRules.assertDottedIpv4(map.host(i));
            DataFileRules.assertCommand(map.command(i));
            assertTrue(map.delayNanos(i) >= 0, "delay " + map.delayNanos(i));
            assertEquals(i, map.indexOf(map.host(i), map.command(i)), "entry " + i + " found by its key");
        }
        for (RedefinedKey r : lenient.redefined()) {
            assertTrue(r.earlierLine() >= 1 && r.earlierLine() < r.line() && r.line() <= lines, r.toString());
        }
        WorkloadFiles.writeServerFile(WRITTEN, map);
        LoadReport<DelayMap> reloaded = loadWritten();
        assertSameEntries(map, reloaded.value());
        assertEquals(List.of(), reloaded.redefined(), "a written map defines each key once");
    }

    private static LoadReport<DelayMap> loadWritten() {
        try {
            return DelayMap.load(WRITTEN, LoadMode.STRICT);
        } catch (InputFormatException e) {
            throw new AssertionError("what a load gave, written again, does not load: " + e.getMessage(), e);
        }
    }

    private static void assertSameEntries(DelayMap expected, DelayMap actual) {
        assertEquals(expected.size(), actual.size(), "entries");
        for (int i = 0; i < expected.size(); i++) {
            String entry = "entry " + i + " (" + expected.host(i) + ":" + expected.command(i) + ")";
            assertEquals(expected.host(i), actual.host(i), entry);
            assertEquals(expected.command(i), actual.command(i), entry);
            assertEquals(expected.response(i), actual.response(i), entry);
            assertEquals(expected.delayNanos(i), actual.delayNanos(i), entry);
        }
    }

    @SuppressWarnings("unchecked")
    private static LoadReport<DelayMap> report(Object loaded) {
        return (LoadReport<DelayMap>) loaded;
    }

    /** The report, or the exception that refused the file. */
    private static Object load(Path file, LoadMode mode) {
        try {
            return DelayMap.load(file, mode);
        } catch (InputFormatException e) {
            return e;
        }
    }
}
