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
import java.util.function.Consumer;

/**
 * The server's receiving side: takes batches from the transport and hands them to the current
 * strategy, stops taking them while too many tasks are in flight (backpressure reaches the client
 * through the transport's queue), and carries out strategy swaps between two batches. Under per-client
 * admission ({@link ServerOptions#maxInFlightPerClient()}) a batch of a client that already has its share
 * at the strategy waits in that client's queue ({@link ClientAdmission}) and goes on round-robin among the
 * clients with room; waiting tasks count as in flight, so the global bound still holds back the receiving
 * and memory stays bounded. A batch without a client token goes straight on, as before.
 *
 * <p>Threads: the receive thread ({@code asynccom-server-receive}, started by {@link #start}) owns
 * {@code transport.receive}, the per-client queues and the share rule ({@link FairShare}), and is the only
 * caller of the strategy's {@code execute}; after it has ended, {@link #stop} owns the queues and hands what
 * still waits to the strategy. Any thread may ask for a swap; batches waiting go to the new strategy.
 * A replaced strategy finishes what it accepted on a retiring thread of its own
 * ({@code asynccom-server-retire-<name>}) and is then shut down.
 */
final class Dispatcher {
    private static final long RECEIVE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The longest park while the in-flight bound holds the receiver back. */
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Busy turns between two sweeps of the clients whose tasks were all answered (an idle turn sweeps too). */
    private static final int SWEEP_TURNS = 64;

    private final ServerTransport transport;
    private final InFlightTracker inFlight;
    private final ReceivedBatch.Context context;
    private final NanoClock clock;
    private final long maxInFlightTasks;
    private final Duration drainTimeout;
    /** Per-client admission, or {@code null} when it is off. Receive thread. */
    private final ClientAdmission admission;
    private final FairShare share;
    private final Consumer<ReceivedBatch> toStrategy = work -> this.strategy.execute(work);

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
        boolean perClient = options.maxInFlightPerClient() != ServerOptions.PER_CLIENT_OFF;
        this.admission = perClient ? new ClientAdmission() : null;
        this.share = perClient ? new FairShare(options.maxInFlightPerClient(), options.maxInFlightTasks()) : null;
    }

    /** Starts the receive thread. */
    void start() {
        receiving = true;
        thread = Thread.ofPlatform().name("asynccom-server-receive").daemon(true).start(this::run);
    }

    /**
     * Stops taking batches, waits for the receive thread to end, then applies a swap still pending and hands
     * the tasks still waiting for their client's share to the strategy, round-robin, whatever the shares: every
     * task received runs within the drain, as when there were no per-client queues.
     */
    void stop() throws InterruptedException {
        receiving = false;
        if (thread != null) {
            thread.join();
        }
        applyPendingSwap();
        if (admission != null) {
            admission.handOn(Long.MAX_VALUE, true, toStrategy);
            admission.dropIdle();
        }
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
        int turns = 0;
        try {
            while (receiving) {
                applyPendingSwap();
                boolean waiting = admission != null && admission.hasWaiting();
                boolean worked = false;
                boolean waited = false;
                // At the bound, stop taking batches: the transport's queue fills and backpressure reaches the client.
                if (inFlight.count() < maxInFlightTasks) {
                    // With batches waiting for room, only look: the loop must come back to hand them on.
                    TaskBatch batch = transport.receive(waiting ? 0 : RECEIVE_POLL_NANOS);
                    if (batch != null) {
                        accept(batch);
                        worked = true;
                    } else {
                        waited = !waiting;
                    }
                }
                if (admission != null) {
                    worked |= handOnWaiting();
                    if (!worked || ++turns % SWEEP_TURNS == 0) {
                        admission.dropIdle();
                    }
                }
                if (worked) {
                    idler.reset();
                } else if (!waited) {
                    idler.idle();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(TaskBatch batch) {
        long receivedNanos = clock.nanoTime();
        batchesReceived.increment();
        tasksReceived.add(batch.size());
        inFlight.enter(batch.size());
        if (admission == null || batch.client() == null) {
            strategy.execute(new ReceivedBatch(batch, receivedNanos, context, null));
        } else {
            admission.add(batch.client(), batch.size(),
                    unanswered -> new ReceivedBatch(batch, receivedNanos, context, unanswered));
        }
    }

    /** Hands waiting batches to the strategy as far as their clients' shares allow; whether it handed any. */
    private boolean handOnWaiting() {
        share.observe(tasksReceived.sum() - inFlight.count(), clock.nanoTime());
        if (!admission.hasWaiting()) {
            return false;
        }
        long perClient = share.share(admission.clients(), strategy.effectiveConcurrency());
        return admission.handOn(perClient, strategy.runsWholeBatches(), toStrategy) > 0;
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

    /** Tasks received that wait for their client's share. Any thread. */
    long tasksWaiting() {
        return admission == null ? 0 : admission.waitingTasks();
    }

    /** Clients the server holds tasks for under per-client admission. Any thread. */
    int clientsHeld() {
        return admission == null ? 0 : admission.clients();
    }
}
