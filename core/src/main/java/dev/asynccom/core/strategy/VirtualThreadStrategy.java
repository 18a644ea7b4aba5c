package dev.asynccom.core.strategy;

import dev.asynccom.core.concurrent.InFlightTracker;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code virtual}: one new virtual thread per task, optionally with a limit on how many run the
 * handler at once. The limit is taken inside the virtual thread, so waiting tasks cost a parked
 * virtual thread, not a blocked receiver. Owns the virtual threads it starts.
 *
 * <p>The threads are unnamed, as {@link Thread#startVirtualThread} starts them: a name would cost a string per
 * task, and each task's body is one object ({@link TaskRun}) rather than a lambda calling a method, one frame
 * fewer on each parked stack, which the JDK copies out at every park and back at every wake-up.
 *
 * <p>The first of these made in a JVM lets one virtual thread end ({@link #endOneVirtualThread}): the JDK's
 * {@code VirtualThread.run} refers, after the task, to a class first loaded when a virtual thread ends. In a
 * server whose first tasks are 100,000 long sleeps, none ends before C2 compiles that method, which then holds an
 * uncommon trap there, and every thread of the next wave deoptimized as it finished (200,000 deoptimizations
 * over two warm runs, {@code -Xlog:deoptimization=debug}).
 */
public final class VirtualThreadStrategy implements WorkerStrategy {
    /**
     * Whether a strategy of this JVM let its one virtual thread end; done in a constructor, as a class initializer
     * would wait on itself (the thread's body is a method of this class).
     */
    private static final AtomicBoolean ENDED_ONE = new AtomicBoolean();

    private final int limit;
    private final Semaphore permits;
    private final ThreadFactory factory = Thread.ofVirtual().factory();
    private final InFlightTracker inFlight = new InFlightTracker();
    private volatile boolean closed;

    /** @param limit the most tasks running at once, or 0 for no limit */
    public VirtualThreadStrategy(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("virtual strategy limit must be 0 (none) or more, got " + limit);
        }
        this.limit = limit;
        this.permits = limit > 0 ? new Semaphore(limit) : null;
        if (ENDED_ONE.compareAndSet(false, true)) {
            endOneVirtualThread();
        }
    }

    @Override
    public String name() {
        return "virtual";
    }

    @Override
    public int effectiveConcurrency() {
        return limit > 0 ? limit : Integer.MAX_VALUE;
    }

    @Override
    public void execute(BatchWork work) {
        inFlight.enter(work.size());
        for (int i = 0; i < work.size(); i++) {
            if (closed) {
                work.rejectTask(i);
                inFlight.exit();
                continue;
            }
            factory.newThread(new TaskRun(work, i)).start();
        }
    }

    /** One task, run on its own virtual thread. */
    private final class TaskRun implements Runnable {
        private final BatchWork work;
        private final int index;

        TaskRun(BatchWork work, int index) {
            this.work = work;
            this.index = index;
        }

        @Override
        public void run() {
            try {
                if (permits == null) {
                    work.runTask(index);
                    return;
                }
                permits.acquireUninterruptibly();
                try {
                    work.runTask(index);
                } finally {
                    permits.release();
                }
            } finally {
                inFlight.exit();
            }
        }
    }

    /** Starts a virtual thread that does nothing and waits for it to end; an interrupt meanwhile is kept. */
    private static void endOneVirtualThread() {
        Thread ends = Thread.ofVirtual().name("asynccom-first-end").start(() -> { });
        boolean interrupted = false;
        while (true) {
            try {
                ends.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean shutdown(Duration timeout) throws InterruptedException {
        closed = true;
        return inFlight.awaitZero(timeout.toNanos());
    }
}
