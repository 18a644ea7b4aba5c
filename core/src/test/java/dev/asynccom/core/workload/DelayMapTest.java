package dev.asynccom.core.workload;

import dev.asynccom.core.Task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DelayMapTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void seedServerFileLoadsEveryEntryWithResponseOneAndOneSecond() throws Exception {
        DelayMap map = DelayMap.load(SeedFiles.serverData());
        assertEquals(512, map.size());
        assertEquals(512, map.responseSum());
        assertEquals(512 * SECOND, map.totalDelayNanos());
        for (int i = 0; i < map.size(); i++) {
            assertEquals(1, map.response(i));
            assertEquals(SECOND, map.delayNanos(i));
        }
        assertEquals(0, map.indexOf("137.72.95.0", "foo"));
        assertEquals(511, map.indexOf("137.72.95.255", "bar"));
    }

    @Test
    void everyCommandOfTheSeedClientFileIsKnown() throws Exception {
        DelayMap map = DelayMap.load(SeedFiles.serverData());
        CommandList commands = CommandList.load(SeedFiles.clientData());
        assertEquals(512, commands.size());
        for (int i = 0; i < commands.size(); i++) {
            String key = commands.host(i) + ":" + commands.command(i);
            int index = map.indexOf(commands.host(i), commands.command(i));
            assertTrue(index >= 0, () -> "unknown " + key);
            assertEquals(commands.host(i), map.host(index));
            assertEquals(commands.command(i), map.command(index));
        }
    }

    @Test
    void absentKeysAreMinusOne() throws Exception {
        DelayMap map = DelayMap.load(SeedFiles.serverData());
        assertEquals(-1, map.indexOf("137.72.95.0", "baz"));
        assertEquals(-1, map.indexOf("137.72.96.0", "foo"));
        assertEquals(-1, map.indexOf("137.72.95.0:foo", ""));
        assertEquals(-1, map.indexOf(new Task(1, "10.0.0.1", "foo")));
    }

    @Test
    void indexOfTaskFindsTheTasksHostAndCommand() throws Exception {
        DelayMap map = DelayMap.load(SeedFiles.serverData());
        assertEquals(map.indexOf("137.72.95.7", "bar"), map.indexOf(Task.of(9, "137.72.95.7:bar")));
        assertTrue(map.indexOf(Task.of(9, "137.72.95.7:bar")) >= 0);
    }

    @Test
    void keyHashIsTheHashOfTheConcatenatedKey() {
        String longCommand = "c".repeat(100);
        for (String command : List.of("", "foo", "cmd7", longCommand)) {
            assertEquals(("10.1.2.3:" + command).hashCode(), KeyTable.keyHash("10.1.2.3", command));
        }
    }

    @Test
    void everyEntryOfALargeMapIsFoundAtItsIndex() {
        int size = 100_000;
        DelayMap.Builder builder = DelayMap.builder(16);
        for (int i = 0; i < size; i++) {
            builder.put(host(i), "cmd" + (i % 3), i, i * 10L);
        }
        DelayMap map = builder.build();
        assertEquals(size, map.size());
        for (int i = 0; i < size; i++) {
            int index = map.indexOf(host(i), "cmd" + (i % 3));
            assertEquals(i, index);
            assertEquals(i, map.response(index));
            assertEquals(i * 10L, map.delayNanos(index));
            assertEquals(-1, map.indexOf(host(i), "cmd" + (i % 3 + 3)));
        }
        assertEquals((long) size * (size - 1) / 2, map.responseSum());
    }

    private static String host(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    @Test
    void laterDuplicateKeyWinsAndKeepsItsIndex() throws Exception {
        Path file = write("1.1.1.1:foo:1:1", "2.2.2.2:foo:2:2", "1.1.1.1:foo:7:0.5");
        DelayMap map = DelayMap.load(file);
        assertEquals(2, map.size());
        assertEquals(0, map.indexOf("1.1.1.1", "foo"));
        assertEquals(7, map.response(0));
        assertEquals(SECOND / 2, map.delayNanos(0));
        assertEquals(9, map.responseSum());
    }

    @Test
    void keyDefinedAgainIsReportedNamingBothLines() throws Exception {
        Path file = write("1.1.1.1:foo:1:1", "# note", "2.2.2.2:foo:2:2", "1.1.1.1:foo:7:0.5", "1.1.1.1:foo:8:0");
        LoadReport<DelayMap> report = DelayMap.load(file, LoadMode.STRICT);
        assertEquals(List.of(new RedefinedKey("1.1.1.1:foo", 4, 1), new RedefinedKey("1.1.1.1:foo", 5, 4)),
                report.redefined());
        assertEquals(8, report.value().response(0), "the last line wins");
        assertEquals(file + ":4: 1.1.1.1:foo is defined again, after " + file + ":1; the later line wins",
                report.redefined().getFirst().sentence(file));
    }

    @Test
    void lenientLoadReportsRedefinedKeysBesideSkippedLines() throws Exception {
        Path file = write("1.1.1.1:foo:1:1", "garbage", "1.1.1.1:foo:2:1");
        LoadReport<DelayMap> report = DelayMap.load(file, LoadMode.LENIENT);
        assertEquals(List.of(new RedefinedKey("1.1.1.1:foo", 3, 1)), report.redefined());
        assertEquals(1, report.skippedCount());
        assertEquals(2, report.value().response(0));
    }

    @Test
    void redefinitionsAreFoundPastTheFirstGrowthOfTheTable() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add(host(i) + ":foo:1:0");
        }
        lines.add(host(999) + ":foo:2:0");
        Path file = write(lines.toArray(String[]::new));
        assertEquals(List.of(new RedefinedKey(host(999) + ":foo", 1001, 1000)),
                DelayMap.load(file, LoadMode.STRICT).redefined());
    }

    @Test
    void builderCanBeReusedAfterBuild() {
        DelayMap.Builder builder = DelayMap.builder(1).put("1.1.1.1", "a", 1, 0);
        DelayMap first = builder.build();
        builder.put("1.1.1.1", "a", 5, 0).put("1.1.1.2", "a", 1, 0);
        assertEquals(1, first.size());
        assertEquals(1, first.response(0));
        assertEquals(2, builder.build().size());
    }

    @Test
    void builderRefusesNegativeDelay() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> DelayMap.builder(1).put("1.1.1.1", "a", 1, -1));
        assertTrue(e.getMessage().contains("1.1.1.1:a"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1         | 1000000000",
        "0         | 0",
        "0.5       | 500000000",
        "1e-3      | 1000000",
        "1.5E2     | 150000000000",
        ".25       | 250000000",
        "0.0000000015 | 2",
        "-0        | 0",
    })
    void waitIsDecimalSecondsRoundedToNanoseconds(String wait, long nanos) throws Exception {
        DelayMap map = DelayMap.load(write("1.2.3.4:foo:1:" + wait));
        assertEquals(nanos, map.delayNanos(0));
    }

    @Test
    void responseTakesTheWholeIntRange() throws Exception {
        DelayMap map = DelayMap.load(write("1.2.3.4:a:-2147483648:0", "1.2.3.4:b:2147483647:0", "1.2.3.4:c:+3:0"));
        assertEquals(Integer.MIN_VALUE, map.response(0));
        assertEquals(Integer.MAX_VALUE, map.response(1));
        assertEquals(3, map.response(2));
        assertEquals(2, map.responseSum());
    }

    @Test
    void blankLinesCommentsCrlfAndSurroundingWhiteSpaceAreAccepted() throws Exception {
        String text = "\uFEFF# the server's commands\r\n"
                + "\r\n"
                + "   # indented comment\r\n"
                + "1.2.3.4:foo:1:1\r\n"
                + "  1.2.3.4:bar:2:0.5 \t\r\n"
                + "\t\r\n"
                + "0.0.0.0:x-y_z.1:3:0";
        Path file = dir.resolve("crlf.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        DelayMap map = DelayMap.load(file);
        assertEquals(3, map.size());
        assertEquals(2, map.response(map.indexOf("1.2.3.4", "bar")));
        assertEquals(0, map.indexOf("1.2.3.4", "foo"));
        assertEquals(2, map.indexOf("0.0.0.0", "x-y_z.1"));
    }

    @Test
    void lastLineNeedsNoLineEnding() throws Exception {
        Path file = dir.resolve("no-newline.txt");
        Files.writeString(file, "1.1.1.1:a:1:1\n1.1.1.2:b:2:2", StandardCharsets.UTF_8);
        DelayMap map = DelayMap.load(file);
        assertEquals(2, map.size());
        assertEquals(2 * SECOND, map.delayNanos(map.indexOf("1.1.1.2", "b")));
    }

    @Test
    void fileLargerThanTheReadBufferLoadsEveryLineAndCountsLinesAcrossIt() throws Exception {
        int lines = 20_000;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(host(i)).append(":cmd").append(i % 5).append(':').append(i).append(":0.001\n");
        }
        text.append("1.2.3.4:late:1:soon\n");
        Path file = dir.resolve("large.txt");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertEquals(lines + 1, e.line());
        LoadReport<DelayMap> report = DelayMap.loadLenient(file);
        assertEquals(lines, report.value().size());
        assertEquals(lines - 1, report.value().response(report.value().indexOf(host(lines - 1), "cmd" + (lines - 1) % 5)));
        assertEquals(1_000_000L * lines, report.value().totalDelayNanos());
    }

    @Test
    void commandWithUnicodeWhiteSpaceIsRefused() throws Exception {
        Path file = write("1.1.1.1:no\u00A0break:1:1");
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertEquals("command 'no\u00A0break' contains white space", e.problem());
    }

    @Test
    void commandMayBeAnyOtherUnicodeToken() throws Exception {
        DelayMap map = DelayMap.load(write("1.1.1.1:h\u00E9llo-\u4E16\u754C:1:1"));
        assertEquals(0, map.indexOf("1.1.1.1", "h\u00E9llo-\u4E16\u754C"));
    }

    @Test
    void lineLongerThanTheLimitFailsTheLoad() throws Exception {
        Path file = dir.resolve("long-line.txt");
        Files.writeString(file, "1.1.1.1:a:1:1\n" + "x".repeat(LineReader.MAX_LINE_BYTES + 1) + "\n");
        var e = assertThrows(InputFormatException.class, () -> DelayMap.loadLenient(file));
        assertEquals(2, e.line());
        assertEquals("line is longer than " + LineReader.MAX_LINE_BYTES + " bytes", e.problem());
    }

    @Test
    void emptyFileGivesAnEmptyMap() throws Exception {
        DelayMap map = DelayMap.load(write());
        assertEquals(0, map.size());
        assertEquals(-1, map.indexOf("1.2.3.4", "foo"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "300.1.1.1:foo:1:1     | host '300.1.1.1' is not a dotted IPv4 address",
        "1.2.3:foo:1:1         | host '1.2.3' is not a dotted IPv4 address",
        "1.2.3.4.5:foo:1:1     | host '1.2.3.4.5' is not a dotted IPv4 address",
        "01.2.3.4:foo:1:1      | host '01.2.3.4' is not a dotted IPv4 address",
        "a.b.c.d:foo:1:1       | host 'a.b.c.d' is not a dotted IPv4 address",
        "example.com:foo:1:1   | host 'example.com' is not a dotted IPv4 address",
        "abc                   | expected <ipv4>:<command>:<response>:<wait seconds>, got 'abc'",
        "1.2.3.4:foo:1         | expected <ipv4>:<command>:<response>:<wait seconds>, got '1.2.3.4:foo:1'",
        "1.2.3.4:foo:1:1:1     | expected <ipv4>:<command>:<response>:<wait seconds>, got '1.2.3.4:foo:1:1:1'",
        "1.2.3.4::1:1          | command is empty",
        "1.2.3.4:foo bar:1:1   | command 'foo bar' contains white space",
        "1.2.3.4:foo\u0001:1:1 | command 'foo\\x01' contains a control character",
        "1.2.3.4:\u001B[31m:1:1 | command '\\x1B[31m' contains a control character",
        "1.2.3.4:a\u0085b:1:1  | command 'a\\x85b' contains a control character",
        "1.2.3.4:foo:x:1       | response 'x' is not an integer",
        "1.2.3.4:foo::1        | response '' is not an integer",
        "1.2.3.4:foo:1.0:1     | response '1.0' is not an integer",
        "1.2.3.4:foo:2147483648:1 | response '2147483648' does not fit in a 32-bit integer",
        "1.2.3.4:foo:1:-1      | wait '-1' is negative",
        "1.2.3.4:foo:1:-0.5    | wait '-0.5' is negative",
        "1.2.3.4:foo:1:NaN     | wait 'NaN' is not a finite decimal number of seconds",
        "1.2.3.4:foo:1:Infinity | wait 'Infinity' is not a finite decimal number of seconds",
        "1.2.3.4:foo:1:0x10    | wait '0x10' is not a finite decimal number of seconds",
        "1.2.3.4:foo:1:1d      | wait '1d' is not a finite decimal number of seconds",
        "1.2.3.4:foo:1:1s      | wait '1s' is not a finite decimal number of seconds",
        "1.2.3.4:foo:1:        | wait '' is not a finite decimal number of seconds",
        "1.2.3.4:foo:1:1e400   | wait '1e400' is too long (the maximum is about 9.2e9 seconds)",
    })
    void badLineFailsNamingFileLineAndProblem(String line, String problem) throws Exception {
        Path file = write(line);
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertEquals(file + ":1: " + problem, e.getMessage());
        assertEquals(1, e.line());
        assertEquals(problem, e.problem());
        assertEquals(file, e.file());
    }

    @Test
    void commandLongerThanATaskCanCarryIsRefusedAtItsLine() throws Exception {
        String longest = "c".repeat(Task.MAX_STRING_BYTES);
        Path file = write("1.1.1.1:" + longest + ":1:1", "1.1.1.1:" + longest + "x:1:1");
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertEquals(2, e.line());
        assertTrue(e.problem().endsWith("' is 256 bytes of UTF-8, more than the 255 a task can carry"), e.problem());
        assertEquals(1, DelayMap.loadLenient(file).value().size(), "the longest a task can carry loads");
    }

    @Test
    void commandLimitCountsBytesNotCharacters() throws Exception {
        Path file = write("1.1.1.1:" + "\u00E9".repeat(128) + ":1:1");
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertTrue(e.problem().contains(" is 256 bytes of UTF-8"), e.problem());
    }

    @Test
    void badLineAfterGoodOnesReportsItsOwnLineNumber() throws Exception {
        Path file = write("# header", "1.1.1.1:foo:1:1", "", "1.1.1.2:foo:1:1", "1.1.1.3:foo:one:1", "1.1.1.4:foo:x:1");
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertEquals(5, e.line());
        assertEquals(file + ":5: response 'one' is not an integer", e.getMessage());
    }

    @Test
    void longBadValueIsShortenedInTheMessage() throws Exception {
        String longCommand = "x".repeat(500);
        Path file = write("1.1.1.1:" + longCommand + " y:1:1");
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.problem().endsWith("...' contains white space"), e.problem());
    }

    @Test
    void commandWithBytesThatAreNotUtf8IsRefused() throws Exception {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'1', '.', '1', '.', '1', '.', '1', ':', 'c', (byte) 0xE9, ':', '1', ':', '1'});
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(file));
        assertEquals(1, e.line());
        assertTrue(e.problem().endsWith("is not valid UTF-8"), e.problem());
    }

    @Test
    void replacementCharacterIsACommandCharacterNotABadByte() throws Exception {
        DelayMap map = DelayMap.load(write("1.1.1.1:c\uFFFD:1:1")); // was refused as bytes that are not UTF-8
        assertEquals("c\uFFFD", map.command(0));
    }

    @Test
    void lenientLoadSkipsAndListsEveryBadLine() throws Exception {
        Path file = write("1.1.1.1:foo:1:1", "300.1.1.1:foo:1:1", "1.1.1.2:foo:1:1", "garbage", "1.1.1.3:foo:1:-2");
        LoadReport<DelayMap> report = DelayMap.loadLenient(file);
        assertEquals(2, report.value().size());
        assertEquals(3, report.skippedCount());
        assertEquals(new SkippedLine(2, "300.1.1.1:foo:1:1", "host '300.1.1.1' is not a dotted IPv4 address"),
                report.skipped().get(0));
        assertEquals(4, report.skipped().get(1).line());
        assertEquals("garbage", report.skipped().get(1).text());
        assertEquals(new SkippedLine(5, "1.1.1.3:foo:1:-2", "wait '-2' is negative"), report.skipped().get(2));
    }

    @Test
    void lenientLoadOfAGoodFileSkipsNothing() throws Exception {
        LoadReport<DelayMap> report = DelayMap.loadLenient(SeedFiles.serverData());
        assertEquals(512, report.value().size());
        assertEquals(0, report.skippedCount());
    }

    @Test
    void missingFileFailsForTheWholeFile() {
        Path missing = dir.resolve("missing.txt");
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(missing));
        assertEquals("cannot read " + missing + ": no such file", e.getMessage());
        assertEquals(0, e.line());
        var lenient = assertThrows(InputFormatException.class, () -> DelayMap.loadLenient(missing));
        assertEquals(0, lenient.line());
    }

    @Test
    void directoryFailsForTheWholeFile() {
        var e = assertThrows(InputFormatException.class, () -> DelayMap.load(dir));
        assertEquals("cannot read " + dir + ": it is a directory", e.getMessage());
    }

    private Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "server", ".txt");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
