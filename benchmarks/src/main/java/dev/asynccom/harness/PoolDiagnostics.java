package dev.asynccom.harness;

import jdk.jfr.consumer.RecordingStream;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the JVM's threads did while a configuration was measured, so a capacity can be explained: for
 * virtual threads the pinning and submit failures JFR saw ({@code jdk.VirtualThreadPinned}, every pin
 * whatever its length; {@code jdk.VirtualThreadSubmitFailed}) and the scheduler's parallelism and peak
 * pool, mounted and queued counts ({@code jdk.management.VirtualThreadSchedulerMXBean}, JDK 24+,
 * "unavailable" before); for every strategy the peak of its own platform threads (a fork-join pool's
 * compensation threads show here) and of all the JVM's platform threads. Counts are sampled every
 * {@value #SAMPLE_MILLIS} ms, so a peak shorter than that can be missed.
 *
 * <p>Threads: one daemon sampler thread and JFR's stream thread between {@link #start} and {@link #stop}.
 */
public final class PoolDiagnostics implements AutoCloseable {
    static final long SAMPLE_MILLIS = 10;
    private static final String SCHEDULER_BEAN = "jdk.management.VirtualThreadSchedulerMXBean";
    static final String UNAVAILABLE = "unavailable";

    private final String threadPrefix;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ThreadGroup root = rootGroup();
    private final PlatformManagedObject scheduler = schedulerBean();
    private final AtomicLong pinned = new AtomicLong();
    private final AtomicLong submitFailed = new AtomicLong();
    private final RecordingStream jfr;
    private final Thread sampler;
    private volatile boolean stopping;
    private long strategyThreadsPeak;
    private long poolPeak = -1;
    private long mountedPeak = -1;
    private long queuedPeak = -1;

    private PoolDiagnostics(String strategy) {
        this.threadPrefix = "asynccom-" + strategy + "-";
        threads.resetPeakThreadCount();
        RecordingStream stream;
        try {
            stream = new RecordingStream();
            stream.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
            stream.enable("jdk.VirtualThreadSubmitFailed");
            stream.onEvent("jdk.VirtualThreadPinned", e -> pinned.incrementAndGet());
            stream.onEvent("jdk.VirtualThreadSubmitFailed", e -> submitFailed.incrementAndGet());
            stream.startAsync();
        } catch (RuntimeException | Error noJfr) {
            stream = null; // a JVM without JFR: the counts read "unavailable"
        }
        this.jfr = stream;
        this.sampler = Thread.ofPlatform().name("asynccom-diagnostics").daemon(true).start(this::sample);
    }

    /** Starts watching the threads of {@code strategy} (its threads are named {@code asynccom-<strategy>-...}). */
    public static PoolDiagnostics start(String strategy) {
        return new PoolDiagnostics(strategy);
    }

    private void sample() {
        while (!stopping) {
            long own = 0;
            // Platform threads only, from the thread groups: ThreadMXBean.getThreadInfo crashed JDK 25.0.3
            // (SIGSEGV in ThreadSnapshot::initialize) with 100,000 virtual threads alive.
            Thread[] live = new Thread[root.activeCount() * 2 + 16];
            int count = root.enumerate(live, true);
            for (int i = 0; i < count; i++) {
                if (live[i].getName().startsWith(threadPrefix)) {
                    own++;
                }
            }
            synchronized (this) {
                strategyThreadsPeak = Math.max(strategyThreadsPeak, own);
                if (scheduler != null) {
                    poolPeak = Math.max(poolPeak, call("getPoolSize"));
                    mountedPeak = Math.max(mountedPeak, call("getMountedVirtualThreadCount"));
                    queuedPeak = Math.max(queuedPeak, call("getQueuedVirtualThreadCount"));
                }
            }
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops watching and says what was seen, name to value, in the order results/README.md lists them. */
    public Map<String, String> stop() throws InterruptedException {
        stopping = true;
        sampler.join();
        if (jfr != null) {
            jfr.stop(); // flushes: every event recorded so far has been counted when it returns
            jfr.close();
        }
        Map<String, String> seen = new LinkedHashMap<>();
        synchronized (this) {
            seen.put("platform.threads.peak", Long.toString(threads.getPeakThreadCount()));
            seen.put("strategy.threads.peak", Long.toString(strategyThreadsPeak));
            seen.put("virtual.pinned", jfr == null ? UNAVAILABLE : Long.toString(pinned.get()));
            seen.put("virtual.submit.failed", jfr == null ? UNAVAILABLE : Long.toString(submitFailed.get()));
            seen.put("virtual.scheduler.parallelism", scheduler == null ? UNAVAILABLE : Long.toString(call("getParallelism")));
            seen.put("virtual.scheduler.pool.peak", scheduler == null ? UNAVAILABLE : Long.toString(poolPeak));
            seen.put("virtual.scheduler.mounted.peak", scheduler == null ? UNAVAILABLE : Long.toString(mountedPeak));
            seen.put("virtual.scheduler.queued.peak", scheduler == null ? UNAVAILABLE : Long.toString(queuedPeak));
        }
        return seen;
    }

    @Override
    public void close() throws InterruptedException {
        if (!stopping) {
            stop();
        }
    }

    private static ThreadGroup rootGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    /** The scheduler's bean on JDK 24+, found by name so the code compiles and runs on JDK 21. */
    @SuppressWarnings("unchecked")
    private static PlatformManagedObject schedulerBean() {
        try {
            Class<?> type = Class.forName(SCHEDULER_BEAN);
            return ManagementFactory.getPlatformMXBean((Class<? extends PlatformManagedObject>) type);
        } catch (ReflectiveOperationException | IllegalArgumentException | LinkageError absent) {
            return null;
        }
    }

    private long call(String getter) {
        try {
            Object value = Class.forName(SCHEDULER_BEAN).getMethod(getter).invoke(scheduler);
            return ((Number) value).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
