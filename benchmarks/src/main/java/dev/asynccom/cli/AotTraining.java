package dev.asynccom.cli;

import dev.asynccom.loop.ServerLines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.asynccom.harness.ColdStartFiles;
import java.util.stream.Stream;

/**
 * The training run behind the JDK's ahead-of-time cache (JDK 25+, {@code -XX:AOTCacheOutput}): the
 * {@code server} and {@code client} commands, through {@link Main#run} as a user would start them, in one JVM
 * over tcp on 127.0.0.1, a bounded number of zero-delay tasks, so the classes and method profiles of both sides'
 * start and hot path go into the cache. {@code bin/asynccom} runs it when the build asks for the cache
 * ({@code ASYNCCOM_AOT_TRAIN}); it is not a command of the jar.
 *
 * <p>Threads: the main thread runs the client; {@code aot-training-server} runs the server command, which serves
 * until the JVM exits (its shutdown hook drains and halts with 0); a daemon watchdog halts the JVM with 1 after
 * {@link #LIMIT_SECONDS} whatever happens.
 */
public final class AotTraining {
    /** Tasks the client sends: enough for the hot path's methods to be profiled, few enough to take seconds. */
    static final int TASKS = 100_000;
    static final int LIMIT_SECONDS = 90;

    private AotTraining() {
    }

    public static void main(String[] args) throws Exception {
        Thread.ofPlatform().daemon().name("aot-training-watchdog").start(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("asynccom aot training: not done within " + LIMIT_SECONDS + " s, stopped");
            Runtime.getRuntime().halt(1);
        });
        Path folder = Files.createTempDirectory("asynccom-aot-training");
        int code;
        try {
            ColdStartFiles.write(folder, TASKS);
            CompletableFuture<String> serving = new CompletableFuture<>();
            PrintStream serverErr = new PrintStream(new LineWatcher(line -> {
                String endpoint = ServerLines.endpoint(line);
                if (endpoint != null) {
                    serving.complete(endpoint);
                }
            }), true, StandardCharsets.UTF_8);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            String remote = "tcp://127.0.0.1:" + ColdStartFiles.freeLoopbackPort();
            Thread server = Thread.ofPlatform().daemon().name("aot-training-server").start(() ->
                    serving.complete("exit " + Main.run(new String[] {"server",
                            folder.resolve(ColdStartFiles.SERVER_FILE).toString(), "tcp://127.0.0.1:0", remote, "2",
                            "--strategy", "platform"}, quiet, serverErr)));
            String endpoint = serving.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            if (!endpoint.startsWith("tcp://")) {
                System.err.println("asynccom aot training: the server did not start (" + endpoint + ")");
                code = 1;
            } else {
                ByteArrayOutputStream clientErr = new ByteArrayOutputStream();
                code = Main.run(new String[] {"client", folder.resolve(ColdStartFiles.CLIENT_FILE).toString(), "16",
                        "tcp://127.0.0.1:0", endpoint, "--timeout", "20s", "--csv",
                        folder.resolve("client.csv").toString()}, quiet,
                        new PrintStream(clientErr, true, StandardCharsets.UTF_8));
                if (code != ExitCodes.OK) {
                    System.err.print(clientErr.toString(StandardCharsets.UTF_8));
                    System.err.println("asynccom aot training: the client exited with " + code);
                }
            }
        } finally {
            deleteTree(folder);
        }
        System.out.println("asynccom aot training: " + TASKS + " tasks through server and client, exit " + code);
        if (code != ExitCodes.OK) {
            Runtime.getRuntime().halt(code); // System.exit would run the server's hook, which halts with 0
        }
        System.exit(code); // the server's shutdown hook drains it and halts; the JVM then writes the cache

    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** An output stream that hands each complete line to a listener. */
    private static final class LineWatcher extends OutputStream {
        private final java.util.function.Consumer<String> listener;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineWatcher(java.util.function.Consumer<String> listener) {
            this.listener = listener;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                listener.accept(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
