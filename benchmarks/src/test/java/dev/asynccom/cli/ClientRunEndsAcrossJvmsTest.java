package dev.asynccom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a client run ends when its server does not answer in time, client and server each in a JVM of its own over
 * tcp loopback: stopped by SIGTERM, ended by --deadline, or saved by resending to a restarted server. Each says
 * what is missing by id, command and line. Every wait is bounded; nothing here asserts a speed.
 */
class ClientRunEndsAcrossJvmsTest {
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final Pattern FIRST_ID = Pattern.compile("task ids from (\\d+)");
    private static final Pattern MISSING_ID = Pattern.compile("(\\d+) \\((10\\.0\\.0\\.\\d+):foo, line (\\d+)\\)");

    @TempDir
    Path dir;

    private static long firstTaskId(ChildProcess client) {
        Matcher m = FIRST_ID.matcher(client.err());
        assertTrue(m.find(), client.transcript());
        return Long.parseLong(m.group(1));
    }

    /** The commands file: two comment lines, then {@code n} commands, so command {@code k} is on line k + 3. */
    private Path commandsWithTwoCommentLines(int n) {
        List<String> lines = new ArrayList<>(List.of("# commands for the test", ""));
        lines.addAll(CliRig.commandLines(n));
        return CliRig.write(dir.resolve("commands.txt"), lines);
    }

    @Test
    @Timeout(300)
    void sigtermPrintsThePartialSummaryNamingWhatIsMissingAndExitsOne() throws Exception {
        // Batch 1 (hosts 0-15) is answered at once, batch 2 (hosts 16-31) sleeps a minute.
        List<String> map = new ArrayList<>(CliRig.mapLines(32, 1, "0").subList(0, 16));
        map.addAll(CliRig.mapLines(32, 1, "60").subList(16, 32));
        Path mapFile = CliRig.write(dir.resolve("map.txt"), map);
        Path commands = commandsWithTwoCommentLines(32);
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", mapFile, clientEndpoint, 64, "--strategy", "virtual");
             ChildProcess client = CliRig.startClient("client", commands.toString(), "16", clientEndpoint,
                     server.endpoint(), "--timeout", "120s")) {
            client.awaitErrLine("answered 16/32", CliRig.START);

            int exit = client.terminate(RUN);

            assertEquals(ExitCodes.MISSING, exit, client.transcript());
            assertTrue(client.err().contains("asynccom client: stopping (SIGINT or SIGTERM)"), client.transcript());
            assertEquals(16, CliRig.count(client.out(), "ok"), client.transcript());
            assertTrue(client.out().contains("missing       16 (stopped by SIGINT or SIGTERM)\n"), client.transcript());
            long first = firstTaskId(client);
            assertTrue(client.out().contains("missing ids   " + (first + 16) + " (10.0.0.16:foo, line 19), "),
                    client.transcript());
            assertTrue(Pattern.compile("(?m), " + (first + 31) + " \\(10\\.0\\.0\\.31:foo, line 34\\)$")
                    .matcher(client.out()).find(), "all 16 named, the last at the end of the line:\n" + client.transcript());
        }
    }

    @Test
    @Timeout(300)
    void deadlineEndsTheWaitForAServerThatAnswersTooSlowlyAndNamesWhatIsMissingByCommandAndLine() throws Exception {
        // One worker, tasks of 1 s: a result every second, so --timeout 60s would wait more than a minute.
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(8, 1, "1"));
        Path commands = commandsWithTwoCommentLines(8);
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, clientEndpoint, 1, "--strategy", "platform");
             ChildProcess client = CliRig.startClient("client", commands.toString(), "4", clientEndpoint,
                     server.endpoint(), "--repeat", "8", "--timeout", "60s", "--deadline", "4s")) {

            int exit = client.awaitExit(RUN);

            assertEquals(ExitCodes.MISSING, exit, client.transcript());
            long missing = CliRig.count(client.out(), "missing");
            assertEquals(64, CliRig.count(client.out(), "ok") + missing, client.transcript());
            assertTrue(missing > 48, "more than 16 tasks of 1 s each on one worker in 4 s:\n" + client.transcript());
            assertTrue(client.out().contains("missing       " + missing + " (--deadline passed)\n"), client.transcript());
            Matcher makespan = Pattern.compile("(?m)^makespan +(\\d+\\.\\d+) s$").matcher(client.out());
            assertTrue(makespan.find() && Double.parseDouble(makespan.group(1)) >= 4.0, client.transcript());
            // Task i of the eight-times repeated file is command i % 8, on line i % 8 + 3.
            long first = firstTaskId(client);
            Matcher id = MISSING_ID.matcher(client.out());
            int named = 0;
            while (id.find()) {
                int command = (int) ((Long.parseLong(id.group(1)) - first) % 8);
                assertEquals("10.0.0." + command, id.group(2), id.group());
                assertEquals(command + 3, Integer.parseInt(id.group(3)), id.group());
                named++;
            }
            assertEquals(SummaryText.MISSING_IDS_SHOWN, named, client.transcript());
        }
    }

    @Test
    @Timeout(300)
    void resendingRecoversTheBatchesAServerTookWithItWhenItDied() throws Exception {
        Path slowMap = CliRig.write(dir.resolve("slow.txt"), CliRig.mapLines(64, 1, "60"));
        Path fastMap = CliRig.write(dir.resolve("fast.txt"), CliRig.mapLines(64, 1, "0"));
        Path commands = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(64));
        String clientEndpoint = CliRig.freeEndpoint();
        String serverEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server first = CliRig.startServerAt("first", serverEndpoint, slowMap, clientEndpoint, 64,
                "--strategy", "virtual");
             ChildProcess client = CliRig.startClient("client", commands.toString(), "16", clientEndpoint,
                     serverEndpoint, "--retry-after", "3s", "--retries", "10", "--timeout", "60s")) {
            client.awaitErrLine("asynccom client: sending", CliRig.START);
            // Tasks of a minute: the first server holds all 64 when it dies, and never answers.
            TimeUnit.SECONDS.sleep(1);
            first.process().kill();
            try (CliRig.Server second = CliRig.startServerAt("second", serverEndpoint, fastMap, clientEndpoint, 2,
                    "--strategy", "platform")) {

                int exit = client.awaitExit(RUN);

                assertEquals(ExitCodes.OK, exit, client.transcript());
                assertEquals(64, CliRig.count(client.out(), "ok"), client.transcript());
                assertEquals(0, CliRig.count(client.out(), "missing"), client.transcript());
                assertEquals(0, CliRig.count(client.out(), "duplicates"), client.transcript());
                assertTrue(CliRig.count(client.out(), "resent") >= 64, client.transcript());
                // Latency counts from the first send, so no task reads under the 3 s before its resend.
                Matcher e2e = Pattern.compile("(?m)^  end-to-end +(\\d+\\.\\d+) ").matcher(client.out());
                assertTrue(e2e.find() && Double.parseDouble(e2e.group(1)) >= 3000, client.transcript());
            }
        }
    }
}
