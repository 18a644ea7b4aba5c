package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.workload.DelayMap;

import java.time.Duration;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Emulates each command by sleeping its delay, as the seed's worker threads do: the task occupies a
 * thread (or, on a virtual thread, only its stack) but no CPU. Thread-safe; owns no threads.
 *
 * <p>On a platform thread it sleeps through {@link ForkJoinPool#managedBlock}, so a fork-join pool adds a
 * thread while one sleeps instead of sitting idle. On a virtual thread it calls {@link Thread#sleep(Duration)}
 * itself: managedBlock does nothing more there than call the blocker, but its frames would be part of every
 * sleeping thread's stack, copied out at each park and back at each wake-up (100,000 virtual threads sleeping
 * 1 s under a dozen more frames took 20-40% more CPU here). The deadline is {@link System#nanoTime()}-based
 * rather than from an injected clock: what is emulated is real time passing, which a fake clock cannot speed up.
 */
public final class SleepHandler extends DelayMapHandler {
    /** A handler answering from {@code delayMap}. */
    public SleepHandler(DelayMap delayMap) {
        super(delayMap);
    }

    @Override
    public String name() {
        return "sleep";
    }

    /** Sleeps the delay. */
    @Override
    protected long emulate(Task task, long delayNanos) throws InterruptedException {
        if (delayNanos > 0) {
            long deadline = System.nanoTime() + delayNanos;
            if (Thread.currentThread().isVirtual()) {
                long remaining = delayNanos;
                do { // sleeps may end early: sleep again until the deadline
                    Thread.sleep(Duration.ofNanos(remaining));
                } while ((remaining = deadline - System.nanoTime()) > 0);
            } else {
                ForkJoinPool.managedBlock(new Sleep(deadline));
            }
        }
        return delayNanos;
    }

    /** Blocks until a {@link System#nanoTime()} deadline; compared by difference, so it survives wrap-around. */
    private static final class Sleep implements ForkJoinPool.ManagedBlocker {
        private final long deadline;

        Sleep(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public boolean block() throws InterruptedException {
            long remaining;
            // Sleeps may end early (and are rounded by the OS), so sleep again until the deadline.
            while ((remaining = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.sleep(remaining);
            }
            return true;
        }

        @Override
        public boolean isReleasable() {
            return deadline - System.nanoTime() <= 0;
        }
    }
}
