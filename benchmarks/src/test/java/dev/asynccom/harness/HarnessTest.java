package dev.asynccom.harness;

import dev.asynccom.cli.ExitCodes;
import dev.asynccom.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's answers to harness command lines it refuses, before any benchmark runs. */
class HarnessTest {
    @TempDir
    Path temp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAResultsFolderThatAlreadyHoldsFiles() throws Exception {
        Files.writeString(temp.resolve("latency.csv"), "earlier run");
        Outcome outcome = run("--out", temp.toString());
        assertEquals(ExitCodes.BAD_INPUT, outcome.code());
        assertEquals("asynccom: " + temp.toAbsolutePath() + " already holds files, and results of two runs must not "
                + "mix: choose a new or empty folder with --out DIR.", outcome.err().strip());
        assertFalse(outcome.out().contains("== [1/"), "nothing ran");
    }

    @Test
    void outNeedsAFolder() throws Exception {
        Outcome outcome = run("-f", "1", "--out");
        assertEquals(ExitCodes.BAD_INPUT, outcome.code());
        assertEquals("asynccom: --out needs a folder: --out results/mine.", outcome.err().strip());
    }

    @Test
    void aBadJmhOptionIsOneLine() throws Exception {
        Outcome outcome = run("-wi", "many", "--out", temp.resolve("new").toString());
        assertEquals(ExitCodes.BAD_INPUT, outcome.code());
        assertTrue(outcome.err().startsWith("asynccom: cannot read the JMH options: "), outcome.err());
        assertEquals(1, outcome.err().strip().lines().count());
        assertFalse(Files.exists(temp.resolve("new")), "no folder for a run that never started");
    }

    @Test
    void parametersThatLeaveNothingOfTheSuiteSaySo() throws Exception {
        Outcome outcome = run("-p", "strategy=virtual", "-p", "workers=2", "-e", "Raw", "--out", temp.resolve("x").toString());
        assertEquals(ExitCodes.BAD_INPUT, outcome.code(), outcome.out() + outcome.err());
        assertTrue(outcome.err().contains("leave nothing of the default suite to run"), outcome.err());
    }

    @Test
    void aRegexMatchingNoBenchmarkSaysSo() throws Exception {
        Outcome first = run("NoSuchBenchmark", "--out", temp.resolve("y").toString());
        Outcome later = run("-f", "1", "NoSuchBenchmark", "--out", temp.resolve("y").toString());

        assertEquals(ExitCodes.BAD_INPUT, first.code());
        assertEquals("asynccom: 'NoSuchBenchmark' is neither a command (client, server, worker, generate, keygen, capacity, remote-workers, soak, fairness, curve-cost, virtual-scale, cold-start, compare or report) "
                + "nor a benchmark (-l lists them).", first.err().strip());
        assertEquals(ExitCodes.BAD_INPUT, later.code());
        assertEquals("asynccom: no benchmark matches NoSuchBenchmark (after the excludes): -l lists them.",
                later.err().strip());
    }

    @Test
    void outputsJmhIsAskedToWriteAreCheckedBeforeAnythingRuns() throws Exception {
        Path file = Files.writeString(temp.resolve("plain"), "x");

        Outcome under = run("--out", file.resolve("run").toString());
        Outcome resultFile = run("FullLoopBenchmark", "-rff", temp.toString(), "--out", temp.resolve("z").toString());

        assertEquals(ExitCodes.BAD_INPUT, under.code());
        assertEquals("asynccom: --out " + file.resolve("run") + " cannot be created: " + file
                + " is a file, not a folder.", under.err().strip());
        assertEquals(ExitCodes.BAD_INPUT, resultFile.code());
        assertEquals("asynccom: -rff " + temp + " is a folder: give a file name.", resultFile.err().strip());
        assertFalse(Files.exists(temp.resolve("z")), "no folder for a run that never started");
    }

    @Test
    void aLoopParameterNoRunCanTakeIsRefusedBeforeAnythingRuns() throws Exception {
        Outcome strategy = run("-p", "strategy=virtaul", "--out", temp.resolve("p").toString());
        Outcome load = run("FullLoopBenchmark", "-p", "load=rate:-5", "--out", temp.resolve("p").toString());

        assertEquals(ExitCodes.BAD_INPUT, strategy.code());
        assertEquals("asynccom: -p strategy=virtaul: unknown strategy 'virtaul': expected one of platform, virtual, "
                + "forkjoin, seed.", strategy.err().strip());
        assertEquals(ExitCodes.BAD_INPUT, load.code());
        assertTrue(load.err().startsWith("asynccom: -p load=rate:-5: bad load 'rate:-5'"), load.err());
        assertFalse(Files.exists(temp.resolve("p")), "no folder for a run that never started");
    }

    @Test
    void aBadSloOrStepForTheCapacitySearchesIsOneSentenceBeforeAnythingRuns() throws Exception {
        Outcome slo = run("--slo", "p99<50ms", "--out", temp.resolve("s").toString());
        Outcome step = run("--capacity-step", "0s", "--out", temp.resolve("s").toString());
        Outcome unit = run("--capacity-step=5m", "--out", temp.resolve("s").toString());

        assertEquals(ExitCodes.BAD_INPUT, slo.code());
        assertTrue(slo.err().strip().startsWith("asynccom: --slo: 'p99<50ms' is not an SLO: write p<percentile>=<bound>"),
                slo.err());
        assertEquals(ExitCodes.BAD_INPUT, step.code());
        assertEquals("asynccom: --capacity-step must be longer than 0, got '0s'.", step.err().strip());
        assertEquals(ExitCodes.BAD_INPUT, unit.code());
        assertTrue(unit.err().contains("bad duration '5m' in --capacity-step"), unit.err());
        for (Outcome o : List.of(slo, step, unit)) {
            assertEquals(1, o.err().strip().lines().count(), o.err());
        }
        assertFalse(Files.exists(temp.resolve("s")), "no folder for a run that never started");
    }
}
