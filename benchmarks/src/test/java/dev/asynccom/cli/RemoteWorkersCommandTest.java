package dev.asynccom.cli;

import dev.asynccom.results.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code remote-workers}, small: real worker JVMs, every row accounted for, the columns as documented. */
@Timeout(300)
class RemoteWorkersCommandTest {
    @TempDir
    Path dir;

    @Test
    void measuresScaleOutAFaultAndTheHopWithEveryTaskOnce() throws Exception {
        Path out = dir.resolve("rw");
        CommandRun run = CommandRun.of(new RemoteWorkersCommand(), "--out", out.toString(), "--scale-out", "1",
                "--concurrency", "4", "--delay", "20ms", "--tasks", "2560", "--zero-tasks", "2560");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<CsvFile.Line> lines = CsvFile.read(out.resolve("remote-workers.csv"));
        assertEquals(RemoteWorkersCommand.COLUMNS, lines.get(0).fields());
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(CsvFile.Line::fields).toList();
        assertEquals(List.of("scale-out", "fault", "fault", "hop", "hop"), rows.stream().map(r -> r.get(0)).toList());
        for (List<String> row : rows) {
            assertEquals(row.get(4), row.get(5), "ok = tasks in " + row);
            assertEquals("0", row.get(6), "no duplicate in " + row);
        }
        List<String> killed = rows.get(2);
        double detectionMillis = Double.parseDouble(killed.get(11));
        assertTrue(detectionMillis >= 2000 && detectionMillis < 10_000,
                "a worker killed is declared dead after 3 heartbeats of 1 s, not after " + detectionMillis + " ms");
        String readme = Files.readString(Path.of("..", "results", "README.md"));
        for (String column : RemoteWorkersCommand.COLUMNS) {
            assertTrue(readme.contains("`" + column + "`"), "results/README.md does not document " + column);
        }
    }

    @Test
    void aWorkerCountOutOfRangeIsRefusedInOneSentence() {
        CommandRun run = CommandRun.of(new RemoteWorkersCommand(), "--out", dir.resolve("x").toString(),
                "--scale-out", "0");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.errIsOneSentence() && run.err().contains("--scale-out"), run.err());
        CommandRun tooFew = CommandRun.of(new RemoteWorkersCommand(), "--out", dir.resolve("y").toString(),
                "--tasks", "10");
        assertEquals(ExitCodes.BAD_INPUT, tooFew.exitCode());
        assertTrue(tooFew.err().contains("--tasks must be at least 256"), tooFew.err());
        CommandRun unwritable = CommandRun.of(new RemoteWorkersCommand(), "--out", "/proc/asynccom-nope");
        assertEquals(ExitCodes.BAD_INPUT, unwritable.exitCode(), unwritable.err());
        assertTrue(unwritable.errIsOneSentence(), unwritable.err());
    }
}
