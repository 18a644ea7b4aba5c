package dev.asynccom.cli;

import dev.asynccom.core.NanoClock;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a long client run's progress on stderr: nothing for the first {@link #QUIET_NANOS}, then every
 * second {@code sent S/T, answered A/T, R tasks/s} (R over the last second). Owns one daemon thread,
 * {@code asynccom-client-progress}, which only reads the counters it is given.
 */
final class Progress implements AutoCloseable {
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
            err.println(String.format(Locale.ROOT, "%ssent %d/%d, answered %d/%d, %.0f tasks/s", prefix,
                    sent.getAsLong(), total, a, total, rate));
            err.flush();
            lastNanos = now;
            lastAnswered = a;
            next += EVERY_NANOS;
        }
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
