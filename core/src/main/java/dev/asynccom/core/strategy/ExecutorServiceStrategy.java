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
                submit(work, index);
            } catch (RejectedExecutionException shutDown) {
                work.rejectTask(index);
            }
        }
    }

    /** Hands task {@code index} of {@code work} to the executor, one submission per task. */
    void submit(BatchWork work, int index) {
        executor.execute(() -> work.runTask(index));
    }

    /** Queued tasks still run: {@link ExecutorService#shutdown()} only stops new submissions. */
    @Override
    public final boolean shutdown(Duration timeout) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
