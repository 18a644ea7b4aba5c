package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.workload.DelayMap;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Emulates each command by sleeping its delay, as the seed's worker threads do: the task occupies a
 * thread (or, on a virtual thread, only its stack) but no CPU. Thread-safe; owns no threads (the shared
 * {@link DeadlineWaker} has one).
 *
 * <p>On a platform thread it sleeps through {@link ForkJoinPool#managedBlock}, so a fork-join pool adds a
 * thread while one sleeps instead of sitting idle. On a virtual thread it parks until the deadline and is woken
 * by the {@link DeadlineWaker}, as a virtual thread blocked on a remote command's socket is woken by the JDK's
 * poller; {@link Thread#sleep} would give each sleeper a timer task of the JDK's own, two submissions to the
 * scheduler per wake-up (100,000 bare virtual threads sleeping 1 s took 30% less CPU woken this way). It does
 * not go through managedBlock there, which does nothing more than call the blocker on a virtual thread but whose
 * frames would be part of every sleeping thread's stack, copied out at each park and back at each wake-up
 * (a dozen more frames took 20-40% more CPU). The deadline is {@link System#nanoTime()}-based
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
    protected void emulate(long taskId, long delayNanos) throws InterruptedException {
        if (delayNanos > 0) {
            long deadline = System.nanoTime() + delayNanos;
            if (Thread.currentThread().isVirtual()) {
                DeadlineWaker.shared().sleepUntil(deadline);
            } else {
                ForkJoinPool.managedBlock(new Sleep(deadline));
            }
        }
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
