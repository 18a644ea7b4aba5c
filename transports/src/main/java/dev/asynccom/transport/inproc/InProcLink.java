package dev.asynccom.transport.inproc;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultColumns;
import dev.asynccom.core.ResultSink;
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
    private final Map<String, Mailbox> clients = new ConcurrentHashMap<>();
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
        // One spare more than the queue holds: one message may be in the client's hands while the queue is full.
        Mailbox mailbox = new Mailbox(new ArrayBlockingQueue<>(resultCapacity),
                new ArrayBlockingQueue<>(resultCapacity + 1));
        clients.put(name, mailbox);
        onlyClient = clients.size() == 1 ? name : null;
        return new Client(name, mailbox);
    }

    /**
     * A client's result queue, holding {@link ResultBatch}es and {@link ResultColumns} copies of what the server's
     * sender merged, and the column buffers the client has read, for the server to fill again: a message of
     * merged results crosses the link without a {@code Result} object each.
     */
    private record Mailbox(BlockingQueue<Object> results, BlockingQueue<ResultColumns> spare) {
    }

    private final class Client implements ClientTransport {
        private final String name;
        private final Mailbox mailbox;

        Client(String name, Mailbox mailbox) {
            this.name = name;
            this.mailbox = mailbox;
        }

        @Override
        public boolean send(TaskBatch batch, long timeoutNanos) throws InterruptedException {
            TaskBatch stamped = batch.from(name);
            return tasks.offer(stamped) || tasks.offer(stamped, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public ResultBatch receive(long timeoutNanos) throws InterruptedException {
            Object next = next(timeoutNanos);
            if (next instanceof ResultColumns columns) {
                ResultBatch batch = columns.toBatch(null);
                mailbox.spare().offer(columns);
                return batch;
            }
            return (ResultBatch) next;
        }

        @Override
        public int receive(long timeoutNanos, ResultSink sink) throws InterruptedException {
            Object next = next(timeoutNanos);
            if (next instanceof ResultColumns columns) {
                int taken = columns.acceptAll(sink);
                mailbox.spare().offer(columns);
                return taken;
            }
            return next == null ? 0 : sink.acceptAll((ResultBatch) next);
        }

        private Object next(long timeoutNanos) throws InterruptedException {
            Object next = mailbox.results().poll();
            return next != null ? next : mailbox.results().poll(timeoutNanos, TimeUnit.NANOSECONDS);
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
            Mailbox mailbox = mailbox(results.client());
            return mailbox != null && offer(mailbox.results(), results, timeoutNanos);
        }

        /** As {@link #send(ResultBatch, long)}, with a copy of the columns in a buffer the client gave back. */
        @Override
        public boolean send(Object client, ResultColumns results, long timeoutNanos) throws InterruptedException {
            Mailbox mailbox = mailbox(client);
            if (mailbox == null) {
                return false;
            }
            ResultColumns copy = mailbox.spare().poll();
            if (copy == null) {
                copy = new ResultColumns(results.size());
            }
            copy.clear();
            copy.addAll(results);
            if (offer(mailbox.results(), copy, timeoutNanos)) {
                return true;
            }
            mailbox.spare().offer(copy);
            return false;
        }

        private Mailbox mailbox(Object client) {
            Object to = client != null ? client : onlyClient;
            return to == null ? null : clients.get(to);
        }

        private static boolean offer(BlockingQueue<Object> queue, Object message, long timeoutNanos)
                throws InterruptedException {
            return queue.offer(message) || queue.offer(message, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            tasks.clear();
        }
    }
}
