package dev.asynccom.core.strategy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A strategy that submits every task to one {@link ExecutorService} and drains it on shutdown; the
 * subclasses differ only in the executor they build. Owns its executor.
 */
abstract sealed class ExecutorServiceStrategy implements WorkerStrategy permits PlatformPoolStrategy, ForkJoinStrategy {
    private final ExecutorService executor;

    ExecutorServiceStrategy(ExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public final void execute(BatchWork work) {
        for (int i = 0; i < work.size(); i++) {
            int index = i;
            try {
                executor.execute(() -> work.runTask(index));
            } catch (RejectedExecutionException shutDown) {
                work.rejectTask(index);
            }
        }
    }

    /** Queued tasks still run: {@link ExecutorService#shutdown()} only stops new submissions. */
    @Override
    public final boolean shutdown(Duration timeout) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
