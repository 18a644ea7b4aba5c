package dev.asynccom.bench;

import dev.asynccom.core.strategy.PlatformPoolStrategy;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * A physical limit of the {@code platform} strategy itself: how many tasks per second one thread can hand to
 * the strategy's own pool ({@link PlatformPoolStrategy#newPool}: a {@code ThreadPoolExecutor} of {@code threads}
 * platform threads on one {@code LinkedBlockingQueue}) and see run, when the tasks do nothing and nothing else
 * runs. The server's receive thread hands every task to that pool the same way, one {@code execute} each, so no
 * loop over the {@code platform} strategy can carry zero-delay tasks faster than this on the same machine.
 *
 * <p>The submitting thread keeps at most {@link #WINDOW} tasks unfinished, as the server's dispatch window does,
 * spinning (with {@link Thread#onSpinWait}) while the window is full. An operation is one task.
 *
 * <p>Threads: JMH's benchmark thread submits; the pool's threads run the tasks, from trial setup to teardown.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RawPoolBenchmark {
    /** Tasks per invocation. */
    static final int TASKS = 100_000;
    /** The most tasks submitted and not yet run. */
    static final int WINDOW = 4096;

    /** The pool's threads: 2, as {@code platform 2} in the loop benchmarks. */
    @Param({"2"})
    public int threads;

    private final AtomicInteger unfinished = new AtomicInteger();
    private final Runnable task = unfinished::decrementAndGet;
    ThreadPoolExecutor pool;

    @Setup(Level.Trial)
    public void startPool() {
        pool = PlatformPoolStrategy.newPool(threads);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public int noOpTasks() {
        for (int i = 0; i < TASKS; i++) {
            while (unfinished.get() >= WINDOW) {
                Thread.onSpinWait();
            }
            unfinished.incrementAndGet();
            pool.execute(task);
        }
        while (unfinished.get() > 0) {
            Thread.onSpinWait();
        }
        return pool.getPoolSize();
    }

    @TearDown(Level.Trial)
    public void stopPool() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pool did not finish its tasks within 10 s");
        }
    }
}
