package dev.asynccom.core.server;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.core.concurrent.InFlightTracker;
import dev.asynccom.core.strategy.WorkerStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's receiving side: takes batches from the transport and hands them to the current
 * strategy, stops taking them while too many tasks are in flight (backpressure reaches the client
 * through the transport's queue), and carries out strategy swaps between two batches.
 *
 * <p>Threads: the receive thread ({@code asynccom-server-receive}, started by {@link #start}) owns
 * {@code transport.receive} and is the only caller of the strategy's {@code execute}; any thread may
 * ask for a swap. A replaced strategy finishes what it accepted on a retiring thread of its own
 * ({@code asynccom-server-retire-<name>}) and is then shut down.
 */
final class Dispatcher {
    private static final long RECEIVE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The longest park while the in-flight bound holds the receiver back. */
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ServerTransport transport;
    private final InFlightTracker inFlight;
    private final ReceivedBatch.Context context;
    private final NanoClock clock;
    private final long maxInFlightTasks;
    private final Duration drainTimeout;

    private volatile WorkerStrategy strategy;
    private final AtomicReference<WorkerStrategy> pendingStrategy = new AtomicReference<>();
    private final List<Thread> retiring = new ArrayList<>();
    private final AtomicInteger retiringFailures = new AtomicInteger();
    private final LongAdder batchesReceived = new LongAdder();
    private final LongAdder tasksReceived = new LongAdder();
    private final LongAdder strategySwaps = new LongAdder();
    private volatile boolean receiving;
    private Thread thread;

    Dispatcher(ServerTransport transport, WorkerStrategy strategy, ServerOptions options, ReceivedBatch.Context context) {
        this.transport = transport;
        this.strategy = strategy;
        this.context = context;
        this.inFlight = context.inFlight();
        this.clock = context.clock();
        this.maxInFlightTasks = options.maxInFlightTasks();
        this.drainTimeout = options.drainTimeout();
    }

    /** Starts the receive thread. */
    void start() {
        receiving = true;
        thread = Thread.ofPlatform().name("asynccom-server-receive").daemon(true).start(this::run);
    }

    /** Stops taking batches, waits for the receive thread to end, then applies a swap still pending. */
    void stop() throws InterruptedException {
        receiving = false;
        if (thread != null) {
            thread.join();
        }
        applyPendingSwap();
    }

    /** Hands batches received from now on to {@code next}. Any thread; returns at once. */
    void swap(WorkerStrategy next) {
        WorkerStrategy replaced = pendingStrategy.getAndSet(next);
        if (replaced != null) {
            retire(replaced); // never received a batch: nothing to drain
        }
    }

    /** The strategy new batches go to (a pending swap counts as done). */
    WorkerStrategy strategy() {
        WorkerStrategy pending = pendingStrategy.get();
        return pending != null ? pending : strategy;
    }

    /** The strategy that ran the last batch: the one to shut down after {@link #stop}. */
    WorkerStrategy current() {
        return strategy;
    }

    /**
     * Waits for the retiring strategies until {@code deadlineNanos} (by the engine's clock).
     *
     * @return whether every retired strategy finished what it had accepted within its drain timeout
     */
    boolean awaitRetired(long deadlineNanos) throws InterruptedException {
        List<Thread> toJoin;
        synchronized (retiring) {
            toJoin = List.copyOf(retiring);
        }
        for (Thread retiringThread : toJoin) {
            retiringThread.join(Duration.ofNanos(Math.max(1, deadlineNanos - clock.nanoTime())));
        }
        return retiringFailures.get() == 0;
    }

    private void run() {
        BackoffIdler idler = new BackoffIdler(MAX_IDLE_PARK_NANOS);
        try {
            while (receiving) {
                applyPendingSwap();
                if (inFlight.count() >= maxInFlightTasks) {
                    // Stop taking batches: the transport's queue fills and backpressure reaches the client.
                    idler.idle();
                    continue;
                }
                idler.reset();
                TaskBatch batch = transport.receive(RECEIVE_POLL_NANOS);
                if (batch != null) {
                    dispatch(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(TaskBatch batch) {
        long receivedNanos = clock.nanoTime();
        batchesReceived.increment();
        tasksReceived.add(batch.size());
        inFlight.enter(batch.size());
        strategy.execute(new ReceivedBatch(batch, receivedNanos, context));
    }

    private void applyPendingSwap() {
        WorkerStrategy next = pendingStrategy.getAndSet(null);
        if (next != null) {
            WorkerStrategy old = strategy;
            strategy = next;
            strategySwaps.increment();
            retire(old);
        }
    }

    private void retire(WorkerStrategy old) {
        Thread retiringThread = Thread.ofPlatform().name("asynccom-server-retire-" + old.name()).daemon(true)
                .start(() -> {
                    try {
                        if (!old.shutdown(drainTimeout)) {
                            retiringFailures.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        synchronized (retiring) {
            retiring.add(retiringThread);
        }
    }

    long batchesReceived() {
        return batchesReceived.sum();
    }

    long tasksReceived() {
        return tasksReceived.sum();
    }

    long strategySwaps() {
        return strategySwaps.sum();
    }
}
