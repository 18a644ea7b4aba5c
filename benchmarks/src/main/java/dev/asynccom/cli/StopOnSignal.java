package dev.asynccom.cli;

import dev.asynccom.core.client.ClientEngine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What SIGINT (Ctrl-C) or SIGTERM does to a client: the JVM's shutdown hook stops the engine, whose run then
 * returns what it has; the command prints that partial summary (what was answered, what is missing) and says
 * {@link #done}; the hook then halts with the command's exit code ({@link ExitCodes#MISSING} when tasks are
 * missing). Halting is how a hook chooses the exit status, as {@code ServerCommand.drainAndExit} does; the JVM
 * would otherwise exit with 128 + the signal's number, having printed nothing.
 *
 * <p>Threads: the command's thread installs it, calls {@link #done} and closes it; the JVM's shutdown hook
 * thread ({@code asynccom-client-stop}) stops the engine and waits, at most {@link #SUMMARY_WAIT}.
 */
final class StopOnSignal implements AutoCloseable {
    /** The longest the hook waits for the summary (and --csv, --hgrm) before it halts without them. */
    static final Duration SUMMARY_WAIT = Duration.ofSeconds(10);

    private final ClientEngine engine;
    private final PrintWriter err;
    private final String prefix;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final Thread hook;
    private volatile int exitCode = ExitCodes.MISSING;

    private StopOnSignal(ClientEngine engine, PrintWriter err, String prefix) {
        this.engine = engine;
        this.err = err;
        this.prefix = prefix;
        this.hook = Thread.ofPlatform().name("asynccom-client-stop").unstarted(this::stopAndHalt);
    }

    /** Stops {@code engine} on SIGINT or SIGTERM from now until {@link #close}. */
    static StopOnSignal install(ClientEngine engine, PrintWriter err, String prefix) {
        StopOnSignal stop = new StopOnSignal(engine, err, prefix);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** The command printed its summary and ends with {@code code}: a hook running now halts with it. */
    int done(int code) {
        exitCode = code;
        reported.countDown();
        return code;
    }

    /** Removes the hook; if a signal already started it, it halts with the code {@link #done} gave. */
    @Override
    public void close() {
        reported.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it halts once it sees the latch open.
        }
    }

    private void stopAndHalt() {
        engine.stop();
        err.println(prefix + "stopping (SIGINT or SIGTERM): the summary shows what was answered and what is missing");
        err.flush();
        boolean printed;
        try {
            printed = reported.await(SUMMARY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            printed = false;
        }
        if (!printed) {
            err.println(prefix + "stopped without a summary: it was not ready within "
                    + DurationConverter.format(SUMMARY_WAIT));
            err.flush();
            Runtime.getRuntime().halt(ExitCodes.MISSING);
        }
        Runtime.getRuntime().halt(exitCode);
    }
}
