package dev.asynccom.core.strategy;

import dev.asynccom.core.Result;
import dev.asynccom.core.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every built-in strategy promises: each task runs once, shutdown waits, then rejects. */
class WorkerStrategyContractTest {

    /** Counts how often each task ran or was rejected, and how many ran at once. */
    private static final class CountingWork implements BatchWork {
        final AtomicIntegerArray runs;
        final AtomicIntegerArray rejections;
        final AtomicInteger running;
        final AtomicInteger mostRunning;
        final long blockNanos;

        CountingWork(int size, long blockNanos, AtomicInteger running, AtomicInteger mostRunning) {
            this.runs = new AtomicIntegerArray(size);
            this.rejections = new AtomicIntegerArray(size);
            this.blockNanos = blockNanos;
            this.running = running;
            this.mostRunning = mostRunning;
        }

        @Override
        public int size() {
            return runs.length();
        }

        @Override
        public void runTask(int index) {
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                if (blockNanos > 0) {
                    long until = System.nanoTime() + blockNanos;
                    ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                        @Override
                        public boolean block() throws InterruptedException {
                            long left = until - System.nanoTime();
                            if (left > 0) {
                                TimeUnit.NANOSECONDS.sleep(left);
                            }
                            return isReleasable();
                        }

                        @Override
                        public boolean isReleasable() {
                            return System.nanoTime() >= until;
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
                runs.incrementAndGet(index);
            }
        }

        @Override
        public void rejectTask(int index) {
            rejections.incrementAndGet(index);
        }

        @Override
        public Task task(int index) {
            return new Task(index, "137.72.95.0", "foo");
        }

        @Override
        public void completeTask(int index, Result remote) {
            runs.incrementAndGet(index);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "virtual", "forkjoin", "seed"})
    void everyTaskRunsExactlyOnceAndShutdownWaitsForThem(String name) throws InterruptedException {
        WorkerStrategy strategy = WorkerStrategies.create(name, 3);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountingWork[] batches = new CountingWork[200];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new CountingWork(16, 0, running, most);
            strategy.execute(batches[b]);
        }

        assertTrue(strategy.shutdown(Duration.ofSeconds(30)), name + " did not drain");

        for (CountingWork batch : batches) {
            for (int i = 0; i < batch.size(); i++) {
                assertEquals(1, batch.runs.get(i), name + " ran a task " + batch.runs.get(i) + " times");
                assertEquals(0, batch.rejections.get(i));
            }
        }
        assertEquals(name, strategy.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "virtual", "forkjoin", "seed"})
    void afterShutdownEveryTaskIsRejectedNotDropped(String name) throws InterruptedException {
        WorkerStrategy strategy = WorkerStrategies.create(name, 2);
        strategy.shutdown(Duration.ofSeconds(5));
        CountingWork late = new CountingWork(8, 0, new AtomicInteger(), new AtomicInteger());

        strategy.execute(late);

        for (int i = 0; i < late.size(); i++) {
            assertEquals(1, late.rejections.get(i) + late.runs.get(i), "task " + i + " vanished");
            assertEquals(0, late.runs.get(i), "task " + i + " ran after shutdown");
        }
    }

    @ParameterizedTest
    @CsvSource({"platform,4,4", "virtual,3,3", "forkjoin,4,4", "seed,2,32"})
    void blockingTasksNeverExceedTheStrategysConcurrency(String name, int workers, int bound)
            throws InterruptedException {
        WorkerStrategy strategy = WorkerStrategies.create(name, workers);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        for (int b = 0; b < 4; b++) {
            strategy.execute(new CountingWork(16, TimeUnit.MILLISECONDS.toNanos(20), running, most));
        }
        assertTrue(strategy.shutdown(Duration.ofSeconds(30)));

        assertTrue(most.get() <= bound, name + " ran " + most.get() + " tasks at once, bound " + bound);
        assertEquals(bound, strategy.effectiveConcurrency());
    }

    @ParameterizedTest
    @ValueSource(strings = {"forkjoin", "virtual"})
    void blockingTasksRunBeyondTheProcessorCount(String name) throws InterruptedException {
        WorkerStrategy strategy = WorkerStrategies.create(name, name.equals("forkjoin") ? 16 : 0);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        strategy.execute(new CountingWork(64, TimeUnit.MILLISECONDS.toNanos(50), running, most));
        assertTrue(strategy.shutdown(Duration.ofSeconds(30)));

        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(most.get() > cores, name + " ran only " + most.get() + " sleeping tasks at once on " + cores + " cores");
    }

    @ParameterizedTest
    @CsvSource({"platform,0", "forkjoin,0", "seed,0", "virtual,-1", "fibers,4"})
    void badNamesAndCountsAreRefusedWithTheValue(String name, int workers) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkerStrategies.create(name, workers));
        assertTrue(e.getMessage().contains(name.equals("fibers") ? "fibers" : String.valueOf(workers)), e.getMessage());
    }
}
