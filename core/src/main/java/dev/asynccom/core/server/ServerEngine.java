package dev.asynccom.core.server;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.strategy.BatchWork;
import dev.asynccom.core.strategy.WorkerStrategy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server: takes task batches from a {@link ServerTransport}, runs their tasks through a
 * {@link WorkerStrategy} and a {@link TaskHandler}, and sends the results back.
 *
 * <p>Threads: one receive thread ({@code asynccom-server-receive}) owns {@code transport.receive} and
 * the strategy's {@code execute}; one sender thread ({@code asynccom-server-send}) owns
 * {@code transport.send} and merges results bound for the same client; workers belong to the
 * strategy and hand results to the sender through a lock-free queue.
 *
 * <p>Strategy and handler can be swapped while tasks flow: the receive thread hands new batches to
 * the new strategy while the old one finishes what it accepted, so no task is lost, run twice or
 * left waiting.
 */
public final class ServerEngine implements AutoCloseable {
    private static final long RECEIVE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** How often refused messages are offered again. */
    private static final long BACKLOG_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ServerTransport transport;
    private final ServerOptions options;
    private final NanoClock clock;
    private final boolean wholeBatches;

    private volatile WorkerStrategy strategy;
    private volatile TaskHandler handler;
    private final AtomicReference<WorkerStrategy> pendingStrategy = new AtomicReference<>();
    private final List<Thread> retiring = new ArrayList<>();
    private final AtomicInteger retiringFailures = new AtomicInteger();

    private final ConcurrentLinkedQueue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    /** Messages waiting for destinations that refused them (sender thread only; null is the default one). */
    private final Map<String, Backlog> backlogs = new HashMap<>();
    private long lastRetryNanos;
    private final AtomicLong inFlight = new AtomicLong();

    private final LongAdder batchesReceived = new LongAdder();
    private final LongAdder tasksReceived = new LongAdder();
    private final LongAdder resultsSent = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder resultsDropped = new LongAdder();
    private final LongAdder tasksRejected = new LongAdder();
    private final LongAdder strategySwaps = new LongAdder();

    private volatile boolean receiving;
    private volatile boolean sending;
    private Thread receiveThread;
    private Thread sendThread;
    private boolean closed;

    /** A server on {@code transport}; call {@link #start()} to begin serving. */
    public ServerEngine(ServerTransport transport, WorkerStrategy strategy, TaskHandler handler,
                        ServerOptions options, NanoClock clock) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wholeBatches = transport.wholeBatches();
    }

    /** A server with {@link ServerOptions#DEFAULTS} and the system clock. */
    public ServerEngine(ServerTransport transport, WorkerStrategy strategy, TaskHandler handler) {
        this(transport, strategy, handler, ServerOptions.DEFAULTS, NanoClock.system());
    }

    /** Starts the receive and send threads. */
    public synchronized ServerEngine start() {
        if (receiveThread != null) {
            throw new IllegalStateException("server already started");
        }
        receiving = true;
        sending = true;
        sendThread = Thread.ofPlatform().name("asynccom-server-send").daemon(true).start(this::sendLoop);
        receiveThread = Thread.ofPlatform().name("asynccom-server-receive").daemon(true).start(this::receiveLoop);
        return this;
    }

    /**
     * Hands batches received from now on to {@code next}; the current strategy finishes the tasks it
     * accepted in the background and is then shut down. Returns at once.
     */
    public void swapStrategy(WorkerStrategy next) {
        WorkerStrategy replaced = pendingStrategy.getAndSet(Objects.requireNonNull(next, "next"));
        if (replaced != null) {
            // Never received a batch: nothing to drain.
            retire(replaced);
        }
    }

    /** Runs tasks that start from now on with {@code next}. */
    public void swapHandler(TaskHandler next) {
        handler = Objects.requireNonNull(next, "next");
    }

    /** The strategy new batches go to (a pending swap counts as done). */
    public WorkerStrategy strategy() {
        WorkerStrategy pending = pendingStrategy.get();
        return pending != null ? pending : strategy;
    }

    /** The counters now. */
    public ServerStats stats() {
        return new ServerStats(batchesReceived.sum(), tasksReceived.sum(), resultsSent.sum(), messagesSent.sum(),
                resultsDropped.sum(), tasksRejected.sum(), transport.malformedFrames(), inFlight.get(),
                strategy().name(), handler.name(), strategySwaps.sum());
    }

    private void receiveLoop() {
        BackoffIdler idler = new BackoffIdler(MAX_IDLE_PARK_NANOS);
        try {
            while (receiving) {
                applyPendingSwap();
                if (inFlight.get() >= options.maxInFlightTasks()) {
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
            applyPendingSwap();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(TaskBatch batch) {
        long receivedNanos = clock.nanoTime();
        batchesReceived.increment();
        tasksReceived.add(batch.size());
        inFlight.addAndGet(batch.size());
        strategy.execute(new ReceivedBatch(batch, receivedNanos));
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
        Thread thread = Thread.ofPlatform().name("asynccom-server-retire-" + old.name()).daemon(true).start(() -> {
            try {
                if (!old.shutdown(options.drainTimeout())) {
                    retiringFailures.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        synchronized (retiring) {
            retiring.add(thread);
        }
    }

    private void deliver(ReceivedBatch work, int index, Result result) {
        if (result.status() == Status.REJECTED) {
            tasksRejected.increment();
        }
        if (wholeBatches) {
            work.results[index] = result;
            if (work.remaining.decrementAndGet() == 0) {
                outbox.add(new Outgoing(work.batch.replyTo(), null, Arrays.asList(work.results)));
            }
        } else {
            outbox.add(new Outgoing(work.batch.replyTo(), result, null));
        }
        inFlight.decrementAndGet();
    }

    private void sendLoop() {
        BackoffIdler idler = new BackoffIdler(MAX_IDLE_PARK_NANOS);
        Map<String, List<Result>> pending = new HashMap<>();
        long oldestPendingNanos = 0;
        int pendingCount = 0;
        long flushDelayNanos = options.maxFlushDelay().toNanos();
        while (sending || !outbox.isEmpty() || pendingCount > 0 || !backlogs.isEmpty()) {
            if (!backlogs.isEmpty() && clock.nanoTime() - lastRetryNanos >= BACKLOG_RETRY_NANOS) {
                retryBacklogs();
            }
            Outgoing next = outbox.poll();
            if (next == null) {
                if (pendingCount > 0 && (!sending || clock.nanoTime() - oldestPendingNanos >= flushDelayNanos)) {
                    flush(pending);
                    pendingCount = 0;
                } else {
                    idler.idle();
                }
                continue;
            }
            idler.reset();
            if (next.whole != null) {
                send(new ResultBatch(next.replyTo, next.whole));
                continue;
            }
            if (pendingCount == 0) {
                oldestPendingNanos = clock.nanoTime();
            }
            List<Result> forClient = pending.computeIfAbsent(next.replyTo, k -> new ArrayList<>());
            forClient.add(next.single);
            pendingCount++;
            if (forClient.size() >= options.maxResultsPerMessage()) {
                pendingCount -= forClient.size();
                send(new ResultBatch(next.replyTo, forClient));
                pending.remove(next.replyTo);
            }
        }
    }

    private void flush(Map<String, List<Result>> pending) {
        for (var entry : pending.entrySet()) {
            send(new ResultBatch(entry.getKey(), entry.getValue()));
        }
        pending.clear();
    }

    /**
     * Sends one message without waiting: a destination that refuses it (its queue is full: a slow client,
     * or one that went away) gets it queued in its backlog, in order, so one client never holds up results
     * for the others.
     */
    private void send(ResultBatch results) {
        String to = results.replyTo();
        Backlog backlog = backlogs.get(to);
        if (backlog == null) {
            if (offer(results)) {
                return;
            }
            backlog = new Backlog(clock.nanoTime());
            backlogs.put(to, backlog);
        }
        backlog.messages.add(results);
    }

    /**
     * Offers every backlog's messages again, oldest first. A destination that has accepted nothing for the
     * whole send timeout is taken for gone: its backlog is dropped and counted.
     */
    private void retryBacklogs() {
        long now = clock.nanoTime();
        lastRetryNanos = now;
        long timeout = options.sendTimeout().toNanos();
        for (Iterator<Backlog> it = backlogs.values().iterator(); it.hasNext(); ) {
            Backlog backlog = it.next();
            while (!backlog.messages.isEmpty() && offer(backlog.messages.peek())) {
                backlog.messages.poll();
                backlog.lastAcceptedNanos = now;
            }
            if (backlog.messages.isEmpty()) {
                it.remove();
            } else if (now - backlog.lastAcceptedNanos >= timeout) {
                for (ResultBatch dropped : backlog.messages) {
                    resultsDropped.add(dropped.size());
                }
                it.remove();
            }
        }
    }

    /** Hands one message to the transport if it takes it now; a destination it cannot reach drops it. */
    private boolean offer(ResultBatch results) {
        boolean sent;
        try {
            sent = transport.send(results, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent = false;
        } catch (RuntimeException unreachable) {
            // A reply-to the transport cannot connect to: nothing will ever take these results.
            resultsDropped.add(results.size());
            return true;
        }
        if (sent) {
            resultsSent.add(results.size());
            messagesSent.increment();
        }
        return sent;
    }

    /** Result messages one destination refused, oldest first (sender thread only). */
    private static final class Backlog {
        final ArrayDeque<ResultBatch> messages = new ArrayDeque<>();
        /** When the destination last accepted a message, or when it first refused one. */
        long lastAcceptedNanos;

        Backlog(long sinceNanos) {
            this.lastAcceptedNanos = sinceNanos;
        }
    }

    /**
     * Stops receiving, lets accepted tasks finish and their results go out (within the drain timeout),
     * then closes the transport.
     *
     * @return whether every accepted task finished and every result was handed to the transport
     */
    public synchronized boolean shutdown() throws InterruptedException {
        if (closed) {
            return true;
        }
        closed = true;
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        boolean drained = true;
        if (receiveThread != null) {
            receiving = false;
            receiveThread.join();
            drained = strategy.shutdown(options.drainTimeout());
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            drained &= inFlight.get() == 0;
            List<Thread> toJoin;
            synchronized (retiring) {
                toJoin = List.copyOf(retiring);
            }
            for (Thread thread : toJoin) {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            }
            drained &= retiringFailures.get() == 0;
            sending = false;
            // The sender ends once the outbox and the backlogs are empty; a backlog is dropped after sendTimeout.
            sendThread.join();
        } else {
            strategy.shutdown(options.drainTimeout());
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

    private record Outgoing(String replyTo, Result single, List<Result> whole) {
    }

    /** One received batch as the strategy sees it; delivers each task's result to the sender. */
    private final class ReceivedBatch implements BatchWork {
        private final TaskBatch batch;
        private final long receivedNanos;
        private final Result[] results;
        private final AtomicInteger remaining;

        ReceivedBatch(TaskBatch batch, long receivedNanos) {
            this.batch = batch;
            this.receivedNanos = receivedNanos;
            this.results = wholeBatches ? new Result[batch.size()] : null;
            this.remaining = wholeBatches ? new AtomicInteger(batch.size()) : null;
        }

        @Override
        public int size() {
            return batch.size();
        }

        @Override
        public void runTask(int index) {
            Task task = batch.tasks().get(index);
            long start = clock.nanoTime();
            TaskOutcome outcome;
            try {
                outcome = handler.handle(task);
            } catch (Throwable failure) {
                outcome = new TaskOutcome(Status.FAILED, 0, 0);
            }
            long end = clock.nanoTime();
            deliver(this, index, new Result(task.id(), outcome.status(), outcome.response(),
                    start - receivedNanos, end - start, outcome.plannedNanos()));
        }

        @Override
        public void rejectTask(int index) {
            deliver(this, index, new Result(batch.tasks().get(index).id(), Status.REJECTED, 0,
                    clock.nanoTime() - receivedNanos, 0, 0));
        }
    }
}
