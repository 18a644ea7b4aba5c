package dev.asynccom.core.strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code seed}: the seed's own shape. A bounded number of batch workers share one queue of batches;
 * a worker runs its batch by starting one platform thread per task and waiting for all of them, then
 * takes the next batch. Owns its batch workers (daemon, {@code asynccom-seed-worker-N}) and the
 * per-task threads they start.
 */
public final class ThreadPerCommandStrategy implements WorkerStrategy {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final int workers;
    private final LinkedBlockingQueue<BatchWork> queue = new LinkedBlockingQueue<>();
    private final List<Thread> batchWorkers = new ArrayList<>();
    private final AtomicInteger largestBatch = new AtomicInteger(1);
    private volatile boolean closed;

    /** @param workers the number of batch workers (the seed's {@code max_workers}), at least 1 */
    public ThreadPerCommandStrategy(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("seed strategy needs at least 1 worker, got " + workers);
        }
        this.workers = workers;
        for (int i = 0; i < workers; i++) {
            batchWorkers.add(Thread.ofPlatform().name("asynccom-seed-worker-" + i).daemon(true).start(this::work));
        }
    }

    @Override
    public String name() {
        return "seed";
    }

    /** Batch workers times the largest batch seen so far: each task of a batch has its own thread. */
    @Override
    public int effectiveConcurrency() {
        return (int) Math.min(Integer.MAX_VALUE, (long) workers * largestBatch.get());
    }

    /** A batch is the seed's unit of work: its tasks start together on one batch worker. */
    @Override
    public boolean runsWholeBatches() {
        return true;
    }

    @Override
    public void execute(BatchWork work) {
        if (closed) {
            for (int i = 0; i < work.size(); i++) {
                work.rejectTask(i);
            }
            return;
        }
        largestBatch.accumulateAndGet(work.size(), Math::max);
        queue.add(work);
    }

    private void work() {
        try {
            while (true) {
                BatchWork batch = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
                if (batch != null) {
                    runBatch(batch);
                } else if (closed && queue.isEmpty()) {
                    // Checked again after seeing closed: a batch added just before shutdown began (and after
                    // the poll above timed out) must still run, or its tasks would be lost.
                    return;
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runBatch(BatchWork batch) throws InterruptedException {
        Thread[] threads = new Thread[batch.size()];
        for (int i = 0; i < threads.length; i++) {
            int index = i;
            threads[i] = Thread.ofPlatform().daemon(true).start(() -> batch.runTask(index));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    @Override
    public boolean shutdown(Duration timeout) throws InterruptedException {
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread worker : batchWorkers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }
}
