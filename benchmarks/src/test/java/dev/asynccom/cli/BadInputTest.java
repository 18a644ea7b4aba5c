package dev.asynccom.cli;

import dev.asynccom.core.workload.SeedFiles;
import dev.asynccom.results.BuildInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Input a user gets wrong ends the command at once with exit code 2 and one line on stderr,
 * {@code asynccom <command>: <sentence>}, never a stack trace. Each case is a JVM of its own, so what is
 * checked is exactly what a user would see.
 */
class BadInputTest {
    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Runs the launcher with {@code args}, asserts exit 2 and a single clean line, and returns that line. */
    private static String rejected(String command, String... args) throws InterruptedException {
        return rejectedIn(List.of(), command, args);
    }

    /** {@link #rejected} in a JVM started with {@code jvmOptions} too. */
    private static String rejectedIn(List<String> jvmOptions, String command, String... args)
            throws InterruptedException {
        String[] all = new String[args.length + 1];
        all[0] = command;
        System.arraycopy(args, 0, all, 1, args.length);
        return refused(jvmOptions, "asynccom " + command + ": ", all);
    }

    /** Runs the launcher with {@code args} and asserts that it refuses them in one sentence starting {@code prefix}. */
    private static String refused(List<String> jvmOptions, String prefix, String... args) throws InterruptedException {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        options.addAll(jvmOptions);
        try (ChildProcess process = ChildProcess.java(args.length == 0 ? "launcher" : args[0], options, args)) {
            int exit = process.awaitExit(EXIT);
            String err = process.err().strip();
            assertEquals(ExitCodes.BAD_INPUT, exit, process.transcript());
            assertEquals(1, err.lines().count(), process.transcript());
            assertTrue(err.startsWith(prefix), process.transcript());
            assertTrue(err.endsWith(".") || err.endsWith("?"), process.transcript());
            assertFalse(err.contains("\tat "), process.transcript());
            assertFalse(err.contains("Exception"), process.transcript());
            assertEquals("", process.out(), process.transcript());
            return err;
        }
    }

    @Test
    void badCommandsFileLineIsNamedByFileAndLine() throws Exception {
        Path file = CliRig.write(dir.resolve("commands.txt"), List.of("137.72.95.0:foo", "137.72.95.1:", "x"));

        String err = rejected("client", file.toString(), "16", CliRig.freeEndpoint(), CliRig.freeEndpoint());

        assertTrue(err.contains(file + ":2:"), err);
    }

    @Test
    void badServerMapLineIsNamedByFileAndLine() throws Exception {
        Path file = CliRig.write(dir.resolve("map.txt"), List.of("137.72.95.0:foo:1:1", "137.72.95.1:foo:one:1"));

        String err = rejected("server", file.toString(), "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2");

        assertTrue(err.contains(file + ":2:"), err);
    }

    @Test
    void malformedUrlIsNamed() throws Exception {
        String err = rejected("client", SeedFiles.clientData().toString(), "16", CliRig.freeEndpoint(),
                "tcp//127.0.0.1:5557");

        assertTrue(err.contains("'tcp//127.0.0.1:5557'"), err);
    }

    @Test
    void portAlreadyInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "tcp://127.0.0.1:" + taken.getLocalPort();

            String err = rejected("server", SeedFiles.serverData().toString(), endpoint, CliRig.freeEndpoint(), "2");

            assertTrue(err.contains(endpoint) && err.contains("in use"), err);
        }
    }

    @Test
    void workerOptionsThatCannotWorkAreRefusedInOneSentence() throws Exception {
        String map = SeedFiles.serverData().toString();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String endpoint = "tcp://127.0.0.1:" + taken.getLocalPort();
            String err = rejected("server", map, "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2", "--worker-endpoint",
                    endpoint);
            assertTrue(err.contains(endpoint) && err.contains("in use"), err);
        }
        assertTrue(rejected("server", map, "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2", "--remote-only")
                .contains("--worker-endpoint"));
        assertTrue(rejected("server", map, "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2", "--liveness", "0")
                .contains("--liveness"));
        assertTrue(rejected("worker", map, "tcp://127.0.0.1:0", "2").contains("tcp://127.0.0.1:0"));
        assertTrue(rejected("worker", map, CliRig.freeEndpoint(), "2", "--credit", "-1").contains("--credit"));
        Path empty = CliRig.write(dir.resolve("empty.txt"), List.of("# nothing"));
        assertTrue(rejected("worker", empty.toString(), CliRig.freeEndpoint(), "2").contains("no entries"));
        assertTrue(rejected("worker", map, "inproc://w", "2").contains("inproc://w"));
        assertTrue(rejected("server", map, "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2", "--worker-endpoint",
                "inproc://w").contains("inproc://w"));
        assertTrue(rejected("worker", map, CliRig.freeEndpoint(), "2", "--label", "x".repeat(300)).contains("--label"));
    }

    @Test
    void perClientLimitThatIsNeitherFairNorACountIsRefusedInOneSentence() throws Exception {
        String err = rejected("server", SeedFiles.serverData().toString(), "tcp://127.0.0.1:0", CliRig.freeEndpoint(),
                "2", "--max-in-flight-per-client", "-3");
        assertTrue(err.contains("--max-in-flight-per-client") && err.contains("'-3' is not a per-client limit"), err);
    }

    @Test
    void missingFileIsNamed() throws Exception {
        Path missing = dir.resolve("no-such-file.txt");

        String err = rejected("client", missing.toString(), "16", CliRig.freeEndpoint(), CliRig.freeEndpoint());

        assertTrue(err.contains(missing + ": no such file"), err);
    }

    @Test
    void batchSizeZeroIsRefused() throws Exception {
        String err = rejected("client", SeedFiles.clientData().toString(), "0", CliRig.freeEndpoint(),
                CliRig.freeEndpoint());

        assertTrue(err.contains("<num_tasks_per_batch> must be from 1"), err);
    }

    @Test
    void usageErrorsFromTheParserAreOneSentenceToo() throws Exception {
        String notANumber = rejected("client", SeedFiles.clientData().toString(), "sixteen", CliRig.freeEndpoint(),
                CliRig.freeEndpoint());
        String missingArgument = rejected("server", SeedFiles.serverData().toString(), "tcp://127.0.0.1:0");
        String badDuration = rejected("client", SeedFiles.clientData().toString(), "16", CliRig.freeEndpoint(),
                CliRig.freeEndpoint(), "--timeout", "5 minutes");

        assertTrue(notANumber.contains("'sixteen'"), notANumber);
        assertTrue(missingArgument.contains("<remote_url>"), missingArgument);
        assertTrue(badDuration.contains("'5 minutes'"), badDuration);
    }

    @Test
    void commandLongerThanTheWireCarriesIsRefusedAtItsLineByClientAndServer() throws Exception {
        Path commands = CliRig.write(dir.resolve("long.txt"), List.of("1.2.3.4:" + "0".repeat(300)));
        Path map = CliRig.write(dir.resolve("long-map.txt"), List.of("1.2.3.4:" + "0".repeat(300) + ":1:1"));

        String client = rejected("client", commands.toString(), "16", CliRig.freeEndpoint(), CliRig.freeEndpoint());
        String server = rejected("server", map.toString(), "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2");

        assertTrue(client.contains(commands + ":1: command '000") && client.contains("300 bytes"), client);
        assertTrue(server.contains(map + ":1: command '000") && server.contains("300 bytes"), server);
    }

    @Test
    void controlBytesOfABinaryFileAreEscapedInTheSentence() throws Exception {
        Path binary = dir.resolve("binary.txt");
        Files.write(binary, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0x1B, '[', '3', '1', 'm', '\n'});

        String err = rejected("server", binary.toString(), "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2");

        assertTrue(err.contains(binary + ":1: "), err);
        assertTrue(err.contains("\\x7FELF\\x02\\x01\\x01\\x00\\x1B[31m"), err);
        assertTrue(err.chars().noneMatch(c -> c < 0x20 || c == 0x7F), err);
    }

    @Test
    void serverMapWithoutEntriesIsRefused() throws Exception {
        Path map = CliRig.write(dir.resolve("comments.txt"), List.of("# nothing but a comment", ""));

        String err = rejected("server", map.toString(), "tcp://127.0.0.1:0", CliRig.freeEndpoint(), "2");

        assertTrue(err.contains(map + " holds no entries"), err);
    }

    @Test
    void keyDefinedTwiceIsAWarningNamingBothLines() throws Exception {
        Path map = CliRig.write(dir.resolve("twice.txt"),
                List.of("10.0.0.1:foo:1:0", "10.0.0.2:foo:1:0", "10.0.0.1:foo:2:0"));

        try (CliRig.Server server = CliRig.startServer("server", map, CliRig.freeEndpoint(), 2)) {
            String warning = server.process().awaitErrLine("warning", CliRig.START);

            assertEquals("asynccom server: warning: " + map + ":3: 10.0.0.1:foo is defined again, after " + map
                    + ":1; the later line wins.", warning);
        }
    }

    @Test
    void serverHostThatDoesNotResolveIsRefusedBeforeSending() throws Exception {
        // Names resolve from this file alone, so the test asks no DNS server anything.
        Path hosts = CliRig.write(dir.resolve("hosts"), List.of("127.0.0.1 localhost"));

        String err = rejectedIn(List.of("-Djdk.net.hosts.file=" + hosts), "client",
                SeedFiles.clientData().toString(), "16", "tcp://127.0.0.1:0", "tcp://nohost:1");

        assertTrue(err.contains("tcp://nohost:1") && err.contains("'nohost' does not resolve"), err);
    }

    @Test
    void seedCodecWithAPickedPortIsRefused() throws Exception {
        String err = rejected("client", SeedFiles.clientData().toString(), "16", "tcp://127.0.0.1:0",
                CliRig.freeEndpoint(), "--codec", "seed");

        assertTrue(err.contains("tcp://127.0.0.1:0") && err.contains("--codec seed"), err);
    }

    @Test
    void retryAfterWithTheSeedCodecIsRefusedInOneSentence() throws Exception {
        String err = rejected("client", SeedFiles.clientData().toString(), "16", CliRig.freeEndpoint(),
                CliRig.freeEndpoint(), "--codec", "seed", "--retry-after", "2s");

        assertTrue(err.contains("--retry-after cannot be used with --codec seed"), err);
    }

    @Test
    void resendAndDeadlineOptionsOutOfRangeAreRefused() throws Exception {
        String client = SeedFiles.clientData().toString();
        String retriesAlone = rejected("client", client, "16", CliRig.freeEndpoint(), CliRig.freeEndpoint(),
                "--retries", "2");
        String tooManyRetries = rejected("client", client, "16", CliRig.freeEndpoint(), CliRig.freeEndpoint(),
                "--retry-after", "1s", "--retries", "32");
        String zeroDeadline = rejected("client", client, "16", CliRig.freeEndpoint(), CliRig.freeEndpoint(),
                "--deadline", "0s");

        assertTrue(retriesAlone.contains("--retries 2 needs --retry-after"), retriesAlone);
        assertTrue(tooManyRetries.contains("--retries must be from 1 to 31, got 32"), tooManyRetries);
        assertTrue(zeroDeadline.contains("--deadline must be longer than 0"), zeroDeadline);
    }

    @Test
    void csvThatIsAFolderOrNotTextIsRefusedBeforeTheRun() throws Exception {
        Path binary = dir.resolve("picture.png");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0});

        String folder = rejected("client", SeedFiles.clientData().toString(), "16", CliRig.freeEndpoint(),
                CliRig.freeEndpoint(), "--csv", dir.toString());
        String notText = rejected("client", SeedFiles.clientData().toString(), "16", CliRig.freeEndpoint(),
                CliRig.freeEndpoint(), "--csv", binary.toString());

        assertTrue(folder.contains("--csv " + dir + " is a folder"), folder);
        assertTrue(notText.contains("--csv " + binary + " is not a text file"), notText);
    }

    @Test
    void hgrmUnderAFileIsRefusedBeforeTheRun() throws Exception {
        Path file = CliRig.write(dir.resolve("plain.txt"), List.of("x"));

        String err = rejected("client", SeedFiles.clientData().toString(), "16", CliRig.freeEndpoint(),
                CliRig.freeEndpoint(), "--hgrm", file.resolve("e2e.hgrm").toString());

        assertTrue(err.contains("--hgrm " + file.resolve("e2e.hgrm") + " cannot be created: " + file), err);
    }

    @Test
    void morePlatformThreadsThanTheMachineCanStartAreRefusedAtOnce() throws Exception {
        PlatformThreadLimit limit = PlatformThreadLimit.ofThisMachine();
        assumeTrue(limit.available() < 50_000, "this machine could start 100,000 platform threads");

        long started = System.nanoTime();
        String platform = rejected("server", SeedFiles.serverData().toString(), "tcp://127.0.0.1:0",
                CliRig.freeEndpoint(), "100000", "--strategy", "platform");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String seed = rejected("server", SeedFiles.serverData().toString(), "tcp://127.0.0.1:0",
                CliRig.freeEndpoint(), Integer.toString(Integer.MAX_VALUE));

        assertTrue(platform.contains("100000 platform threads, more than this machine can start now, about "),
                platform);
        assertTrue(platform.contains("--strategy virtual"), platform);
        assertTrue(seed.contains("--strategy seed with <max_workers> " + Integer.MAX_VALUE), seed);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "refused before starting threads, not after " + took);
    }

    @Test
    void keygenNeverReplacesAKey() throws Exception {
        Files.writeString(dir.resolve("server_secret"), "an older key");

        String err = rejected("keygen", "--out", dir.toString(), "--name", "server");

        assertEquals("asynccom keygen: --out " + dir + " already holds server_secret: keygen never replaces a key "
                + "(peers may trust it); remove it first or give another --name.", err);
        assertEquals("an older key", Files.readString(dir.resolve("server_secret")));
    }

    @Test
    void typoOfACommandOffersTheNearestOne() throws Exception {
        String swapped = refused(List.of(), "asynccom: ", "clinet", SeedFiles.clientData().toString(), "16");
        String unknown = refused(List.of(), "asynccom: ", "frobnicate");

        assertEquals("asynccom: 'clinet' is not a command: did you mean client?", swapped);
        assertEquals("asynccom: 'frobnicate' is neither a command (client, server, worker, generate, keygen, capacity, remote-workers, soak, fairness, curve-cost, virtual-scale, cold-start, compare or report) "
                + "nor a benchmark (-l lists them).", unknown);
    }

    @Test
    void typoOfAnOptionOffersTheNearestOne() throws Exception {
        String err = rejected("client", SeedFiles.clientData().toString(), "16", CliRig.freeEndpoint(),
                CliRig.freeEndpoint(), "--csb", "x.csv");

        assertTrue(err.contains("'--csb'") && err.contains("did you mean --csv?"), err);
    }

    @Test
    void versionIsTheProjectsOnTheLauncherAndEveryCommand() throws Exception {
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"client", "-V"},
                new String[] {"server", "--version"}, new String[] {"report", "-V"})) {
            try (ChildProcess process = ChildProcess.java("version", args)) {
                assertEquals(ExitCodes.OK, process.awaitExit(EXIT), process.transcript());
                // The commit the classes were built from, when the build had a repository to read it from.
                String built = BuildInfo.ofThisJar().revision().map(revision -> " built at " + revision).orElse("");
                assertTrue(process.out().matches("asynccom \\d+\\.\\d+\\.\\d+\\S*" + Pattern.quote(built)
                        + " \\(Java .*\\)"), String.join(" ", args) + ": " + process.transcript());
                assertEquals("", process.err(), process.transcript());
            }
        }
    }
}
