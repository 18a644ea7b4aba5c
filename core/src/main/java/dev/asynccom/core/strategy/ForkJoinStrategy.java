package dev.asynccom.core.strategy;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * {@code forkjoin}: a ForkJoinPool in FIFO (async) mode. Handlers block through
 * {@link ForkJoinPool#managedBlock}, so the pool adds spare threads while workers sleep, but never
 * more than {@code maxPoolSize}: unbounded, it grew to hundreds of threads and gave a bimodal
 * makespan. Owns its pool.
 */
public final class ForkJoinStrategy extends ExecutorServiceStrategy {
    private final int maxPoolSize;

    /**
     * @param maxPoolSize the most threads the pool may hold, spares included (at least 1); the
     *                    parallelism is this or the number of processors, whichever is smaller
     */
    public ForkJoinStrategy(int maxPoolSize) {
        super(pool(maxPoolSize));
        this.maxPoolSize = maxPoolSize;
    }

    private static ForkJoinPool pool(int maxPoolSize) {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("forkjoin strategy needs a maximum pool size of at least 1, got " + maxPoolSize);
        }
        int parallelism = Math.min(maxPoolSize, Runtime.getRuntime().availableProcessors());
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = p -> {
            var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            thread.setName("asynccom-forkjoin-" + thread.getPoolIndex());
            thread.setDaemon(true);
            return thread;
        };
        // saturate -> true: at the bound a blocking task just blocks, rather than failing.
        return new ForkJoinPool(parallelism, factory, null, true, 0, maxPoolSize, 1, p -> true, 60, TimeUnit.SECONDS);
    }

    @Override
    public String name() {
        return "forkjoin";
    }

    @Override
    public int effectiveConcurrency() {
        return maxPoolSize;
    }

}
