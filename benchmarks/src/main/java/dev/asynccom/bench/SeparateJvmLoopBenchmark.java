package dev.asynccom.bench;

import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.core.workload.WorkloadFiles;
import dev.asynccom.loop.RunCheck;
import dev.asynccom.loop.ServerLines;
import dev.asynccom.transport.zmq.ZmqClientTransport;
import dev.asynccom.transport.zmq.ZmqOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The whole loop as it is deployed: the server is the {@code server} command in a JVM of its own, the
 * client runs here, and they talk over tcp loopback with the binary codec. Zero-delay tasks, so what is
 * measured is dispatch, codecs and transport. One operation is one task; an invocation is a client run of
 * {@value #TASKS} tasks in batches of {@code batch}, sent at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SeparateJvmLoopBenchmark {
    static final int TASKS = 100_000;
    /**
     * The class that runs the {@code server} command. Named, not imported: the command line depends on the
     * benchmarks, not the other way round ({@code MainTest} pins the name).
     */
    public static final String SERVER_MAIN = "dev.asynccom.cli.Main";
    private static final int DISTINCT_COMMANDS = 1_000;

    @Param({"platform", "virtual", "forkjoin", "seed"})
    public String strategy;

    /** The server's {@code <max_workers>}. */
    @Param({"2"})
    public int workers;

    @Param({"16"})
    public int batch;

    private Path dir;
    private Process server;
    private ZmqClientTransport transport;
    private ClientEngine client;
    private SyntheticWorkload workload;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        workload = SyntheticWorkload.generate(DISTINCT_COMMANDS, DelayProfile.parse("zero"),
                SyntheticWorkload.DEFAULT_RANDOM_SEED);
        dir = Files.createTempDirectory("asynccom-separate-jvm-");
        Path map = dir.resolve(WorkloadFiles.SERVER_FILE);
        WorkloadFiles.writeServerFile(map, workload.delayMap());
        // The binary codec answers over the task connection: <remote_url> is never used.
        server = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), SERVER_MAIN, "server", map.toString(),
                "tcp://127.0.0.1:0", "tcp://127.0.0.1:1", Integer.toString(workers), "--strategy", strategy,
                "--handler", "sleep").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String endpoint = awaitEndpoint(server);
        transport = new ZmqClientTransport(endpoint, ZmqOptions.defaults());
        client = new ClientEngine(transport, ClientOptions.DEFAULTS.withBatchSize(batch)
                .withRepeat(TASKS / DISTINCT_COMMANDS).withTimeout(Duration.ofSeconds(60)));
    }

    /** Reads the server's stderr until its ready line, then keeps draining it so the pipe never fills. */
    private static String awaitEndpoint(Process server) throws InterruptedException {
        BlockingQueue<String> ready = new ArrayBlockingQueue<>(1);
        Thread.ofPlatform().name("separate-jvm-server-stderr").daemon(true).start(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    String endpoint = ServerLines.endpoint(line);
                    if (endpoint != null) {
                        ready.offer(endpoint);
                    } else if (line.startsWith("asynccom server: ") && !line.contains("stopped")) {
                        ready.offer("error: " + line);
                    }
                }
            } catch (IOException gone) {
                // The server ended; teardown reports how.
            }
        });
        String endpoint = ready.poll(60, TimeUnit.SECONDS);
        if (endpoint == null || endpoint.startsWith("error: ")) {
            server.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + (endpoint == null ? "no ready line in 60 s"
                    : endpoint.substring(7)));
        }
        return endpoint;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public RunSummary zeroDelayTasks() throws InterruptedException {
        return RunCheck.requireEveryTaskOk(client.run(workload.commands()), TASKS, strategy + " x" + workers);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException, IOException {
        transport.close();
        server.toHandle().destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (Path file : List.of(dir.resolve(WorkloadFiles.SERVER_FILE), dir)) {
            Files.deleteIfExists(file);
        }
    }
}
