package dev.asynccom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A process a test started: a JVM running {@code dev.asynccom.cli.Main} with this test's class path, or
 * any other command. Two daemon threads collect its stdout and stderr line by line; every wait is bounded;
 * {@link #close()} kills it, so tests start it in try-with-resources.
 */
final class ChildProcess implements AutoCloseable {
    private static final String MAIN = "dev.asynccom.cli.Main";
    /** The options of every test child JVM: a small heap, a quick start. */
    private static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String name;
    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private ChildProcess(String name, List<String> command) {
        this.name = name;
        try {
            this.process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            process.getOutputStream().close(); // nothing reads stdin
        } catch (IOException ignored) {
            // Already gone: nothing to close.
        }
        this.outReader = collect(process.getInputStream(), out, name + "-stdout");
        this.errReader = collect(process.getErrorStream(), err, name + "-stderr");
    }

    /** {@code java [jvmOptions] -cp <this class path> dev.asynccom.cli.Main args...}. */
    static ChildProcess java(String name, List<String> jvmOptions, String... args) {
        return new ChildProcess(name, javaCommand(List.of(), jvmOptions, args));
    }

    /**
     * {@link #java(String, List, String...)} on {@code host}: {@code ip netns exec <namespace> java ...}. Both
     * that and the SIGINT prefix exec what follows, so {@link #pid()}, {@link #terminate} and {@link #kill}
     * are those of the JVM itself.
     */
    static ChildProcess javaIn(NetNamespaces.Host host, String name, List<String> jvmOptions, String... args) {
        return new ChildProcess(name, javaCommand(host.prefix(), jvmOptions, args));
    }

    private static List<String> javaCommand(List<String> hostPrefix, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>(SIGINT_RESTORED);
        command.addAll(hostPrefix);
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MAIN);
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A prefix that gives a child the default SIGINT action when this JVM was started with SIGINT ignored
     * (a test run started in the background from a non-interactive shell): such a child inherits the
     * ignore, its JVM installs no handler, and the Ctrl-C tests would wait in vain. Perl's {@code exec}
     * keeps the pid, so {@link #interrupt} still signals the JVM. Empty when SIGINT is not ignored.
     */
    private static final List<String> SIGINT_RESTORED = sigintIgnored()
            ? List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"cannot run $ARGV[0]: $!\"")
            : List.of();

    private static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0; // bit 1: signal 2
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // No /proc: assume the default action, as on an interactive terminal.
        }
        return false;
    }

    /** {@code java -cp <this class path> dev.asynccom.cli.Main args...}. */
    static ChildProcess java(String name, String... args) {
        return java(name, SMALL_JVM, args);
    }

    /** {@link #java(String, String...)} on {@code host}. */
    static ChildProcess javaIn(NetNamespaces.Host host, String name, String... args) {
        return javaIn(host, name, SMALL_JVM, args);
    }

    /** Any command. */
    static ChildProcess command(String name, List<String> command) {
        return new ChildProcess(name, command);
    }

    private static Thread collect(InputStream stream, List<String> lines, String threadName) {
        return Thread.ofPlatform().name(threadName).daemon(true).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException closed) {
                // The process went away; what was read is kept.
            }
        });
    }

    /** Waits for a stderr line that {@code wanted} accepts and returns it; fails the test after {@code timeout}. */
    String awaitErrLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        return awaitLine(err, wanted, timeout, "stderr");
    }

    /** Waits for a stdout line containing {@code text} and returns it; fails the test after {@code timeout}. */
    String awaitOutLine(String text, Duration timeout) throws InterruptedException {
        return awaitLine(out, line -> line.contains(text), timeout, "stdout");
    }

    /** Waits for a stderr line containing {@code text}. */
    String awaitErrLine(String text, Duration timeout) throws InterruptedException {
        return awaitErrLine(line -> line.contains(text), timeout);
    }

    private String awaitLine(List<String> lines, Predicate<String> wanted, Duration timeout, String stream)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !readersAlive())) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
            }
        }
        fail(name + ": the awaited line did not appear on " + stream + " within " + timeout
                + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")") + "\n" + transcript());
        throw new AssertionError("unreachable");
    }

    private boolean readersAlive() {
        return outReader.isAlive() || errReader.isAlive();
    }

    /** Waits for the process to exit and returns its exit code; fails the test (and kills it) after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(name + " did not exit within " + timeout + "\n" + transcript());
        }
        // The exit closes the pipes; the readers then finish what is buffered.
        outReader.join(TimeUnit.SECONDS.toMillis(5));
        errReader.join(TimeUnit.SECONDS.toMillis(5));
        return process.exitValue();
    }

    /** Sends SIGTERM and waits for the exit code, reading what the process prints while it stops. */
    int terminate(Duration timeout) throws InterruptedException {
        // Process.destroy() would close our ends of its pipes too, losing its last words.
        process.toHandle().destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does, and waits for the exit code. */
    int interrupt(Duration timeout) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                kill.destroyForcibly();
                fail("kill -INT " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        }
        return awaitExit(timeout);
    }

    /** Kills the process at once (SIGKILL) and waits for it to go. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The process id: the program's own, as every prefix used here execs what follows it. */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything it printed on stdout so far. */
    String out() {
        synchronized (out) {
            return String.join("\n", out);
        }
    }

    /** Everything it printed on stderr so far. */
    String err() {
        synchronized (err) {
            return String.join("\n", err);
        }
    }

    /** Both streams, for failure messages. */
    String transcript() {
        return "--- " + name + " stdout ---\n" + out() + "\n--- " + name + " stderr ---\n" + err();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
