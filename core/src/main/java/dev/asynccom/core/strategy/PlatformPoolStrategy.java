package dev.asynccom.core.strategy;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code platform}: a fixed pool of platform threads sharing one queue of tasks, the classic
 * executor. Owns its pool threads (daemon, named {@code asynccom-platform-N}).
 */
public final class PlatformPoolStrategy extends ExecutorServiceStrategy {
    private final int threads;

    /** A pool of {@code threads} platform threads (at least 1). */
    public PlatformPoolStrategy(int threads) {
        super(newPool(threads));
        this.threads = threads;
    }

    /**
     * A new pool of {@code threads} started platform threads, as this strategy runs its tasks on: for the baseline
     * that measures the pool alone ({@code RawPoolBenchmark}). The caller shuts it down.
     */
    public static ThreadPoolExecutor newPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("platform strategy needs at least 1 thread, got " + threads);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("asynccom-platform-", 0).daemon(true).factory());
        pool.prestartAllCoreThreads();
        return pool;
    }

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public int effectiveConcurrency() {
        return threads;
    }

}
