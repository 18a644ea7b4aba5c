package dev.asynccom.core;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code platform}: a fixed pool of platform threads sharing one queue of tasks, the classic
 * executor. Owns its pool threads (daemon, named {@code asynccom-platform-N}).
 */
public final class PlatformPoolStrategy implements WorkerStrategy {
    private final int threads;
    private final ThreadPoolExecutor pool;

    /** A pool of {@code threads} platform threads (at least 1). */
    public PlatformPoolStrategy(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("platform strategy needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("asynccom-platform-", 0).daemon(true).factory());
        pool.prestartAllCoreThreads();
    }

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public int effectiveConcurrency() {
        return threads;
    }

    @Override
    public void execute(BatchWork work) {
        for (int i = 0; i < work.size(); i++) {
            int index = i;
            try {
                pool.execute(() -> work.runTask(index));
            } catch (RejectedExecutionException shutDown) {
                work.rejectTask(index);
            }
        }
    }

    @Override
    public boolean shutdown(Duration timeout) throws InterruptedException {
        pool.shutdown();
        return pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
