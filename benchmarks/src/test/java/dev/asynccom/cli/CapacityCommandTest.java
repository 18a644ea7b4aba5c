package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.results.CapacityRecord;
import dev.asynccom.transport.zmq.ZmqOptions;
import dev.asynccom.transport.zmq.ZmqServerTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capacity command on real sleeps, with short steps and a coarse precision so it ends in seconds.
 * A bounded pool of C workers on a constant delay d completes at most C / d tasks per second. A step's
 * achieved rate is fitted through its results' intended and receive times; a 300 ms step of 100-odd
 * tasks adds its own noise. The tests bound the answer at
 * C / d + 15%, which a wrong search (no ceiling, a unit error) overshoots by far. How
 * close a search comes is a benchmark's question (the capacity command's own figures), not a test's.
 */
class CapacityCommandTest {
    private static final Pattern FOUND =
            Pattern.compile("(?m)^capacity (\\d+) tasks/s at p99 ([\\d.]+) ms \\(SLO p99 <= 1000 ms\\)$");
    /** What 4 workers on 5 ms tasks can pass, at most: C / d plus the estimator's bias and a short step's noise. */
    private static final double MOST = 800 * 1.15;
    private static final List<String> QUICK = List.of("--slo", "p99=1s", "--repeats", "1", "--precision", "10",
            "--step", "300ms", "--warmup", "0s", "--min-tasks", "100", "--settle", "0s");

    @TempDir
    Path dir;

    private static CommandRun capacity(List<String> args) {
        return CommandRun.of(new CapacityCommand(), args.toArray(String[]::new));
    }

    private static List<String> with(List<String> more) {
        return Stream.concat(QUICK.stream(), more.stream()).toList();
    }

    private static double capacityOf(CommandRun run) {
        assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        Matcher m = FOUND.matcher(run.out());
        assertTrue(m.find(), run.out());
        assertTrue(run.out().strip().endsWith(m.group()), "the answer is the last line:\n" + run.out());
        return Double.parseDouble(m.group(1));
    }

    @Test
    void aBoundedPoolInThisJvmComesOutNearWorkersOverDelayAndNeverAboveIt() {
        // 4 workers on 5 ms tasks: 800 tasks/s at the very most.
        CommandRun run = capacity(with(List.of("--transport", "inproc", "--strategy", "platform", "--workers", "4",
                "--delay", "constant:5ms")));
        double capacity = capacityOf(run);
        assertTrue(capacity <= MOST, "above what 4 workers of 5 ms can do: " + capacity + "\n" + run.out());
        // How close a 300 ms step gets to C / d depends on the machine's load: only a lower bound of sense.
        assertTrue(capacity >= 50, "found no real capacity: " + capacity + "\n" + run.out());
        assertTrue(run.out().contains("start 800 tasks/s (Little's law: 4 workers / 5 ms mean delay)"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\d+ +\\d+ +[\\d.]+ +[\\d.-]+  pass \\(1/1\\)")),
                "a progress line per step:\n" + run.out());
    }

    @Test
    void theCurveAndTheOutFileHoldEverythingMeasured() throws Exception {
        Path out = dir.resolve("sub/capacity.json");
        CommandRun run = capacity(with(List.of("--strategy", "platform", "--workers", "4", "--delay", "constant:5ms",
                "--curve", "--out", out.toString())));
        double capacity = capacityOf(run);
        CapacityRecord record = CapacityRecord.read(out);
        assertEquals("platform", record.strategy());
        assertEquals(4, record.workers());
        assertEquals("FOUND", record.verdict());
        assertEquals(capacity, record.capacity());
        assertEquals(run.out().lines().filter(l -> l.matches("\\d+ +\\d+ .*")).count(), record.steps().size());
        // 8 points from a quarter to 1.5 times the capacity, by rate; search steps stand in where they are close.
        assertTrue(record.curve().size() >= 6 && record.curve().size() <= 8, record.curve().toString());
        List<Double> offered = record.curve().stream().map(CapacityRecord.Point::offered).toList();
        assertEquals(offered.stream().sorted().toList(), offered);
        assertEquals(capacity * 0.25, offered.getFirst(), capacity * 0.25 * 0.05);
        assertEquals(capacity * 1.5, offered.getLast(), capacity * 1.5 * 0.05);
        assertFalse(record.curve().getLast().meets(), "1.5 times the capacity still met the SLO");
        assertTrue(run.out().contains("\ncurve "), run.out());
        assertEquals("4", record.diagnostics().get("strategy.threads.peak"), record.diagnostics().toString());
        assertTrue(record.diagnostics().containsKey("virtual.pinned"));
        assertTrue(record.jvmArgs() != null && record.javaVersion().startsWith(Integer.toString(Runtime.version().feature())));
    }

    @Test
    void aServerRunningElsewhereIsMeasuredThroughItsEndpoint() throws Exception {
        List<String> map = CliRig.mapLines(100, 1, "0.005");
        Path commands = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(100));
        DelayMap delays = DelayMap.load(CliRig.write(dir.resolve("map.txt"), map));
        ZmqServerTransport transport = new ZmqServerTransport("tcp://127.0.0.1:0", ZmqOptions.defaults());
        try (ServerEngine server = new ServerEngine(transport, WorkerStrategies.create("platform", 4),
                new SleepHandler(delays), ServerOptions.DEFAULTS, NanoClock.system()).start()) {
            CommandRun run = capacity(with(List.of("--server", transport.boundEndpoint(), "--commands",
                    commands.toString(), "--start", "400")));
            double capacity = capacityOf(run);
            assertTrue(capacity <= MOST && capacity >= 50, capacity + "\n" + run.out());
            assertTrue(run.out().startsWith("capacity of server=" + transport.boundEndpoint() + " codec=binary"),
                    run.out());
        }
    }

    @Test
    void anSloNeverMetEndsBelowTheLowestRateWithItsOwnExitCode() {
        CommandRun run = capacity(List.of("--slo", "p99=5ms", "--delay", "constant:20ms", "--workers", "4",
                "--repeats", "1", "--step", "200ms", "--warmup", "0s", "--min-tasks", "10", "--start", "100",
                "--min-rate", "50"));
        assertEquals(ExitCodes.NOT_ALL_OK, run.exitCode(), run.out() + run.err());
        String last = run.out().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("capacity below 50 tasks/s: over the SLO at p99 [\\d.]+ ms at the lowest rate tried "
                + "\\(SLO p99 <= 5 ms\\)"), last);
    }

    @Test
    void badInputEndsInOneSentenceBeforeAnyStep() {
        for (List<String> args : List.of(List.of("--slo", "p99<50ms"), List.of("--slo", "p0=1ms"),
                List.of("--commands", "x.txt"), List.of("--server", "tcp://127.0.0.1:1"),
                List.of("--strategy", "platfrom"), List.of("--transport", "udp"), List.of("--repeats", "0"),
                List.of("--precision", "60"), List.of("--min-rate", "10", "--max-rate", "5", "--start", "7"))) {
            CommandRun run = capacity(args);
            assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), args + ": " + run.err());
            assertTrue(run.errIsOneSentence(), args + ": " + run.err());
            assertEquals("", run.out(), args + ": no step ran");
        }
    }
}
