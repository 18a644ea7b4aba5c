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

/** {@code fairness}, small: every run with the limit on and off, every task once, the columns as documented. */
@Timeout(300)
class FairnessCommandTest {
    @TempDir
    Path dir;

    @Test
    void measuresEachClientCountAndTheLateStartWithTheLimitOnAndOff() throws Exception {
        Path out = dir.resolve("fair");
        CommandRun run = CommandRun.of(new FairnessCommand(), "--out", out.toString(), "--clients", "1,2",
                "--workers", "4", "--delay", "2ms", "--tasks", "512", "--backlog", "1024", "--late", "256");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<CsvFile.Line> lines = CsvFile.read(out.resolve("fairness.csv"));
        assertEquals(FairnessCommand.COLUMNS, lines.get(0).fields());
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(CsvFile.Line::fields).toList();
        // saturation 1 and 2 clients, then the late start, each with the limit on and off.
        assertEquals(List.of("saturation/fair/1", "saturation/off/1", "saturation/fair/2", "saturation/fair/2",
                        "saturation/off/2", "saturation/off/2", "late-start/fair/2", "late-start/fair/2",
                        "late-start/off/2", "late-start/off/2"),
                rows.stream().map(r -> r.get(0) + "/" + r.get(1) + "/" + r.get(2)).toList());
        for (List<String> row : rows) {
            assertEquals(row.get(5), row.get(6), "ok = tasks in " + row);
            assertEquals("0", row.get(7), "no duplicate in " + row);
        }
        assertEquals(List.of("1024", "256"), rows.subList(6, 8).stream().map(r -> r.get(5)).toList());
        String readme = Files.readString(Path.of("..", "results", "README.md"));
        for (String column : FairnessCommand.COLUMNS) {
            assertTrue(readme.contains("`" + column + "`"), "results/README.md does not document " + column);
        }
    }

    @Test
    void optionsThatCannotWorkAreRefusedInOneSentence() {
        CommandRun off = CommandRun.of(new FairnessCommand(), "--out", dir.resolve("x").toString(),
                "--max-in-flight-per-client", "0");
        assertEquals(ExitCodes.BAD_INPUT, off.exitCode());
        assertTrue(off.errIsOneSentence() && off.err().contains("--max-in-flight-per-client 0"), off.err());
        CommandRun tooFew = CommandRun.of(new FairnessCommand(), "--out", dir.resolve("y").toString(), "--late", "10");
        assertEquals(ExitCodes.BAD_INPUT, tooFew.exitCode());
        assertTrue(tooFew.errIsOneSentence() && tooFew.err().contains("--late"), tooFew.err());
    }
}
