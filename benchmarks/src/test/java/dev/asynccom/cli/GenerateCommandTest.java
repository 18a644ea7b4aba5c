package dev.asynccom.cli;

import dev.asynccom.core.workload.CommandList;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.core.workload.WorkloadFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateCommandTest {
    @TempDir
    Path dir;

    private int generate(StringWriter err, String... args) {
        CommandLine cli = CliErrors.install(new CommandLine(new GenerateCommand()));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writtenFilesLoadBackAsTheSameWorkload() throws Exception {
        int exit = generate(new StringWriter(), "--size", "500", "--delay", "exponential:5ms", "--seed", "9",
                "--out", dir.toString());

        assertEquals(0, exit);
        SyntheticWorkload expected = SyntheticWorkload.generate(500, DelayProfile.parse("exponential:5ms"), 9);
        DelayMap map = DelayMap.load(dir.resolve(WorkloadFiles.SERVER_FILE));
        CommandList commands = CommandList.load(dir.resolve(WorkloadFiles.CLIENT_FILE));
        assertEquals(500, map.size());
        for (int i = 0; i < 500; i++) {
            int index = map.indexOf(expected.delayMap().host(i), expected.delayMap().command(i));
            // Waits are written in exact decimal seconds, so they read back to the nanosecond.
            assertEquals(expected.delayMap().delayNanos(i), map.delayNanos(index));
            assertEquals(expected.commands().host(i), commands.host(i));
            assertEquals(expected.commands().command(i), commands.command(i));
        }
    }

    @Test
    void badProfileIsOneSentenceAndExitTwo() {
        StringWriter err = new StringWriter();

        int exit = generate(err, "--delay", "sometimes", "--out", dir.toString());

        assertEquals(ExitCodes.BAD_INPUT, exit);
        assertTrue(err.toString().startsWith("asynccom: ") || err.toString().startsWith("asynccom generate: "),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void outputFileThatIsAFolderIsRefusedBeforeWritingEither() throws Exception {
        Files.createDirectories(dir.resolve(WorkloadFiles.CLIENT_FILE));
        StringWriter err = new StringWriter();

        int exit = generate(err, "--out", dir.toString());

        assertEquals(ExitCodes.BAD_INPUT, exit);
        assertEquals("asynccom generate: --out " + dir.resolve(WorkloadFiles.CLIENT_FILE)
                + " is a folder: give a file name.", err.toString().strip());
        assertFalse(Files.exists(dir.resolve(WorkloadFiles.SERVER_FILE)), "nothing written");
    }
}
