package dev.asynccom.core;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server transport a test plays the client of: it {@link #push}es batches for the server to receive,
 * reads what the server {@link #sent}, and makes a destination {@link #refuse} results (a slow client).
 * Receives wait on a real queue, at most a millisecond at a time, so a test's manual clock never makes
 * them sleep long.
 */
public final class ScriptedServerTransport implements ServerTransport {
    private final BlockingQueue<TaskBatch> incoming = new LinkedBlockingQueue<>();
    private final List<ResultBatch> sent = new CopyOnWriteArrayList<>();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();
    private final boolean wholeBatches;
    private volatile boolean closed;

    public ScriptedServerTransport(boolean wholeBatches) {
        this.wholeBatches = wholeBatches;
    }

    public ScriptedServerTransport() {
        this(false);
    }

    /** A batch for the server to receive. */
    public void push(TaskBatch batch) {
        incoming.add(batch);
    }

    /**
     * Waits until the server has taken every pushed batch (it then dispatches them before its receive
     * thread can stop), at most {@code timeout}.
     */
    public void awaitTaken(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!incoming.isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the server took no batch for " + timeout);
            }
            Thread.sleep(1);
        }
    }

    /** The result messages the server handed over, in order. */
    public List<ResultBatch> sent() {
        return List.copyOf(sent);
    }

    /** Results handed over so far, over every message. */
    public int resultsSent() {
        return sent.stream().mapToInt(ResultBatch::size).sum();
    }

    /** Makes {@code client} refuse (true) or accept (false) result messages. */
    public void refuse(String client, boolean refuse) {
        if (refuse) {
            refusing.add(client);
        } else {
            refusing.remove(client);
        }
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public TaskBatch receive(long timeoutNanos) throws InterruptedException {
        return incoming.poll(Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean send(ResultBatch results, long timeoutNanos) {
        if (refusing.contains(String.valueOf(results.client()))) {
            return false;
        }
        sent.add(results);
        return true;
    }

    @Override
    public boolean wholeBatches() {
        return wholeBatches;
    }

    @Override
    public void close() {
        closed = true;
    }
}
