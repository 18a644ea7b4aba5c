package dev.asynccom.core.server;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.concurrent.InFlightTracker;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.strategy.WorkerStrategy;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server: takes task batches from a {@link ServerTransport}, runs their tasks through a
 * {@link WorkerStrategy} and a {@link TaskHandler}, and sends the results back. This class is the
 * lifecycle; the work is done by its parts, each owning one thread: the {@link Dispatcher} receives and
 * hands batches to the strategy, each {@link ReceivedBatch} runs on the strategy's workers, and the
 * {@link ResultSender} merges results per client and sends them.
 *
 * <p>Threads: one receive thread ({@code asynccom-server-receive}) owns {@code transport.receive} and
 * the strategy's {@code execute}; one sender thread ({@code asynccom-server-send}) owns
 * {@code transport.send}; workers belong to the strategy and hand results to the sender through a
 * lock-free queue. The public methods may be called from any thread.
 *
 * <p>Strategy and handler can be swapped while tasks flow: the receive thread hands new batches to
 * the new strategy while the old one finishes what it accepted, so no task is lost, run twice or
 * left waiting.
 *
 * <p>Clients share the workers: a client that has its share of tasks at the strategy
 * ({@link ServerOptions#maxInFlightPerClient()}) has its further batches wait at the server while the others'
 * go ahead, so one client's backlog cannot keep another's tasks behind all of it.
 */
public final class ServerEngine implements AutoCloseable {
    private final ServerTransport transport;
    private final ServerOptions options;
    private final NanoClock clock;
    private final InFlightTracker inFlight = new InFlightTracker();
    private final LongAdder tasksRejected = new LongAdder();
    private final ResultSender sender;
    private final Dispatcher dispatcher;
    private volatile TaskHandler handler;
    private boolean started;
    private boolean closed;

    /** A server on {@code transport}; call {@link #start()} to begin serving. */
    public ServerEngine(ServerTransport transport, WorkerStrategy strategy, TaskHandler handler,
                        ServerOptions options, NanoClock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sender = new ResultSender(transport, options, clock);
        ReceivedBatch.Context context = new ReceivedBatch.Context(() -> this.handler, sender, inFlight, clock,
                transport.wholeBatches(), tasksRejected);
        this.dispatcher = new Dispatcher(transport, Objects.requireNonNull(strategy, "strategy"), options, context);
    }

    /** A server with {@link ServerOptions#DEFAULTS} and the system clock. */
    public ServerEngine(ServerTransport transport, WorkerStrategy strategy, TaskHandler handler) {
        this(transport, strategy, handler, ServerOptions.DEFAULTS, NanoClock.system());
    }

    /** Starts the receive and send threads. */
    public synchronized ServerEngine start() {
        if (started) {
            throw new IllegalStateException("server already started");
        }
        started = true;
        sender.start();
        dispatcher.start();
        return this;
    }

    /**
     * Hands batches received from now on to {@code next}; the current strategy finishes the tasks it
     * accepted in the background and is then shut down. Returns at once.
     */
    public void swapStrategy(WorkerStrategy next) {
        dispatcher.swap(Objects.requireNonNull(next, "next"));
    }

    /** Runs tasks that start from now on with {@code next}. */
    public void swapHandler(TaskHandler next) {
        handler = Objects.requireNonNull(next, "next");
    }

    /** The strategy new batches go to (a pending swap counts as done). */
    public WorkerStrategy strategy() {
        return dispatcher.strategy();
    }

    /** The counters now. */
    public ServerStats stats() {
        return new ServerStats(dispatcher.batchesReceived(), dispatcher.tasksReceived(), sender.resultsSent(),
                sender.messagesSent(), sender.resultsDropped() + transport.undeliverableResults(), tasksRejected.sum(), transport.malformedFrames(),
                inFlight.count(), strategy().name(), handler.name(), dispatcher.strategySwaps(),
                dispatcher.tasksWaiting(), dispatcher.clientsHeld());
    }

    /**
     * Stops receiving, lets accepted tasks (those still waiting for their client's share included) finish and
     * their results go out (within the drain timeout), then closes the transport.
     *
     * @return whether every accepted task finished and every result was handed to the transport
     */
    public synchronized boolean shutdown() throws InterruptedException {
        if (closed) {
            return true;
        }
        closed = true;
        long drainNanos = options.drainTimeout().toNanos();
        long deadline = clock.nanoTime() + drainNanos;
        boolean drained = true;
        if (started) {
            dispatcher.stop();
            drained = dispatcher.current().shutdown(options.drainTimeout());
            drained &= inFlight.awaitZero(Math.max(0, deadline - clock.nanoTime()));
            drained &= dispatcher.awaitRetired(deadline);
            // The sender ends once the outbox and the backlogs are empty; a backlog is dropped after sendTimeout.
            sender.drainAndStop();
        } else {
            dispatcher.current().shutdown(options.drainTimeout());
        }
        transport.close();
        return drained;
    }

    /** {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        try {
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
