package dev.asynccom.cli;

import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job stopped midway (SIGTERM, as a scheduler or {@code kill} stops it) writes the result files of
 * what finished, says the run is partial, and {@code report} and {@code compare} read the folder.
 */
class SuiteStopTest {
    @TempDir
    Path dir;

    @Test
    void aSuiteStoppedMidwayWritesWhatFinishedMarkedPartial() throws Exception {
        Path out = dir.resolve("run");
        // Two capacity searches and nothing else: the JMH legs have no constant:5ms (so -p selects none of them),
        // and -e leaves out the baselines.
        try (ChildProcess suite = ChildProcess.java("suite", "-p", "transport=inproc", "-p", "delay=constant:5ms",
                "-p", "strategy=platform,forkjoin", "-p", "workers=32", "-e", "Raw", "--slo", "p99=200ms", "--capacity-step",
                "300ms", "--out", out.toString())) {
            suite.awaitOutLine("inproc platform-32 constant:5ms: capacity", Duration.ofSeconds(120));
            suite.awaitOutLine("capacity inproc forkjoin-32", Duration.ofSeconds(10));
            Thread.sleep(1000); // inside the second search
            int exit = suite.terminate(Duration.ofSeconds(60));
            assertEquals(143, exit, suite.transcript());
            assertTrue(suite.out().contains("Stopped: 1 of 2 runs finished"), suite.transcript());
        }
        String summary = Files.readString(out.resolve("summary.txt"));
        assertTrue(summary.startsWith("A PARTIAL RUN: stopped after 1 of 2 runs"), summary);
        assertTrue(summary.contains("by capacity: platform-32"), summary);
        List<CsvFile.Line> capacity = CsvFile.read(out.resolve("capacity.csv"));
        assertEquals(2, capacity.size(), "a header and the finished search");
        assertTrue(Files.readString(out.resolve("environment.properties")).contains("partial=yes"));
        assertTrue(Files.exists(out.resolve("results.json")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("platform-32"));
        assertEquals(1, CapacityRecord.readAll(out).size(), "the stopped search left no record");

        CommandRun report = CommandRun.of(new ReportCommand(), out.toString(), "--output",
                dir.resolve("again.html").toString());
        assertEquals(ExitCodes.OK, report.exitCode(), report.out() + report.err());
    }
}
