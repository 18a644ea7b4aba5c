package dev.asynccom.core.strategy;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;

/**
 * {@code forkjoin}: a ForkJoinPool in FIFO (async) mode. Handlers block through
 * {@link ForkJoinPool#managedBlock}, so the pool adds spare threads while workers sleep, but never
 * more than {@code maxPoolSize}: unbounded, it grew to hundreds of threads and gave a bimodal
 * makespan. Owns its pool.
 */
public final class ForkJoinStrategy extends ExecutorServiceStrategy {
    private final ForkJoinPool pool;
    private final int maxPoolSize;

    /**
     * @param maxPoolSize the most threads the pool may hold, spares included (at least 1); the
     *                    parallelism is this or the number of processors, whichever is smaller
     */
    public ForkJoinStrategy(int maxPoolSize) {
        this(pool(maxPoolSize), maxPoolSize);
    }

    private ForkJoinStrategy(ForkJoinPool pool, int maxPoolSize) {
        super(pool);
        this.pool = pool;
        this.maxPoolSize = maxPoolSize;
    }

    /**
     * The task itself is the pool's task: {@code execute(Runnable)} would wrap a lambda in a
     * {@code RunnableExecuteAction}, two objects per task where this is one. Same queueing as
     * {@code execute(Runnable)}: both submit to the pool's external queues.
     */
    @Override
    void submit(BatchWork work, int index) {
        pool.execute(new TaskAction(work, index));
    }

    /** One task of a batch as a fork-join task. */
    private static final class TaskAction extends ForkJoinTask<Void> {
        private final BatchWork work;
        private final int index;

        TaskAction(BatchWork work, int index) {
            this.work = work;
            this.index = index;
        }

        @Override
        protected boolean exec() {
            try {
                work.runTask(index);
            } catch (Throwable failure) {
                // As the pool does for a Runnable: the thread's handler hears it, the pool goes on.
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, failure);
            }
            return true;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) {
            // No result.
        }
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
