package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.client.RunListener;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a long client run's progress on stderr: nothing for the first {@link #QUIET_NANOS}, then every
 * second {@code sent S/T, answered A/T, R tasks/s} (R over the last second). As the run's {@link RunListener}
 * it says at once, in one line, when sending stopped for good, and the lines after it say so too rather than
 * look as if sending went on. Owns one daemon thread, {@code asynccom-client-progress}, which only reads the
 * counters it is given; {@link #sendingStopped} comes on the engine's sender thread.
 */
final class Progress implements AutoCloseable, RunListener {
    static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final String prefix;
    private final long total;
    private final LongSupplier sent;
    private final LongSupplier answered;
    private final NanoClock clock;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile boolean sendingStopped;

    private Progress(PrintWriter err, String prefix, long total, LongSupplier sent, LongSupplier answered,
                     NanoClock clock) {
        this.err = err;
        this.prefix = prefix;
        this.total = total;
        this.sent = sent;
        this.answered = answered;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("asynccom-client-progress").daemon(true).unstarted(this::report);
    }

    /** Starts reporting a run of {@code total} tasks; {@link #close()} stops it. */
    static Progress start(PrintWriter err, String prefix, long total, LongSupplier sent, LongSupplier answered,
                          NanoClock clock) {
        Progress progress = new Progress(err, prefix, total, sent, answered, clock);
        progress.thread.start();
        return progress;
    }

    private void report() {
        long start = clock.nanoTime();
        long lastNanos = start;
        long lastAnswered = 0;
        long next = start + QUIET_NANOS;
        while (!stopped) {
            long wait = next - clock.nanoTime();
            if (wait > 0) {
                // Our own thread, touching no socket: an interrupt only cuts the wait short.
                try {
                    TimeUnit.NANOSECONDS.sleep(Math.min(wait, EVERY_NANOS));
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            long now = clock.nanoTime();
            long a = answered.getAsLong();
            double rate = (a - lastAnswered) * 1e9 / Math.max(1, now - lastNanos);
            err.println(prefix + line(sent.getAsLong(), total, a, rate, sendingStopped));
            err.flush();
            lastNanos = now;
            lastAnswered = a;
            next += EVERY_NANOS;
        }
    }

    /** {@code sent S/T, answered A/T, R tasks/s}; once sending stopped, {@code sent S/T (sending stopped), ...}. */
    static String line(long sent, long total, long answered, double perSecond, boolean sendingStopped) {
        return String.format(Locale.ROOT, "sent %d/%d%s, answered %d/%d, %.0f tasks/s", sent, total,
                sendingStopped ? " (sending stopped)" : "", answered, total, perSecond);
    }

    /** The line that says sending stopped, why, and what becomes of the tasks never sent. */
    static String sendingStoppedLine(long sent, long total, Duration blockedFor) {
        return String.format(Locale.ROOT, "sending stopped: a send was blocked for %s (--timeout) on backpressure, "
                        + "the server taking no more tasks; %d of %d tasks were never sent and will be reported "
                        + "missing, the %d sent are still waited for", DurationConverter.format(blockedFor),
                total - sent, total, sent);
    }

    @Override
    public void sendingStopped(long sent, long total, Duration blockedFor) {
        sendingStopped = true;
        err.println(prefix + sendingStoppedLine(sent, total, blockedFor));
        err.flush();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
