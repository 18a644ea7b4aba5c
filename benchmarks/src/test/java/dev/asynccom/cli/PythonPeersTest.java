package dev.asynccom.cli;

import dev.asynccom.core.workload.SeedFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Our client and server against peers not written in Java: small pyzmq (libzmq) programs of the project's
 * own in {@code src/test/python}. {@code seed_peer.py} speaks the seed's JSON protocol as the original does;
 * {@code binary_peer.py} is a binary-codec client and {@code binary_worker.py} a remote worker, both written from
 * {@code docs/WIRE.md} alone. They run on
 * Debian's {@code /usr/bin/python3} with {@code python3-zmq}: without it these tests fail, saying how to
 * install it, rather than skip.
 */
class PythonPeersTest {
    private static final String PYTHON = "/usr/bin/python3";
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final Path SCRIPTS = Path.of(System.getProperty("basedir", "."), "src", "test", "python");

    @TempDir
    Path dir;

    @BeforeAll
    static void pythonWithZmqIsInstalled() throws Exception {
        try (ChildProcess check = ChildProcess.command("python-check", List.of(PYTHON, "-c", "import zmq"))) {
            if (check.awaitExit(Duration.ofSeconds(60)) != 0) {
                fail(PYTHON + " cannot import zmq, which these interoperability tests need: "
                        + "run 'apt-get install python3-zmq' (Debian's pyzmq on libzmq 4.3) and test again\n"
                        + check.transcript());
            }
        } catch (java.io.UncheckedIOException e) {
            fail(PYTHON + " is missing, which these interoperability tests need: run 'apt-get install python3-zmq'"
                    + " (it brings python3) and test again", e);
        }
    }

    private static ChildProcess python(String name, String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-u", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(args));
        return ChildProcess.command(name, command);
    }

    /** A number of the peers' {@code results <n> ok <k> ... sum <s>} line: {@code results}, {@code ok}, ... */
    private static long field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^results \\d+(?: \\w+ \\d+)*").matcher(out);
        assertTrue(m.find(), out);
        Matcher value = Pattern.compile("(?:^| )" + Pattern.quote(name) + " (\\d+)").matcher(m.group());
        assertTrue(value.find(), "no " + name + " in: " + m.group());
        return Long.parseLong(value.group(1));
    }

    /** The numbers of the Python worker's exit line {@code worker tasks <n> results <m> malformed <k> rejoins <r>}. */
    private record WorkerLine(long tasks, long results, long malformed, long rejoins) {
        static WorkerLine of(ChildProcess worker) {
            Matcher m = Pattern.compile("(?m)^worker tasks (\\d+) results (\\d+) malformed (\\d+) rejoins (\\d+)$")
                    .matcher(worker.out());
            assertTrue(m.find(), worker.transcript());
            return new WorkerLine(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)));
        }
    }

    private static ChildProcess pythonWorker(String workerEndpoint, String label, int credit, int delayMillis) {
        return python(label, "binary_worker.py", workerEndpoint, Integer.toString(credit),
                Integer.toString(delayMillis), "--label", label, "--max-seconds", "110");
    }

    /** The p50 column, in milliseconds, of the client summary's latency row {@code row} ({@code service}, ...). */
    private static double p50Millis(String summary, String row) {
        Matcher m = Pattern.compile("(?m)^ +" + Pattern.quote(row) + " +([\\d.]+) ").matcher(summary);
        assertTrue(m.find(), "no '" + row + "' latency row in:\n" + summary);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void javaServerHandsEveryTaskToThePythonWorkerWhichLeavesWithGoodbye() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(300, 7, "0"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(300));
        String workerEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, CliRig.freeEndpoint(), 4,
                "--worker-endpoint", workerEndpoint, "--remote-only");
             ChildProcess worker = pythonWorker(workerEndpoint, "py-worker", 16, 5)) {
            server.process().awaitErrLine("worker py-worker joined with credit 16", CliRig.START);
            try (ChildProcess client = CliRig.startClient("client", file.toString(), "16", CliRig.freeEndpoint(),
                    server.endpoint(), "--timeout", "60s")) {

                assertEquals(ExitCodes.OK, client.awaitExit(RUN),
                        client.transcript() + "\n" + worker.transcript() + "\n" + server.process().transcript());
                assertEquals(300, CliRig.count(client.out(), "ok"), client.out());
                // The worker's response 1, not the map's 7: no task ran on the server.
                assertEquals(300, CliRig.count(client.out(), "response sum"), client.out());
                // The worker's own service time (its 5 ms sleep) and planned time (5 ms) reach the client.
                assertTrue(p50Millis(client.out(), "service") >= 5.0, client.out());
                assertTrue(p50Millis(client.out(), "overshoot") < 5.0, client.out());
            }

            assertEquals(0, worker.terminate(RUN), worker.transcript() + "\n" + server.process().transcript());
            assertEquals(new WorkerLine(300, 300, 0, 0), WorkerLine.of(worker), worker.transcript());
            server.process().awaitErrLine("worker py-worker left", RUN);

            assertEquals(ExitCodes.OK, server.process().terminate(RUN), server.process().transcript());
            assertTrue(server.process().err().contains("asynccom server: workers: 1 joined, 1 left, 0 declared dead, 0 refused; "
                    + "300 tasks answered by workers, 0 redelivered, 0 duplicate results dropped"),
                    server.process().transcript());
            assertTrue(server.process().err().contains("300 results sent"), server.process().transcript());
        }
    }

    @Test
    void pythonWorkerLeavingMidRunFinishesWhatItHoldsAndTheClientGetsEveryTask() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(300, 1, "0"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(300));
        String workerEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, CliRig.freeEndpoint(), 4,
                "--worker-endpoint", workerEndpoint, "--remote-only");
             ChildProcess leaving = pythonWorker(workerEndpoint, "py-leaving", 8, 20);
             ChildProcess staying = pythonWorker(workerEndpoint, "py-staying", 8, 20)) {
            server.process().awaitErrLine("worker py-leaving joined", CliRig.START);
            server.process().awaitErrLine("worker py-staying joined", CliRig.START);
            // 1200 tasks of 20 ms on 16 slots: at least 1.5 s of work, so the leaving worker holds tasks when told.
            try (ChildProcess client = CliRig.startClient("client", file.toString(), "16", CliRig.freeEndpoint(),
                    server.endpoint(), "--repeat", "4", "--timeout", "60s")) {
                leaving.awaitErrLine("binary_worker: tasks arriving", RUN);

                assertEquals(0, leaving.terminate(RUN), leaving.transcript() + "\n" + server.process().transcript());
                Matcher held = Pattern.compile("leaving \\(signal 15\\) with (\\d+) tasks held").matcher(leaving.err());
                assertTrue(held.find() && Integer.parseInt(held.group(1)) > 0, "left holding nothing:\n"
                        + leaving.transcript());
                WorkerLine left = WorkerLine.of(leaving);
                assertEquals(left.tasks(), left.results(), leaving.transcript());
                assertTrue(left.tasks() < 1200, leaving.transcript());

                assertEquals(ExitCodes.OK, client.awaitExit(RUN),
                        client.transcript() + "\n" + staying.transcript() + "\n" + server.process().transcript());
                assertEquals(1200, CliRig.count(client.out(), "ok"), client.out());
                assertEquals(0, CliRig.count(client.out(), "duplicates"), client.out());

                assertEquals(0, staying.terminate(RUN), staying.transcript());
                WorkerLine stayed = WorkerLine.of(staying);
                assertEquals(stayed.tasks(), stayed.results(), staying.transcript());
                assertEquals(1200, left.tasks() + stayed.tasks(), leaving.out() + "\n" + staying.out());
            }
            server.process().awaitErrLine("worker py-staying left", RUN);
            assertEquals(ExitCodes.OK, server.process().terminate(RUN), server.process().transcript());
            assertTrue(server.process().err().contains("asynccom server: workers: 2 joined, 2 left, 0 declared dead, 0 refused; "
                    + "1200 tasks answered by workers, 0 redelivered, 0 duplicate results dropped"),
                    server.process().transcript());
        }
    }

    @Test
    void javaServerAnswersThePythonSeedClient() throws Exception {
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", SeedFiles.serverData(), clientEndpoint, 32,
                "--codec", "seed", "--strategy", "seed");
             ChildProcess client = python("seed-client", "seed_peer.py", "client", SeedFiles.clientData().toString(),
                     "16", clientEndpoint, server.endpoint(), "--timeout", "60")) {

            assertEquals(0, client.awaitExit(RUN), client.transcript() + "\n" + server.process().transcript());
            assertEquals(32, field(client.out(), "results"), client.out());
            assertEquals(512, field(client.out(), "sum"), client.out());
        }
    }

    @Test
    void javaServerAnswersAnAllUnknownBatchSoThePythonSeedClientDoesNotWaitForever() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(16, 3, "0"));
        List<String> commands = new ArrayList<>(CliRig.commandLines(16));
        for (int i = 0; i < 16; i++) {
            commands.add("10.9.9." + i + ":foo");
        }
        Path file = CliRig.write(dir.resolve("commands.txt"), commands);
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, clientEndpoint, 2, "--codec", "seed",
                "--strategy", "platform");
             ChildProcess client = python("seed-client", "seed_peer.py", "client", file.toString(), "16",
                     clientEndpoint, server.endpoint(), "--timeout", "30")) {

            assertEquals(0, client.awaitExit(RUN), client.transcript());
            assertEquals(2, field(client.out(), "results"), client.out());
            assertEquals(48, field(client.out(), "sum"), client.out());
        }
    }

    @Test
    void pythonSeedServerAnswersTheJavaClient() throws Exception {
        String serverEndpoint = CliRig.freeEndpoint();
        String clientEndpoint = CliRig.freeEndpoint();
        try (ChildProcess server = python("seed-server", "seed_peer.py", "server", SeedFiles.serverData().toString(),
                serverEndpoint, clientEndpoint, "32", "--lifetime", "300")) {
            server.awaitErrLine("seed_peer server: ready", CliRig.START);
            try (ChildProcess client = CliRig.startClient("client", SeedFiles.clientData().toString(), "16",
                    clientEndpoint, serverEndpoint, "--codec", "seed", "--timeout", "60s")) {

                assertEquals(ExitCodes.OK, client.awaitExit(RUN), client.transcript() + "\n" + server.transcript());
                assertEquals(512, CliRig.count(client.out(), "ok"), client.out());
                assertEquals(512, CliRig.count(client.out(), "response sum"), client.out());
                assertTrue(client.out().contains("latency is per batch"), client.out());
            }
        }
    }

    @Test
    void javaServerServesThePythonBinaryClientAndAJavaClientAtOnceByReplyTo() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(1000, 1, "0.0001"));
        Path file = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(1000));
        // Neither client listens on the default endpoint: each result must go where its batch said.
        String unusedDefault = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server", map, unusedDefault, 4, "--strategy", "virtual")) {
            try (ChildProcess peer = python("binary-client", "binary_peer.py", file.toString(), "16",
                    server.endpoint(), "--repeat", "20", "--timeout", "90");
                 ChildProcess client = CliRig.startClient("client", file.toString(), "16", CliRig.freeEndpoint(),
                         server.endpoint(), "--repeat", "20", "--timeout", "60s")) {

                assertEquals(0, peer.awaitExit(RUN), peer.transcript() + "\n" + server.process().transcript());
                assertEquals(ExitCodes.OK, client.awaitExit(RUN), client.transcript());
                assertEquals(20_000, field(peer.out(), "ok"), peer.out());
                assertEquals(0, field(peer.out(), "stray"), peer.out());
                assertEquals(20_000, CliRig.count(client.out(), "ok"), client.out());
            }
            assertEquals(ExitCodes.OK, server.process().terminate(RUN), server.process().transcript());
            assertTrue(server.process().err().contains("40000 results sent"), server.process().transcript());
        }
    }
}
