package dev.asynccom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server whose first tasks are a wave of long sleeps on virtual threads: C2 compiles the methods they park in
 * while all of them are still parked. The next wave must wake without deoptimizing: each of its threads parks
 * in that compiled code, and code after the park that hinged on something first run after it (a loop exit, a
 * class first loaded or initialized then) was an uncommon trap every one of them took. Counted from the
 * server's own {@code -Xlog:deoptimization}, not timed.
 */
class SecondWaveTest {
    /** Before the fixes: about one per task of the second wave, in our frames and the JDK's VirtualThread.run. */
    private static final long MOST_DEOPTIMIZATIONS = 200;
    private static final int LINES = 1000;
    private static final int REPEAT = 20;

    @TempDir
    Path dir;

    @Test
    void aSecondWaveOfLongSleepsOnVirtualThreadsWakesWithoutDeoptimizing() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(LINES, 1, "0.5"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(LINES));
        Path log = dir.resolve("deopt.log");
        try (CliRig.Server server = CliRig.startServerWith("server", List.of("-Xlog:deoptimization=debug:file="
                + log + "::filecount=0"), "tcp://127.0.0.1:0", map, "tcp://127.0.0.1:1", 0, "--strategy", "virtual")) {
            String endpoint = server.endpoint();

            runWave(endpoint, file, "first");
            long afterFirst = deoptimizationsInTheWakePath(log);
            runWave(endpoint, file, "second");
            long inSecond = deoptimizationsInTheWakePath(log) - afterFirst;

            assertTrue(inSecond <= MOST_DEOPTIMIZATIONS, inSecond + " deoptimizations in asynccom's frames or "
                    + "VirtualThread.run while the second wave of " + LINES * REPEAT + " tasks woke:\n" + sample(log));
            assertEquals(ExitCodes.OK, server.process().terminate(Duration.ofSeconds(60)),
                    server.process().transcript());
        }
    }

    private static void runWave(String endpoint, Path file, String name) throws Exception {
        try (ChildProcess client = CliRig.startClient(name, file.toString(), "16", "tcp://127.0.0.1:1", endpoint,
                "--repeat", Integer.toString(REPEAT), "--timeout", "30s")) {
            assertEquals(ExitCodes.OK, client.awaitExit(Duration.ofSeconds(120)), client.transcript());
            assertEquals(LINES * REPEAT, CliRig.count(client.out(), "ok"), client.out());
        }
    }

    /** Deoptimizations so far whose frame is one a woken task returns through. */
    private static long deoptimizationsInTheWakePath(Path log) throws Exception {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(SecondWaveTest::inTheWakePath).count();
    }

    private static boolean inTheWakePath(String line) {
        return line.contains(" dev.asynccom.") || line.contains(" java.lang.VirtualThread.run(");
    }

    private static String sample(Path log) throws Exception {
        return String.join("\n", Files.readAllLines(log).stream().filter(SecondWaveTest::inTheWakePath).limit(5)
                .toList());
    }
}
