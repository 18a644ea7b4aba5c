package dev.asynccom.harness;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A JVM this one started to run one command of {@code benchmarks.jar} ({@code java <options> -cp <class path>
 * <main> <args>}), with this JVM's own {@code java}: how the harness starts worker, server and client
 * processes. Each of its output streams is copied, line by line, to a log file and to a listener by a daemon
 * thread of its own; {@link #stop} ends it as a user would (SIGTERM, then SIGKILL after a grace period).
 *
 * <p>Threads: any thread may stop or wait for it; the two copying threads only read its streams.
 */
public final class ChildJvm {
    private final String name;
    private final Process process;
    private final Thread outCopier;
    private final Thread errCopier;

    private ChildJvm(String name, Process process, Path outLog, Consumer<String> onOut, Path errLog,
                     Consumer<String> onErr) {
        this.name = name;
        this.process = process;
        this.outCopier = copy(process.getInputStream(), outLog, onOut, name + "-stdout");
        this.errCopier = copy(process.getErrorStream(), errLog, onErr, name + "-stderr");
    }

    /**
     * {@code <java.home>/bin/java <jvmOptions> -cp <classPath> <mainClass> <args>}: a JVM like this one
     * running {@code mainClass}.
     */
    public static List<String> command(List<String> jvmOptions, String classPath, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** {@code classPath} with every entry made absolute, for a child started in another folder. */
    public static String absolute(String classPath) {
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** This JVM's {@code java} launcher. */
    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code command} in {@code workDir}, its stdin closed, its stdout copied to {@code outLog} and
     * {@code onOut}, its stderr to {@code errLog} and {@code onErr}, each line as it comes.
     *
     * @throws UncheckedIOException when it cannot be started, or a log cannot be created
     */
    public static ChildJvm start(String name, List<String> command, Path workDir, Path outLog, Consumer<String> onOut,
                                 Path errLog, Consumer<String> onErr) {
        try {
            Files.newBufferedWriter(outLog, StandardCharsets.UTF_8).close(); // refused here, not in a copier
            Files.newBufferedWriter(errLog, StandardCharsets.UTF_8).close();
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
            process.getOutputStream().close(); // nothing reads its stdin
            return new ChildJvm(name, process, outLog, onOut, errLog, onErr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " JVM", e);
        }
    }

    private static Thread copy(InputStream stream, Path log, Consumer<String> listener, String threadName) {
        return Thread.ofPlatform().name(threadName).daemon(true).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
                 BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line; (line = reader.readLine()) != null; ) {
                    writer.write(line);
                    writer.newLine();
                    writer.flush(); // a stop midway keeps every line read so far
                    listener.accept(line);
                }
            } catch (IOException gone) {
                // The process was killed, or the log's disk failed: what was copied is kept.
            }
        });
    }

    public String name() {
        return name;
    }

    /** Its process id. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits up to {@code timeout} for it to exit, and then up to 5 s for the copiers to write its last lines.
     *
     * @return its exit code, or -1 when it is still running
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return -1;
        }
        outCopier.join(TimeUnit.SECONDS.toMillis(5));
        errCopier.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    /**
     * SIGTERM (the JVM's shutdown hooks run: a client prints its summary, a server drains), then SIGKILL if it
     * has not exited within {@code grace}.
     *
     * @return its exit code (137 when it had to be killed)
     */
    public int stop(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            process.toHandle().destroy(); // Process.destroy() would also close our ends of its pipes
        }
        int exit = awaitExit(grace);
        if (exit == -1) {
            process.destroyForcibly();
            exit = awaitExit(Duration.ofSeconds(10));
        }
        return exit;
    }

    /** SIGKILL, at once: for a stop that cannot wait. */
    public void kill() {
        process.destroyForcibly();
    }
}
