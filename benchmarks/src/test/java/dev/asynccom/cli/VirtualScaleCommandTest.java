package dev.asynccom.cli;

import dev.asynccom.results.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code virtual-scale}, small: the bare program and real server and client JVMs, every task of every client run
 * accounted for, both files with their columns; bad input refused in one sentence.
 */
@Timeout(180)
class VirtualScaleCommandTest {
    @TempDir
    Path dir;

    @Test
    void aSmallRunAnswersEveryTaskAndWritesEveryColumn() throws Exception {
        Path out = dir.resolve("vs");
        CommandRun run = CommandRun.of(new VirtualScaleCommand(), "--tasks", "2000", "--delay", "50ms", "--rounds",
                "1", "--seed-files", "../examples", "--young", "64m", "--out", out.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<Map<String, String>> rows = rows(out.resolve(VirtualScaleCommand.FILE_NAME), VirtualScaleCommand.COLUMNS);
        assertEquals(VirtualScaleCommand.LEGS, rows.stream().map(r -> r.get("leg")).toList());
        for (Map<String, String> row : rows) {
            String leg = row.get("leg");
            double makespan = Double.parseDouble(row.get("makespan_ms"));
            double ideal = Double.parseDouble(row.get("ideal_ms"));
            // Nothing finishes before its sleep: a makespan below the delay would be a measuring bug.
            assertTrue(makespan >= ideal, leg + ": makespan " + makespan + " ms below the ideal " + ideal + " ms");
            assertFalse(row.get("overshoot_p50_ms").isEmpty(), leg + ": " + row);
            assertEquals("64m", row.get("young"), row.toString());
            assertEquals("false", row.get("aot"), "no --aot: every JVM plain: " + row);
            // The sleeping JVM's collections within the leg: none at all is a count too, and no pause has no length.
            long pauses = Long.parseLong(row.get("gc_pauses"));
            assertEquals(pauses == 0, Double.parseDouble(row.get("gc_ms")) == 0, leg + ": " + row);
            if (leg.equals("bare")) {
                assertEquals("2000", row.get("tasks"));
                assertEquals("0", row.get("exit"), row.toString());
                continue;
            }
            String tasks = leg.startsWith("seed") ? "512" : "2000";
            for (String count : List.of("tasks", "sent", "answered", "ok")) {
                assertEquals(tasks, row.get(count), leg + " " + count + " in " + row);
            }
            for (String none : List.of("errors", "missing", "duplicates")) {
                assertEquals("0", row.get(none), leg + " " + none + " in " + row);
            }
            assertEquals("true", row.get("accounted"), row.toString());
            // The server counts the two client runs it served: both received and both answered.
            assertEquals(Long.toString(2 * Long.parseLong(tasks)), row.get("server_received"), row.toString());
            assertEquals(row.get("server_received"), row.get("server_sent"), row.toString());
            if (leg.startsWith("loop")) {
                assertFalse(row.get("over_bare").isEmpty(), row.toString());
            }
        }
        List<Map<String, String>> summary = rows(out.resolve(VirtualScaleCommand.SUMMARY_FILE_NAME),
                VirtualScaleCommand.SUMMARY_COLUMNS);
        assertEquals(VirtualScaleCommand.LEGS, summary.stream().map(r -> r.get("leg")).toList());
        assertTrue(summary.stream().filter(r -> !r.get("leg").equals("bare"))
                .allMatch(r -> r.get("all_accounted").equals("true")), summary.toString());
        for (String gcLog : List.of("round1-bare-gc.log", "round1-loop-server-gc.log", "round1-seed-server-gc.log")) {
            assertTrue(Files.readString(out.resolve(gcLog)).contains("[gc] Using "), gcLog);
        }
        assertTrue(run.out().startsWith("leg "), run.out());
        assertTrue(run.err().strip().endsWith("every task of every client run was answered ok, once."), run.err());
        String readme = Files.readString(Path.of("..", "results", "README.md"));
        for (String column : VirtualScaleCommand.COLUMNS) {
            assertTrue(readme.contains("`" + column + "`"), "results/README.md does not document " + column);
        }
    }

    @Test
    void badInputIsOneSentenceAndExit2() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("used")).resolve("x.csv"), "x");
        Map<List<String>, String> cases = Map.of(
                List.of("--tasks", "0"), "--tasks must be from 1 to 10000000, got 0",
                List.of("--delay", "0s"), "--delay must be from 1ms to 60s",
                List.of("--delay", "2m"), "--delay must be from 1ms to 60s",
                List.of("--rounds", "0"), "--rounds must be from 1 to 50, got 0",
                List.of("--batch", "0"), "--batch must be from 1",
                List.of("--seed-files", dir.resolve("nowhere").toString()), "does not hold server_data.txt",
                List.of("--out", dir.resolve("used").toString()), "already holds files",
                List.of("--young", "lots"), "--young takes a size as -Xmx does, such as 256m or 1g, got 'lots'",
                List.of("--young", "1m"), "--young must be at least 16m, got 1m",
                List.of("--young", "99999g"), "more than this machine's memory");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new ArrayList<>(c.getKey());
            if (!args.contains("--seed-files")) {
                args.addAll(List.of("--seed-files", "../examples"));
            }
            if (!args.contains("--out")) {
                args.addAll(List.of("--out", dir.resolve("unused").toString()));
            }
            CommandRun run = CommandRun.of(new VirtualScaleCommand(), args.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), c.getKey() + ": " + run.err());
            assertTrue(run.errIsOneSentence() && run.err().contains(c.getValue()), c.getKey() + ": " + run.err());
        }
        // Tests run from class folders, and a cache is made for one jar: --aot is refused before anything starts.
        CommandRun aot = CommandRun.of(new VirtualScaleCommand(), "--aot", "--seed-files", "../examples", "--out",
                dir.resolve("unused").toString());
        assertEquals(ExitCodes.BAD_INPUT, aot.exitCode(), aot.err());
        assertTrue(aot.errIsOneSentence() && aot.err().contains("--aot: this command runs from a class path of "
                + "folders, and a cache is made for one jar"), aot.err());
        assertFalse(Files.exists(dir.resolve("unused")), "bad input leaves no folder behind");
    }

    private static List<Map<String, String>> rows(Path file, List<String> columns) {
        List<CsvFile.Line> lines = CsvFile.read(file);
        assertEquals(columns, lines.getFirst().fields(), file.toString());
        List<Map<String, String>> rows = new ArrayList<>();
        for (CsvFile.Line line : lines.subList(1, lines.size())) {
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), line.fields().get(i));
            }
            rows.add(row);
        }
        return rows;
    }
}
