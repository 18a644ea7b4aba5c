package dev.asynccom.cli;

import dev.asynccom.results.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cold-start}, small: real server and client processes over loopback tcp, every task of every run
 * accounted for, medians consistent with the runs; the columns it cannot measure here (no jar, so no AOT cache;
 * no seed checkout) said so and left out rather than made up; bad input refused in one sentence.
 */
@Timeout(300)
class ColdStartCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsFreshProcessesPerRoundAndAccountsForEveryTask() throws Exception {
        Path out = dir.resolve("cs");
        CommandRun run = CommandRun.of(new ColdStartCommand(), "--out", out.toString(), "--rounds", "2", "--tasks",
                "3000", "--batch", "8");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertTrue(run.err().contains("no seed column: give --seed DIR"), run.err());
        assertTrue(run.err().contains("no aot column: "), "tests run from class folders, not a jar: " + run.err());
        List<CsvFile.Line> lines = CsvFile.read(out.resolve(ColdStartCommand.FILE_NAME));
        assertEquals(ColdStartCommand.COLUMNS, lines.get(0).fields());
        String readme = Files.readString(Path.of("..", "results", "README.md"));
        for (String column : ColdStartCommand.COLUMNS) {
            assertTrue(readme.contains("`" + column + "`"), "results/README.md does not document " + column);
        }
        List<Map<String, String>> rows = lines.subList(1, lines.size()).stream().map(l -> {
            assertEquals(ColdStartCommand.COLUMNS.size(), l.fields().size(), l.toString());
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < l.fields().size(); i++) {
                row.put(ColdStartCommand.COLUMNS.get(i), l.fields().get(i));
            }
            return row;
        }).toList();
        List<Map<String, String>> runs = rows.stream().filter(r -> !r.get("round").isEmpty()).toList();
        assertEquals(List.of("1 plain", "2 plain"), runs.stream().map(r -> r.get("round") + " " + r.get("mode"))
                .toList());
        double[] walls = new double[2];
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> r = runs.get(i);
            assertEquals("ok", r.get("outcome"), r.toString());
            assertEquals("3000", r.get("answered"), r.toString());
            assertEquals("0", r.get("client_exit"), r.toString());
            walls[i] = Double.parseDouble(r.get("wall_ms"));
            // The client's process holds its makespan: a whole-process wall time is never shorter.
            assertTrue(walls[i] >= Double.parseDouble(r.get("makespan_ms")), r.toString());
            assertTrue(Double.parseDouble(r.get("server_rss_peak_mib")) > 0, r.toString());
            assertTrue(r.get("command").contains(" client client_data.txt 8 "), r.toString());
            assertTrue(Files.isRegularFile(out.resolve("round" + r.get("round") + "-plain-client.csv")), r.toString());
        }
        Map<String, String> wall = rows.stream().filter(r -> r.get("outcome").equals("median")
                && r.get("metric").equals("wall_ms")).findFirst().orElseThrow();
        assertEquals("plain", wall.get("mode"));
        assertEquals("2", wall.get("runs"));
        assertEquals(Math.min(walls[0], walls[1]), Double.parseDouble(wall.get("min")), 1.0, wall.toString());
        assertEquals(Math.max(walls[0], walls[1]), Double.parseDouble(wall.get("max")), 1.0, wall.toString());
        assertTrue(rows.stream().noneMatch(r -> r.get("outcome").equals("ratio")), "no seed, no ratio to it");
        assertTrue(run.out().contains("plain    2/2"), run.out());
        assertTrue(run.err().contains("every run accounted for every one of its 3000 tasks."), run.err());
    }

    @Test
    void badInputIsRefusedInOneSentenceBeforeAnythingRuns() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("other.csv"), "x\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x\n");
        Path notSeed = Files.createDirectories(dir.resolve("not-seed"));
        List<List<String>> cases = List.of(
                List.of("--rounds", "0", "--out", dir.resolve("a").toString()),
                List.of("--rounds", "101", "--out", dir.resolve("a").toString()),
                List.of("--tasks", "0", "--out", dir.resolve("a").toString()),
                List.of("--batch", "0", "--out", dir.resolve("a").toString()),
                List.of("--workers", "0", "--out", dir.resolve("a").toString()),
                List.of("--limit", "soon", "--out", dir.resolve("a").toString()),
                List.of("--seed", notSeed.toString(), "--out", dir.resolve("a").toString()),
                List.of("--jar", dir.resolve("nope.jar").toString(), "--out", dir.resolve("a").toString()),
                List.of("--aot-cache", dir.resolve("nope.aot").toString(), "--out", dir.resolve("a").toString()),
                List.of("--out", full.toString()),
                List.of("--out", file.toString()));
        for (List<String> args : cases) {
            CommandRun run = CommandRun.of(new ColdStartCommand(), args.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), args + ": " + run.err());
            assertTrue(run.errIsOneSentence() && run.err().startsWith("asynccom cold-start: "), args + ": " + run.err());
        }
        assertTrue(Files.notExists(dir.resolve("a")), "nothing created");
        assertEquals(List.of(full.resolve("other.csv")), Files.list(full).toList(), "a folder with files left alone");
    }
}
