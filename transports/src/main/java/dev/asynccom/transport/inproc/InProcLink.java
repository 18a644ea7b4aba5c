package dev.asynccom.transport.inproc;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.TaskBatch;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client-server link inside one JVM: bounded queues and no serialization. One server side, any
 * number of clients; each client's batches reach the server stamped with its name, and its results go to
 * the queue of that name. A full queue blocks the
 * sender (backpressure) instead of growing.
 *
 * <p>Threads: each side follows the SPI's contract (one sending thread, one receiving thread); the
 * queues themselves are thread-safe, so the link owns no thread.
 */
public final class InProcLink {
    /** Default capacity of the task queue, in batches. */
    public static final int DEFAULT_TASK_BATCHES = 1024;
    /** Default capacity of each client's result queue, in result messages. */
    public static final int DEFAULT_RESULT_MESSAGES = 1024;

    private final BlockingQueue<TaskBatch> tasks;
    private final int resultCapacity;
    private final Map<String, BlockingQueue<ResultBatch>> clients = new ConcurrentHashMap<>();
    private final AtomicInteger clientCount = new AtomicInteger();
    private final Server server = new Server();
    private volatile String onlyClient;

    /** A link with the default capacities. */
    public InProcLink() {
        this(DEFAULT_TASK_BATCHES, DEFAULT_RESULT_MESSAGES);
    }

    /**
     * @param taskBatches    how many task batches may wait for the server before clients block
     * @param resultMessages how many result messages may wait for each client before the server blocks
     */
    public InProcLink(int taskBatches, int resultMessages) {
        if (taskBatches < 1 || resultMessages < 1) {
            throw new IllegalArgumentException("queue capacities must be at least 1");
        }
        this.tasks = new ArrayBlockingQueue<>(taskBatches);
        this.resultCapacity = resultMessages;
    }

    /** The server side (there is one). */
    public ServerTransport server() {
        return server;
    }

    /** A new client side with its own result queue, named {@code inproc-client-N}. */
    public ClientTransport newClient() {
        String name = "inproc-client-" + clientCount.incrementAndGet();
        BlockingQueue<ResultBatch> results = new ArrayBlockingQueue<>(resultCapacity);
        clients.put(name, results);
        onlyClient = clients.size() == 1 ? name : null;
        return new Client(name, results);
    }

    private final class Client implements ClientTransport {
        private final String name;
        private final BlockingQueue<ResultBatch> results;

        Client(String name, BlockingQueue<ResultBatch> results) {
            this.name = name;
            this.results = results;
        }

        @Override
        public boolean send(TaskBatch batch, long timeoutNanos) throws InterruptedException {
            TaskBatch stamped = batch.from(name);
            return tasks.offer(stamped) || tasks.offer(stamped, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public ResultBatch receive(long timeoutNanos) throws InterruptedException {
            ResultBatch next = results.poll();
            return next != null ? next : results.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            clients.remove(name);
        }
    }

    private final class Server implements ServerTransport {
        @Override
        public TaskBatch receive(long timeoutNanos) throws InterruptedException {
            TaskBatch next = tasks.poll();
            return next != null ? next : tasks.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }

        /** Results for a client that is gone (or for no client, with several) are refused. */
        @Override
        public boolean send(ResultBatch results, long timeoutNanos) throws InterruptedException {
            Object to = results.client() != null ? results.client() : onlyClient;
            BlockingQueue<ResultBatch> queue = to == null ? null : clients.get(to);
            return queue != null && (queue.offer(results) || queue.offer(results, timeoutNanos, TimeUnit.NANOSECONDS));
        }

        @Override
        public void close() {
            tasks.clear();
        }
    }
}
