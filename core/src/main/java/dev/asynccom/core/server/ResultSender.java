package dev.asynccom.core.server;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultColumns;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.Status;
import dev.asynccom.core.concurrent.BackoffIdler;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's result sender: takes results from the workers, merges those bound for the same client
 * into one message (up to {@link ServerOptions#maxResultsPerMessage()}, waiting at most
 * {@link ServerOptions#maxFlushDelay()} for company), and hands messages to the transport without
 * blocking; a client that refuses one gets it in its backlog ({@link ClientBacklogs}).
 *
 * <p>Threads: any worker thread calls {@link #deliver} and {@link #deliverWhole}; the sender thread
 * ({@code asynccom-server-send}, started by {@link #start}) is the only one that calls {@link #doWork}
 * and so owns {@code transport.send}, the merge buffers and the backlogs. A test may call
 * {@link #doWork} itself instead of starting the thread.
 */
final class ResultSender {
    /** The longest park of an idle sender: bounds the latency it adds to a result. */
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** How often refused messages are offered again. */
    private static final long BACKLOG_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** Rows a client's merge buffer starts with; it grows to the message size when a client's results come fast. */
    private static final int MERGE_BUFFER_START = 16;

    private final ServerTransport transport;
    private final NanoClock clock;
    private final int maxResultsPerMessage;
    private final long flushDelayNanos;
    private final ResultOutbox outbox;
    private final ClientBacklogs backlogs;
    private final LongAdder resultsSent = new LongAdder();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder unreachableResults = new LongAdder();

    /**
     * Results waiting to share a message, per client (sender thread only), as columns: a client's buffer is
     * cleared and reused after each message (the transport reads it during the send only; a refused message
     * goes to the backlog as a copy), and dropped at a flush that finds it empty. A list per message and a
     * {@code Result} per task were a third of what the loop allocated per task.
     */
    private final Map<Object, ResultColumns> merging = new HashMap<>();
    /**
     * The client of the last result merged and its buffer in {@link #merging}: results come in runs for one
     * client, and the map's lookup per result was two fifths of the sender thread (JFR execution samples).
     */
    private Object lastClient;
    private ResultColumns lastMerging;
    private int mergingCount;
    private long oldestMergingNanos;
    private long lastRetryNanos;
    private volatile boolean draining;
    private Thread thread;

    ResultSender(ServerTransport transport, ServerOptions options, NanoClock clock) {
        this(transport, options, clock, ResultOutbox.DEFAULT_CAPACITY);
    }

    /** @param outboxCapacity the outbox's ring, a power of two (a test's small one makes results overflow) */
    ResultSender(ServerTransport transport, ServerOptions options, NanoClock clock, int outboxCapacity) {
        this.outbox = new ResultOutbox(outboxCapacity);
        this.transport = transport;
        this.clock = clock;
        this.maxResultsPerMessage = options.maxResultsPerMessage();
        this.flushDelayNanos = options.maxFlushDelay().toNanos();
        this.backlogs = new ClientBacklogs(options.sendTimeout().toNanos());
    }

    /** One task's result, as its fields, to be merged with others for the same client. Any thread. */
    void deliver(Object client, long taskId, Status status, int response, long queueWaitNanos, long serviceNanos,
                 long plannedNanos) {
        outbox.offer(client, taskId, status, response, queueWaitNanos, serviceNanos, plannedNanos);
    }

    /** The results of one whole batch, sent as one message of their own. Any thread. */
    void deliverWhole(Object client, List<Result> results) {
        outbox.offer(client, results);
    }

    /** Starts the sender thread. */
    void start() {
        thread = Thread.ofPlatform().name("asynccom-server-send").daemon(true).start(this::run);
    }

    /**
     * Sends what is queued without waiting for company and returns once the outbox, the merge buffers
     * and the backlogs are empty (a backlog empties at the latest after the send timeout).
     */
    void drainAndStop() throws InterruptedException {
        draining = true;
        if (thread != null) {
            thread.join();
        }
    }

    private void run() {
        BackoffIdler idler = new BackoffIdler(MAX_IDLE_PARK_NANOS);
        while (!draining || !isIdle()) {
            if (doWork() > 0) {
                idler.reset();
            } else {
                idler.idle();
            }
        }
    }

    /** Whether nothing waits: no result queued, merging or backlogged. Sender thread. */
    boolean isIdle() {
        return outbox.isEmpty() && mergingCount == 0 && backlogs.isEmpty();
    }

    /**
     * One step of the sender: offers backlogs again when their retry interval passed, then takes one
     * result from the outbox, or flushes merged results that waited long enough. Sender thread.
     *
     * @return how many results or messages it took on (0: nothing new, the caller may idle; retrying a
     *         backlog does not count, so a client that refuses for a long time does not keep the sender spinning)
     */
    int doWork() {
        if (!backlogs.isEmpty()) {
            long now = clock.nanoTime();
            if (now - lastRetryNanos >= BACKLOG_RETRY_NANOS) {
                lastRetryNanos = now;
                backlogs.retry(this::offer, now);
            }
        }
        if (!outbox.take()) {
            if (mergingCount > 0 && (draining || clock.nanoTime() - oldestMergingNanos >= flushDelayNanos)) {
                flushMerging();
                return 1;
            }
            return 0;
        }
        Object client = outbox.client();
        Object payload = outbox.payload();
        if (payload instanceof List<?>) {
            @SuppressWarnings("unchecked") // deliverWhole's
            List<Result> whole = (List<Result>) payload;
            send(new ResultBatch(client, whole));
            return 1;
        }
        if (mergingCount == 0) {
            oldestMergingNanos = clock.nanoTime();
        }
        ResultColumns forClient;
        if (client == lastClient && lastMerging != null) {
            forClient = lastMerging;
        } else {
            forClient = merging.get(client);
            if (forClient == null) {
                forClient = new ResultColumns(Math.min(maxResultsPerMessage, MERGE_BUFFER_START));
                merging.put(client, forClient);
            }
            lastClient = client;
            lastMerging = forClient;
        }
        if (payload instanceof Result overflowed) {
            forClient.add(overflowed);
        } else {
            forClient.add(outbox.taskId(), outbox.status(), outbox.response(), outbox.queueWaitNanos(),
                    outbox.serviceNanos(), outbox.plannedNanos());
        }
        mergingCount++;
        if (forClient.size() >= maxResultsPerMessage) {
            mergingCount -= forClient.size();
            send(client, forClient);
            forClient.clear();
        }
        return 1;
    }

    /** Sends every client's merged results; a client with none since the last flush loses its list. */
    private void flushMerging() {
        for (Iterator<Map.Entry<Object, ResultColumns>> entries = merging.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<Object, ResultColumns> entry = entries.next();
            ResultColumns results = entry.getValue();
            if (results.size() == 0) {
                entries.remove();
                if (results == lastMerging) {
                    lastClient = null;
                    lastMerging = null;
                }
            } else {
                send(entry.getKey(), results);
                results.clear();
            }
        }
        mergingCount = 0;
    }

    /**
     * Sends merged results as one message without waiting, or queues a copy behind what waits for its client;
     * the caller clears {@code results} after.
     */
    private void send(Object client, ResultColumns results) {
        if (backlogs.holds(client) || !offer(client, results)) {
            backlogs.add(results.toBatch(client), clock.nanoTime());
        }
    }

    /** Hands merged results to the transport if it takes them now, as {@link #offer(ResultBatch)} does. */
    private boolean offer(Object client, ResultColumns results) {
        return offer(results.size(), () -> transport.send(client, results, 0));
    }

    /** Sends one message without waiting, or queues it behind what waits for its client. */
    private void send(ResultBatch results) {
        if (backlogs.holds(results.client()) || !offer(results)) {
            backlogs.add(results, clock.nanoTime());
        }
    }

    /** Hands one message to the transport if it takes it now; one for a destination it cannot reach is dropped. */
    private boolean offer(ResultBatch results) {
        return offer(results.size(), () -> transport.send(results, 0));
    }

    /** One non-blocking send of a message of {@code size} results to the transport. */
    @FunctionalInterface
    private interface Send {
        boolean send() throws InterruptedException;
    }

    /** Makes {@code attempt}, counting what it sent; a message for a destination it cannot reach counts as gone. */
    private boolean offer(int size, Send attempt) {
        boolean sent;
        try {
            sent = attempt.send();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent = false;
        } catch (RuntimeException unreachable) {
            // A client the transport cannot reach: nothing will ever take these results.
            unreachableResults.add(size);
            return true;
        }
        if (sent) {
            resultsSent.add(size);
            messagesSent.increment();
        }
        return sent;
    }

    /** Results handed to the transport. */
    long resultsSent() {
        return resultsSent.sum();
    }

    /** Result messages handed to the transport. */
    long messagesSent() {
        return messagesSent.sum();
    }

    /** Results dropped: their client accepted nothing for the send timeout, or could not be reached. */
    long resultsDropped() {
        return backlogs.droppedResults() + unreachableResults.sum();
    }
}
