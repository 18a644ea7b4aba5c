package dev.asynccom.harness;

import dev.asynccom.core.NanoClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Reads the resident memory ({@link ProcStatus}) of named processes every interval while they live, keeping
 * each one's last reading and the whole series. The peak needs no fast sampling (the kernel keeps it); the
 * interval only bounds how stale the last reading of a process that exits by itself can be, and sets the
 * series' resolution.
 *
 * <p>Threads: one daemon thread of its own samples, from {@link #start} to {@link #close}; any thread may
 * {@link #watch}, {@link #sampleNow} or read, all under this object's lock.
 */
public final class RssSampler implements AutoCloseable {
    /** One reading of one process. */
    public record Sample(long elapsedNanos, String process, ProcStatus status) {
    }

    private final Duration interval;
    private final NanoClock clock;
    private final LongFunction<Optional<ProcStatus>> reader;
    private final long startNanos;
    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, ProcStatus> last = new LinkedHashMap<>();
    private final List<Sample> series = new ArrayList<>();
    private Thread thread;

    /** Reads {@code /proc}; the series counts from now on {@code clock}. */
    public RssSampler(Duration interval, NanoClock clock) {
        this(interval, clock, ProcStatus::of);
    }

    /** With another reader of a pid's status: for tests. */
    RssSampler(Duration interval, NanoClock clock, LongFunction<Optional<ProcStatus>> reader) {
        this.interval = interval;
        this.clock = clock;
        this.reader = reader;
        this.startNanos = clock.nanoTime();
    }

    /** Samples {@code pid} as {@code process} from now on, at once included. */
    public synchronized void watch(String process, long pid) {
        pids.put(process, pid);
        sampleNow();
    }

    /** Stops sampling {@code process}, keeping its readings: call before it is stopped, after a last read. */
    public synchronized void forget(String process) {
        pids.remove(process);
    }

    /** Reads every watched process now; one that has exited is skipped. */
    public synchronized void sampleNow() {
        long elapsed = clock.nanoTime() - startNanos;
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            Optional<ProcStatus> status = reader.apply(e.getValue());
            if (status.isPresent()) {
                last.put(e.getKey(), status.get());
                series.add(new Sample(elapsed, e.getKey(), status.get()));
            }
        }
    }

    /** The last reading of {@code process}: its peak so far (VmHWM) and resident memory then; empty if never read. */
    public synchronized Optional<ProcStatus> last(String process) {
        return Optional.ofNullable(last.get(process));
    }

    /** Readings of {@code process}, in order. */
    public synchronized long samples(String process) {
        return series.stream().filter(s -> s.process().equals(process)).count();
    }

    /** Every reading so far, in order. */
    public synchronized List<Sample> series() {
        return List.copyOf(series);
    }

    /** Starts the sampling thread. */
    public synchronized RssSampler start() {
        thread = Thread.ofPlatform().name("asynccom-rss-sampler").daemon(true).start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    TimeUnit.NANOSECONDS.sleep(interval.toNanos()); // a sampler, not a hot path: sleeping is right
                    sampleNow();
                }
            } catch (InterruptedException closed) {
                // close(): done.
            }
        });
        return this;
    }

    /** Stops the sampling thread and waits for it; the readings stay. */
    @Override
    public void close() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            t.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
