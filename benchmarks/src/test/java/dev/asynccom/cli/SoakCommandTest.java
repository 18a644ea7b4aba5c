package dev.asynccom.cli;

import dev.asynccom.results.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code soak}, small: real server and client JVMs, every task accounted for from the client's own summary,
 * each JVM's resident memory read while it lived; bounded by its deadline and by a signal, neither leaving a
 * JVM behind, a signal midway leaving the client's account of what came back; bad input refused in one sentence.
 */
@Timeout(120)
class SoakCommandTest {
    private static final Pattern PID = Pattern.compile("(server|client) JVM started, pid (\\d+)");

    @TempDir
    Path dir;

    @Test
    void everyTaskIsAnsweredOnceAndEachJvmsPeakMemoryIsMeasured() throws Exception {
        Path out = dir.resolve("soak");
        CommandRun run = CommandRun.of(new SoakCommand(), "--tasks", "20000", "--out", out.toString());

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, String> row = onlyRow(out);
        assertEquals("ok", row.get("outcome"), row.toString());
        for (String count : List.of("tasks", "sent", "answered", "ok", "response_sum", "server_received", "server_sent")) {
            assertEquals("20000", row.get(count), count + " in " + row);
        }
        for (String none : List.of("errors", "missing", "duplicates")) {
            assertEquals("0", row.get(none), none + " in " + row);
        }
        assertEquals(20000, Long.parseLong(row.get("file_lines")) * Long.parseLong(row.get("repeat")));
        for (String who : List.of("server", "client")) {
            double peak = Double.parseDouble(row.get(who + "_rss_peak_mib"));
            double end = Double.parseDouble(row.get(who + "_rss_end_mib"));
            // A JVM is resident for tens of MiB at least; with a 256 MiB heap, far less than a GiB more.
            assertTrue(peak > 20 && peak < 1024, who + " RSS peak of " + peak + " MiB is implausible: " + row);
            assertTrue(end > 0 && end <= peak, who + " RSS at its last reading " + end + " above its peak " + peak);
            assertTrue(Long.parseLong(row.get(who + "_rss_samples")) >= 2, row.toString());
            assertTrue(row.get(who + "_jvm_args").contains("-Xmx256m"), row.toString());
            assertEquals("0", row.get(who + "_exit"), row.toString());
        }
        double live = Double.parseDouble(row.get("server_live_heap_mib"));
        assertTrue(live > 0 && live < 256, "server live heap " + live + " MiB: " + row);
        assertTrue(run.err().strip().endsWith("asynccom soak: every one of the 20000 tasks was answered ok, once."),
                run.err());
        assertTrue(run.out().contains("answered      20000 (20000 ok, 0 with an error)"), run.out());
        List<String> series = Files.readAllLines(out.resolve("memory.csv"));
        assertEquals("elapsed_ms,process,rss_kib,peak_kib", series.getFirst());
        assertTrue(series.stream().anyMatch(l -> l.contains(",server,")) && series.stream().anyMatch(
                l -> l.contains(",client,")), series.toString());
        assertNoJvmLeft(run.err());
        String readme = Files.readString(Path.of("..", "results", "README.md"));
        for (String column : SoakCommand.COLUMNS) {
            assertTrue(readme.contains("`" + column + "`"), "results/README.md does not document " + column);
        }
    }

    @Test
    void theDeadlineStopsTheJvmsItStartedAndTheRowSaysSo() throws Exception {
        // A deadline that passes before the server is ready: deterministic, whatever the machine's load. A deadline
        // in the middle of the run stops the client as a signal does (the next test), by the same code.
        Path out = dir.resolve("late");
        long start = System.nanoTime();
        CommandRun run = CommandRun.of(new SoakCommand(), "--tasks", "50000000", "--deadline", "1ms", "--out",
                out.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ExitCodes.MISSING, run.exitCode(), run.err());
        Map<String, String> row = onlyRow(out);
        assertEquals("deadline", row.get("outcome"), row.toString());
        assertEquals("stopped at the deadline: the client wrote no summary.", row.get("verdict"));
        assertEquals("", row.get("client_exit"), "no client started: " + row);
        assertFalse(row.get("server_exit").isEmpty(), row.toString());
        assertTrue(took.compareTo(Duration.ofSeconds(45)) < 0, "a deadline of 1 ms took " + took);
        Matcher server = PID.matcher(run.err());
        assertTrue(server.find(), run.err());
        assertFalse(ProcessHandle.of(Long.parseLong(server.group(2))).map(ProcessHandle::isAlive).orElse(false),
                "the server JVM is still running");
    }

    @Test
    void sigtermStopsItsJvmsAndWritesTheRow() throws Exception {
        Path out = dir.resolve("stopped");
        try (ChildProcess soak = ChildProcess.java("soak", "soak", "--tasks", "50000000", "--out", out.toString())) {
            soak.awaitErrLine("client: sent ", Duration.ofSeconds(60)); // its run under way, its own hook in place

            int exit = soak.terminate(Duration.ofSeconds(90));

            assertEquals(ExitCodes.MISSING, exit, soak.transcript());
            Map<String, String> row = onlyRow(out);
            assertEquals("stopped", row.get("outcome"), row.toString());
            long answered = Long.parseLong(row.get("answered"));
            long missing = Long.parseLong(row.get("missing"));
            assertTrue(missing > 0, row.toString());
            assertEquals(50_000_000L, answered + missing, "every task is answered or missing: " + row);
            assertEquals("stopped", row.get("client_end"), row.toString());
            assertTrue(soak.err().strip().endsWith("missing, 0 duplicated."), soak.transcript());
            assertNoJvmLeft(soak.err());
        }
    }

    @Test
    void badInputIsOneSentenceAndExit2() throws Exception {
        try (ChildProcess zero = ChildProcess.java("soak", "soak", "--tasks", "0", "--out", dir.resolve("z").toString())) {
            assertEquals(ExitCodes.BAD_INPUT, zero.awaitExit(Duration.ofSeconds(60)), zero.transcript());
            assertEquals("asynccom soak: --tasks must be from 1 to 2147483639 (what one client run can track), got 0.",
                    zero.err().strip());
            assertEquals("", zero.out());
        }
        Files.writeString(Files.createDirectories(dir.resolve("used")).resolve("soak.csv"), "x");
        Map<List<String>, String> cases = Map.of(
                List.of("--batch", "0"), "--batch must be from 1",
                List.of("--heap", "10m"), "--heap must be at least 32m",
                List.of("--heap", "lots"), "--heap takes a size",
                List.of("--heap", "99999g"), "more than this machine's memory",
                List.of("--deadline", "0s"), "--deadline must be longer than 0",
                List.of("--workers", "0"), "--workers must be at least 1",
                List.of("--strategy", "threads"), "unknown --strategy",
                List.of("--out", dir.resolve("used").toString()), "already holds files");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> args = new java.util.ArrayList<>(c.getKey());
            if (!args.contains("--out")) {
                args.addAll(List.of("--out", dir.resolve("unused").toString()));
            }
            CommandRun run = CommandRun.of(new SoakCommand(), args.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), c.getKey() + ": " + run.err());
            assertTrue(run.errIsOneSentence() && run.err().contains(c.getValue()), c.getKey() + ": " + run.err());
        }
        assertFalse(Files.exists(dir.resolve("unused")), "bad input leaves no folder behind");
    }

    private static Map<String, String> onlyRow(Path out) {
        List<CsvFile.Line> lines = CsvFile.read(out.resolve(SoakCommand.FILE_NAME));
        assertEquals(2, lines.size(), "a header and one row");
        assertEquals(SoakCommand.COLUMNS, lines.get(0).fields());
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < SoakCommand.COLUMNS.size(); i++) {
            row.put(SoakCommand.COLUMNS.get(i), lines.get(1).fields().get(i));
        }
        return row;
    }

    /** Both JVMs the soak names in its log have exited. */
    private static void assertNoJvmLeft(String log) {
        int seen = 0;
        for (Matcher m = PID.matcher(log); m.find(); seen++) {
            long pid = Long.parseLong(m.group(2));
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "the " + m.group(1) + " JVM, pid " + pid + ", is still running");
        }
        assertEquals(2, seen, log);
    }
}
