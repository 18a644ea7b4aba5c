package dev.asynccom.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Workers as separate JVMs on hosts of their own (network namespaces joined to this one by veth pairs, see
 * {@link NetNamespaces}), a server and a client here: a worker killed, a worker's link cut and restored, a
 * worker joining mid-run and one leaving with SIGTERM. Every task must come back exactly once.
 *
 * <p>Heartbeats of 500 ms x 3 keep the faults quick: a silent worker is declared dead 1.5 s after it was
 * last heard.
 */
@Timeout(300)
class RemoteWorkersAcrossHostsTest {
    private static final Duration RUN = Duration.ofSeconds(120);
    private static final String[] HEARTBEAT = {"--heartbeat", "500ms", "--liveness", "3"};
    private static final Pattern WORKERS_LINE = Pattern.compile(
            "workers: (\\d+) joined, (\\d+) left, (\\d+) declared dead, \\d+ refused; (\\d+) tasks answered by workers, (\\d+) "
                    + "redelivered, (\\d+) duplicate results dropped");

    private static NetNamespaces hosts;

    @TempDir
    Path dir;

    @BeforeAll
    static void createHosts() {
        hosts = NetNamespaces.create(2);
    }

    @AfterAll
    static void removeHosts() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** The counters of the server's {@code workers:} exit line: joined, left, dead, answered, redelivered, duplicates. */
    private static long[] workerCounters(String serverErr) {
        Matcher m = WORKERS_LINE.matcher(serverErr);
        assertTrue(m.find(), "no workers line in:\n" + serverErr);
        long[] counters = new long[6];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = Long.parseLong(m.group(i + 1));
        }
        return counters;
    }

    /** A remote-only server here, its worker endpoint on the address the namespaces reach this host at. */
    private CliRig.Server server(Path map) throws InterruptedException {
        return serverWith(map, CliRig.freeEndpoint());
    }

    private CliRig.Server serverWith(Path map, String defaultReplyTo, String... more) throws InterruptedException {
        String workerEndpoint = "tcp://" + hosts.hosts().get(0).rootAddress() + ":" + CliRig.freePort();
        List<String> options = new ArrayList<>(List.of("--strategy", "platform", "--worker-endpoint", workerEndpoint,
                "--remote-only"));
        options.addAll(List.of(HEARTBEAT));
        options.addAll(List.of(more));
        CliRig.Server server = CliRig.startServer("server", map, defaultReplyTo, 1, options.toArray(String[]::new));
        server.process().awaitErrLine("workers join at", CliRig.START);
        return server;
    }

    private static String workerEndpoint(CliRig.Server server) {
        Matcher m = Pattern.compile("workers join at (tcp://\\S+)").matcher(server.process().err());
        assertTrue(m.find(), server.process().err());
        return m.group(1);
    }

    /** {@code worker} on {@code host}, 4 platform threads, waits until the server counts it joined. */
    private static ChildProcess worker(NetNamespaces.Host host, String label, Path map, CliRig.Server server)
            throws InterruptedException {
        return worker(host, label, map, server, "4");
    }

    /** {@code worker} on {@code host} with {@code args} after the map and endpoint (the worker count first). */
    private static ChildProcess worker(NetNamespaces.Host host, String label, Path map, CliRig.Server server,
                                       String... more) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("worker", map.toString(), workerEndpoint(server)));
        args.addAll(List.of(more));
        args.addAll(List.of("--label", label));
        args.addAll(List.of(HEARTBEAT));
        ChildProcess worker = ChildProcess.javaIn(host, label, List.of(), args.toArray(String[]::new));
        server.process().awaitErrLine("worker " + label + " joined", CliRig.START);
        return worker;
    }

    private static ChildProcess client(Path commands, int repeat, CliRig.Server server) {
        return CliRig.startClient("client", commands.toString(), "4", "tcp://127.0.0.1:0", server.endpoint(),
                "--repeat", Integer.toString(repeat), "--timeout", "60s");
    }

    private static void assertEveryTaskOkOnce(ChildProcess client, long tasks) throws InterruptedException {
        assertEquals(0, client.awaitExit(RUN), client.transcript());
        String summary = client.out();
        assertEquals(tasks, CliRig.count(summary, "ok"), summary);
        assertEquals(0, CliRig.count(summary, "missing"), summary);
        assertEquals(0, CliRig.count(summary, "duplicates"), summary);
    }

    @Test
    void thePythonSeedClientIsServedByRemoteJavaWorkers() throws InterruptedException {
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = serverWith(dev.asynccom.core.workload.SeedFiles.serverData(), clientEndpoint,
                "--codec", "seed");
             ChildProcess worker = worker(hosts.hosts().get(0), "w1", dev.asynccom.core.workload.SeedFiles.serverData(),
                     server, "512", "--strategy", "virtual");
             ChildProcess client = ChildProcess.command("seed-client", List.of("/usr/bin/python3", "-u",
                     Path.of(System.getProperty("basedir", "."), "src", "test", "python", "seed_peer.py").toString(),
                     "client", dev.asynccom.core.workload.SeedFiles.clientData().toString(), "16", clientEndpoint,
                     server.endpoint(), "--timeout", "60"))) {
            assertEquals(0, client.awaitExit(RUN), client.transcript() + "\n" + server.process().transcript());
            assertTrue(client.out().contains("results 32 sum 512"), client.out());
            assertEquals(0, server.process().terminate(RUN), server.process().transcript());
            assertEquals(512, workerCounters(server.process().err())[3], "every task ran on the remote worker");
        }
    }

    @Test
    void killingOneOfTwoWorkersMidRunLosesNoTask() throws InterruptedException {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(40, 1, "0.1"));
        Path commands = CliRig.write(dir.resolve("cmds.txt"), CliRig.commandLines(40));
        try (CliRig.Server server = server(map);
             ChildProcess w1 = worker(hosts.hosts().get(0), "w1", map, server);
             ChildProcess w2 = worker(hosts.hosts().get(1), "w2", map, server);
             ChildProcess client = client(commands, 10, server)) {
            client.awaitErrLine("answered", RUN); // the first progress line: 2 s into the run of about 5 s
            w1.kill();
            server.process().awaitErrLine("worker w1 declared dead", Duration.ofSeconds(10));

            assertEveryTaskOkOnce(client, 400);
            assertEquals(0, server.process().terminate(RUN), server.process().transcript());
            long[] c = workerCounters(server.process().err());
            assertEquals(1, c[2], "declared dead");
            assertTrue(c[4] > 0, "the killed worker held tasks, none redelivered:\n" + server.process().err());
            assertEquals(400, c[3] - c[5], "answers by workers less duplicates dropped");
        }
    }

    @Test
    void aCutLinkIsDetectedItsTasksRedeliveredAndItsLateResultsDroppedAsDuplicates() throws InterruptedException {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(8, 1, "1.0"));
        Path commands = CliRig.write(dir.resolve("cmds.txt"), CliRig.commandLines(8));
        NetNamespaces.Host cutHost = hosts.hosts().get(0);
        try (CliRig.Server server = server(map);
             ChildProcess w1 = worker(cutHost, "w1", map, server);
             ChildProcess w2 = worker(hosts.hosts().get(1), "w2", map, server);
             ChildProcess client = client(commands, 5, server)) {
            // The first progress line comes 2 s into the run: both workers hold tasks of 1 s then, however long the
            // JVMs took to start.
            client.awaitErrLine("answered", RUN);
            long cutNanos = System.nanoTime();
            hosts.cut(cutHost);
            server.process().awaitErrLine("worker w1 declared dead", Duration.ofSeconds(10));
            double detectedAfter = (System.nanoTime() - cutNanos) / 1e9;
            Thread.sleep(1000);
            hosts.restore(cutHost);

            assertEveryTaskOkOnce(client, 40);
            server.process().awaitErrLine("worker w1 joined", Duration.ofSeconds(30)); // it joins again
            assertEquals(0, server.process().terminate(RUN), server.process().transcript());
            long[] c = workerCounters(server.process().err());
            assertEquals(1, c[2], "declared dead");
            assertTrue(c[4] > 0, "w1 held tasks when its link was cut, none redelivered");
            assertTrue(c[5] > 0, "w1's late results were not dropped as duplicates:\n" + server.process().err()
                    + "\n" + w1.transcript());
            // Silence counts from the last message heard, at most one heartbeat interval before the cut.
            assertTrue(detectedAfter < 1.5 + 1.0, "declared dead " + detectedAfter + " s after the cut");
        }
    }

    @Test
    void aWorkerJoiningMidRunGetsTasksAndOneLeavingWithSigtermLosesNothing() throws InterruptedException {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(40, 1, "0.1"));
        Path commands = CliRig.write(dir.resolve("cmds.txt"), CliRig.commandLines(40));
        try (CliRig.Server server = server(map);
             // One thread: alone, w1 needs 32 s for the run, so tasks are left for w2 however slowly it starts.
             ChildProcess w1 = worker(hosts.hosts().get(0), "w1", map, server, "1");
             ChildProcess client = client(commands, 8, server)) {
            client.awaitErrLine("answered", RUN);
            try (ChildProcess w2 = worker(hosts.hosts().get(1), "w2", map, server)) {
                Thread.sleep(500);
                assertEquals(0, w1.terminate(RUN), w1.transcript());
                assertTrue(w1.err().contains("left after the server's goodbye"), w1.transcript());

                assertEveryTaskOkOnce(client, 320);
                assertEquals(0, w2.terminate(RUN), w2.transcript());
                Matcher received = Pattern.compile("(\\d+) tasks received").matcher(w2.err());
                assertTrue(received.find() && Long.parseLong(received.group(1)) > 0,
                        "the worker that joined mid-run got no task:\n" + w2.transcript());
            }
            assertEquals(0, server.process().terminate(RUN), server.process().transcript());
            long[] c = workerCounters(server.process().err());
            assertEquals(2, c[1], "both left with goodbye");
            assertEquals(0, c[2], "declared dead");
            assertEquals(0, c[4], "redelivered");
        }
    }

    /** {@code server} bound at fixed endpoints, so that a second one can take the place of the first. */
    private static ChildProcess fixedServer(String name, Path map, String taskEndpoint, String workerEndpoint)
            throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("server", map.toString(), taskEndpoint, CliRig.freeEndpoint(), "1",
                "--worker-endpoint", workerEndpoint, "--remote-only"));
        args.addAll(List.of(HEARTBEAT));
        ChildProcess server = ChildProcess.java(name, args.toArray(String[]::new));
        server.awaitErrLine("workers join at", CliRig.START);
        return server;
    }

    /**
     * Kills the server (kill -9) while its remote worker runs tasks and starts another on the same endpoints:
     * the worker joins the new one by itself, and a client that resends what went unanswered gets every task
     * answered; without resend, the tasks the dead server took are named missing and the client exits 1.
     */
    private ChildProcess restartServerUnder(boolean resend) throws InterruptedException {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(40, 1, "0.5"));
        Path commands = CliRig.write(dir.resolve("cmds.txt"), CliRig.commandLines(40));
        String taskEndpoint = CliRig.freeEndpoint();
        String workerEndpoint = "tcp://" + hosts.hosts().get(0).rootAddress() + ":" + CliRig.freePort();
        List<String> clientArgs = new ArrayList<>(List.of(commands.toString(), "4", "tcp://127.0.0.1:0", taskEndpoint,
                "--repeat", "2", "--timeout", "8s"));
        if (resend) {
            clientArgs.addAll(List.of("--retry-after", "4s", "--retries", "5"));
        }
        ChildProcess first = fixedServer("server-1", map, taskEndpoint, workerEndpoint);
        List<String> workerArgs = new ArrayList<>(List.of("worker", map.toString(), workerEndpoint, "8", "--label", "w1"));
        workerArgs.addAll(List.of(HEARTBEAT));
        try (ChildProcess worker = ChildProcess.javaIn(hosts.hosts().get(0), "w1", List.of(),
                workerArgs.toArray(String[]::new))) {
            first.awaitErrLine("worker w1 joined", CliRig.START);
            ChildProcess client = CliRig.startClient("client", clientArgs.toArray(String[]::new));
            // Once the client has sent everything the worker runs tasks of 0.5 s and the server holds the rest.
            client.awaitErrLine("sent 80/80", Duration.ofSeconds(30));
            first.kill();
            try (ChildProcess second = fixedServer("server-2", map, taskEndpoint, workerEndpoint)) {
                second.awaitErrLine("worker w1 joined", Duration.ofSeconds(30)); // rejoined by itself
                client.awaitExit(RUN);
                assertEquals(0, second.terminate(RUN), second.transcript());
            }
            return client;
        } finally {
            first.close();
        }
    }

    @Test
    void aServerRestartedMidRunLosesNothingForAClientThatResends() throws InterruptedException {
        try (ChildProcess client = restartServerUnder(true)) {
            assertEquals(0, client.awaitExit(RUN), client.transcript());
            String summary = client.out();
            assertEquals(80, CliRig.count(summary, "ok"), client.transcript());
            assertEquals(0, CliRig.count(summary, "missing"), summary);
            assertEquals(0, CliRig.count(summary, "duplicates"), summary);
        }
    }

    @Test
    void aServerRestartedMidRunLeavesAClientWithoutResendNamingItsMissingTasks() throws InterruptedException {
        try (ChildProcess client = restartServerUnder(false)) {
            assertEquals(1, client.awaitExit(RUN), client.transcript());
            String summary = client.out();
            long missing = CliRig.count(summary, "missing");
            assertTrue(missing > 0, "the killed server held tasks, yet none is missing:\n" + summary);
            assertTrue(summary.contains("missing ids"), summary);
            assertTrue(summary.matches("(?s).*10\\.0\\.0\\.\\d+:foo, line \\d+.*"), "missing tasks not named by command "
                    + "and line:\n" + summary);
        }
    }
}
