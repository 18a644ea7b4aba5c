package dev.asynccom.core.workload;

import dev.asynccom.core.Task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandListTest {
    @TempDir
    Path dir;

    @Test
    void seedClientFileLoadsEveryCommandInOrder() throws Exception {
        CommandList commands = CommandList.load(SeedFiles.clientData());
        assertEquals(512, commands.size());
        assertEquals(new Task(0, "137.72.95.0", "foo"), commands.task(0, 0));
        assertEquals(new Task(7, "137.72.95.0", "bar"), commands.task(7, 1));
        assertEquals("137.72.95.255", commands.host(511));
        assertEquals("bar", commands.command(511));
    }

    @Test
    void duplicateCommandsAreKeptAsSeparateTasks() throws Exception {
        CommandList commands = CommandList.load(write("1.1.1.1:foo", "1.1.1.1:foo"));
        assertEquals(2, commands.size());
    }

    @Test
    void blankLinesCommentsAndCrlfAreAccepted() throws Exception {
        Path file = dir.resolve("crlf.txt");
        Files.writeString(file, "# commands\r\n\r\n1.1.1.1:foo\r\n 2.2.2.2:bar \r\n", StandardCharsets.UTF_8);
        CommandList commands = CommandList.load(file);
        assertEquals(2, commands.size());
        assertEquals("2.2.2.2", commands.host(1));
        assertEquals("bar", commands.command(1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.1.1.1:foo:1:1 | expected <ipv4>:<command>, got '1.1.1.1:foo:1:1'",
        "foo             | expected <ipv4>:<command>, got 'foo'",
        "256.1.1.1:foo   | host '256.1.1.1' is not a dotted IPv4 address",
        "1.1.1.1:        | command is empty",
        "1.1.1.1:a\tb    | command 'a\\tb' contains white space",
    })
    void badLineFailsNamingFileLineAndProblem(String line, String problem) throws Exception {
        Path file = write("1.1.1.1:ok", line);
        var e = assertThrows(InputFormatException.class, () -> CommandList.load(file));
        assertEquals(file + ":2: " + problem, e.getMessage());
    }

    @Test
    void commandLongerThanATaskCanCarryIsRefusedAtItsLine() throws Exception {
        Path file = write("1.2.3.4:ok", "1.2.3.4:" + "0".repeat(300));
        var e = assertThrows(InputFormatException.class, () -> CommandList.load(file));
        assertEquals(file + ":2: command '" + "0".repeat(57) + "...' is 300 bytes of UTF-8, more than the "
                + Task.MAX_STRING_BYTES + " a task can carry", e.getMessage());
    }

    @Test
    void lenientLoadSkipsAndListsBadLines() throws Exception {
        Path file = write("1.1.1.1:foo", "1.1.1:foo", "1.1.1.2:bar", "1.1.1.3:b a r");
        LoadReport<CommandList> report = CommandList.loadLenient(file);
        assertEquals(2, report.value().size());
        assertEquals("1.1.1.2", report.value().host(1));
        assertEquals(List.of(
                new SkippedLine(2, "1.1.1:foo", "host '1.1.1' is not a dotted IPv4 address"),
                new SkippedLine(4, "1.1.1.3:b a r", "command 'b a r' contains white space")), report.skipped());
    }

    @Test
    void eachCommandRemembersItsFileLineCountingBlankAndCommentLines() throws Exception {
        Path file = write("# commands", "", "1.1.1.1:foo", "  # a note", "2.2.2.2:bar", "1.1.1.1:foo");
        CommandList commands = CommandList.load(file);
        assertEquals(List.of(3, 5, 6), IntStream.range(0, commands.size()).mapToObj(commands::line).toList());
        CommandList cycled = commands.cycled(5);
        assertEquals(List.of(3, 5, 6, 3, 5), IntStream.range(0, 5).mapToObj(cycled::line).toList());

        LoadReport<CommandList> lenient = CommandList.loadLenient(write("1.1.1.1:foo", "bad", "2.2.2.2:bar"));
        assertEquals(3, lenient.value().line(1), "a skipped line still counts");
        CommandList inMemory = CommandList.of(List.of("1.1.1.1:foo", "2.2.2.2:bar"));
        assertEquals(List.of(1, 2), List.of(inMemory.line(0), inMemory.line(1)), "a list's position from 1");
    }

    @Test
    void missingFileFailsForTheWholeFile() {
        Path missing = dir.resolve("missing.txt");
        var e = assertThrows(InputFormatException.class, () -> CommandList.load(missing));
        assertEquals("cannot read " + missing + ": no such file", e.getMessage());
    }

    @Test
    void ofKeysSplitsEachKey() {
        CommandList commands = CommandList.of(List.of("1.1.1.1:foo", "2.2.2.2:bar"));
        assertEquals(2, commands.size());
        assertEquals(new Task(5, "2.2.2.2", "bar"), commands.task(5, 1));
    }

    @Test
    void ofKeysNamesTheBadKey() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CommandList.of(List.of("1.1.1.1:foo", "1.1.1.1 foo")));
        assertEquals("command key 1 '1.1.1.1 foo' is bad: expected <ipv4>:<command>, got '1.1.1.1 foo'",
                e.getMessage());
    }

    @Test
    void ofArraysCopiesTheArrays() {
        String[] hosts = {"1.1.1.1", "2.2.2.2"};
        String[] commands = {"a", "b"};
        CommandList list = CommandList.of(hosts, commands);
        hosts[0] = "9.9.9.9";
        commands[0] = "z";
        assertEquals("1.1.1.1", list.host(0));
        assertEquals("a", list.command(0));
    }

    @Test
    void ofArraysRefusesBadHostsCommandsAndLengths() {
        var badHost = assertThrows(IllegalArgumentException.class,
                () -> CommandList.of(new String[] {"1.1.1.1", "host"}, new String[] {"a", "b"}));
        assertEquals("command 1 is bad: host 'host' is not a dotted IPv4 address", badHost.getMessage());
        var badCommand = assertThrows(IllegalArgumentException.class,
                () -> CommandList.of(new String[] {"1.1.1.1"}, new String[] {"a:b"}));
        assertEquals("command 0 is bad: command 'a:b' contains ':'", badCommand.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CommandList.of(new String[] {"1.1.1.1"}, new String[] {"a", "b"}));
    }

    private Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "client", ".txt");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void aCycledListRunsThroughTheCommandsAgainAndAgainToExactlyItsLength() {
        CommandList three = CommandList.of(List.of("10.0.0.1:a", "10.0.0.2:b", "10.0.0.3:c"));
        CommandList seven = three.cycled(7);
        assertEquals(7, seven.size());
        assertEquals(List.of("10.0.0.1:a", "10.0.0.2:b", "10.0.0.3:c", "10.0.0.1:a", "10.0.0.2:b", "10.0.0.3:c",
                "10.0.0.1:a"), IntStream.range(0, 7).mapToObj(i -> seven.task(i, i).key()).toList());
        assertEquals(List.of("10.0.0.1:a"), List.of(three.cycled(1).task(0, 0).key()));
        assertThrows(IllegalArgumentException.class, () -> three.cycled(0));
    }
}
