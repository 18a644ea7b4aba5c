package dev.asynccom.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CURVE between real server, worker and client JVMs over loopback: admitted keys are served, a key not in
 * the server's --curve-allow folder, a plain client and a CURVE client of a plain server are each refused
 * and told why in one sentence long before their timeout, a certificate added to the folder is admitted
 * without a restart, and CURVE links driven into backpressure lose nothing (jeromq #1009).
 */
class CurveAcrossJvmsTest {
    private static final Duration RUN = Duration.ofSeconds(120);
    /** A refused client must say so long before this timeout. */
    private static final String LONG_TIMEOUT = "90s";

    @TempDir
    Path dir;
    private Path keys;
    private Path allow;
    private Path map;
    private Path commands;

    @BeforeEach
    void keysAndFiles() throws Exception {
        keys = dir.resolve("keys");
        allow = Files.createDirectories(dir.resolve("allow"));
        for (String name : List.of("server", "client1", "worker1", "stranger")) {
            assertEquals(ExitCodes.OK, CommandRun.of(new KeygenCommand(), "--out", keys.toString(), "--name", name)
                    .exitCode());
        }
        Files.copy(keys.resolve("client1"), allow.resolve("client1"));
        Files.copy(keys.resolve("worker1"), allow.resolve("worker1"));
        map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(64, 1, "0.01"));
        commands = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(64));
    }

    private CliRig.Server curveServer(String... more) throws InterruptedException {
        List<String> options = new ArrayList<>(List.of("--curve-secret", key("server_secret"), "--curve-allow",
                allow.toString()));
        options.addAll(List.of(more));
        return CliRig.startServer("curve-server", map, "tcp://127.0.0.1:1", 4, options.toArray(String[]::new));
    }

    private ChildProcess client(String endpoint, String... keyOptions) {
        List<String> args = new ArrayList<>(List.of(commands.toString(), "8", "tcp://127.0.0.1:1", endpoint,
                "--timeout", LONG_TIMEOUT));
        args.addAll(List.of(keyOptions));
        return CliRig.startClient("client", args.toArray(String[]::new));
    }

    private String key(String file) {
        return keys.resolve(file).toString();
    }

    @Test
    void admittedClientAndWorkerAreServedOverCurveAndAStrangerIsRefusedUntilItsCertificateIsAdded()
            throws Exception {
        String workerEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = curveServer("--worker-endpoint", workerEndpoint)) {
            try (ChildProcess worker = ChildProcess.java("worker", "worker", map.toString(), workerEndpoint, "8",
                    "--label", "w1", "--curve-secret", key("worker1_secret"), "--curve-server", key("server"))) {
                server.process().awaitErrLine("worker w1 joined", CliRig.START);
                try (ChildProcess admitted = client(server.endpoint(), "--curve-secret", key("client1_secret"),
                        "--curve-server", key("server"))) {
                    assertEquals(ExitCodes.OK, admitted.awaitExit(RUN), admitted.transcript());
                    assertEquals(64, CliRig.count(admitted.out(), "ok"), admitted.out());
                }
                String strangerKey = publicKeyOf(keys.resolve("stranger"));
                try (ChildProcess stranger = client(server.endpoint(), "--curve-secret", key("stranger_secret"),
                        "--curve-server", key("server"))) {
                    assertEquals(ExitCodes.BAD_INPUT, stranger.awaitExit(Duration.ofSeconds(40)), stranger.transcript());
                    assertTrue(stranger.err().contains("refused this client's key " + strangerKey), stranger.transcript());
                    assertEquals("", stranger.out(), "a refused client gets nothing to summarise");
                }
                server.process().awaitErrLine(strangerKey, Duration.ofSeconds(10)); // logged with its address

                Files.copy(keys.resolve("stranger"), allow.resolve("stranger"), StandardCopyOption.REPLACE_EXISTING);
                try (ChildProcess now = client(server.endpoint(), "--curve-secret", key("stranger_secret"),
                        "--curve-server", key("server"))) {
                    assertEquals(ExitCodes.OK, now.awaitExit(RUN), "admitted without a restart\n" + now.transcript());
                }
            }
            assertEquals(ExitCodes.OK, server.process().terminate(RUN), server.process().transcript());
            assertTrue(server.process().err().contains("CURVE on every socket"), server.process().transcript());
            assertTrue(server.process().err().matches("(?s).*connections: \\d+ accepted, \\d+ closed, [1-9]\\d* peers "
                    + "refused.*"), server.process().transcript());
        }
    }

    @Test
    void plainAndCurveSidesThatDoNotMatchAreEachToldWhy() throws Exception {
        try (CliRig.Server curve = curveServer();
             ChildProcess plain = client(curve.endpoint())) {
            assertEquals(ExitCodes.BAD_INPUT, plain.awaitExit(Duration.ofSeconds(40)), plain.transcript());
            assertTrue(plain.err().contains("uses CURVE") && plain.err().contains("--curve-server"), plain.transcript());
        }
        try (CliRig.Server plainServer = CliRig.startServer("plain-server", map, "tcp://127.0.0.1:1", 4);
             ChildProcess keyed = client(plainServer.endpoint(), "--curve-secret", key("client1_secret"),
                     "--curve-server", key("server"))) {
            assertEquals(ExitCodes.BAD_INPUT, keyed.awaitExit(Duration.ofSeconds(40)), keyed.transcript());
            assertTrue(keyed.err().contains("does not use CURVE"), keyed.transcript());
        }
    }

    /** jeromq #1009 lost messages on CURVE sockets under backpressure; here every task is answered once. */
    @Test
    void curveLinksUnderBackpressureAccountForEveryTask() throws Exception {
        Path zero = CliRig.write(dir.resolve("zero.txt"), CliRig.mapLines(64, 1, "0"));
        try (CliRig.Server server = CliRig.startServer("curve-server", zero, "tcp://127.0.0.1:1", 1,
                "--strategy", "platform", "--curve-secret", key("server_secret"), "--curve-allow", allow.toString());
             ChildProcess flood = CliRig.startClient("client", commands.toString(), "1", "tcp://127.0.0.1:1",
                     server.endpoint(), "--repeat", "3000", "--timeout", "60s", "--curve-secret", key("client1_secret"),
                     "--curve-server", key("server"))) {
            assertEquals(ExitCodes.OK, flood.awaitExit(RUN), flood.transcript());
            assertEquals(192_000, CliRig.count(flood.out(), "ok"), flood.out());
            assertEquals(0, CliRig.count(flood.out(), "missing"), flood.out());
            assertEquals(0, CliRig.count(flood.out(), "duplicates"), flood.out());
            assertEquals(ExitCodes.OK, server.process().terminate(RUN), server.process().transcript());
            assertTrue(server.process().err().contains(" 0 malformed frames"), server.process().transcript());
        }
    }

    @Test
    void keyFileMistakesAreRefusedInOneSentenceBeforeAnythingStarts() throws Exception {
        Path loose = keys.resolve("loose_secret");
        Files.copy(keys.resolve("client1_secret"), loose);
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Path garbage = Files.writeString(keys.resolve("garbage_secret"), "not a certificate\n");
        for (String[] options : List.of(
                new String[] {"--curve-secret", key("missing_secret"), "--curve-server", key("server")},
                new String[] {"--curve-secret", loose.toString(), "--curve-server", key("server")},
                new String[] {"--curve-secret", garbage.toString(), "--curve-server", key("server")},
                new String[] {"--curve-secret", key("client1_secret")},
                new String[] {"--curve-secret", key("client1_secret"), "--curve-server", key("server"),
                        "--codec", "seed"})) {
            try (ChildProcess run = client("tcp://127.0.0.1:9", options)) {
                assertEquals(ExitCodes.BAD_INPUT, run.awaitExit(RUN), run.transcript());
                String err = run.err().strip();
                assertEquals(1, err.lines().count(), "one sentence: " + run.transcript());
                assertTrue(err.startsWith("asynccom client: "), err);
                assertTrue(err.contains("--curve") || err.contains(keys.toString()), err);
            }
        }
    }

    private static String publicKeyOf(Path certificate) throws Exception {
        return Files.readAllLines(certificate).stream().map(String::strip).filter(l -> l.startsWith("public-key"))
                .findFirst().orElseThrow().replaceFirst("public-key\\s*=\\s*\"?", "").replace("\"", "");
    }
}
