package dev.asynccom.core.server;

import dev.asynccom.core.ResultBatch;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Result messages that clients refused (their queue is full: a slow client, or one that went away),
 * kept per client and in order, so one client never holds up results for the others. Owned by the
 * result sender's thread.
 */
final class ClientBacklogs {
    private final Map<Object, Backlog> byClient = new HashMap<>(); // null is a transport's single destination
    private final long sendTimeoutNanos;
    private volatile long droppedResults; // written by the sender thread only, read by stats()

    /** @param sendTimeoutNanos how long a client may accept nothing before its backlog is dropped */
    ClientBacklogs(long sendTimeoutNanos) {
        this.sendTimeoutNanos = sendTimeoutNanos;
    }

    /** Whether any message waits. */
    boolean isEmpty() {
        return byClient.isEmpty();
    }

    /** Whether messages wait for {@code client}: a new one must queue behind them to keep the order. */
    boolean holds(Object client) {
        return byClient.containsKey(client);
    }

    /** Queues {@code results} behind what waits for its client; a first refusal starts the client's timer. */
    void add(ResultBatch results, long nowNanos) {
        byClient.computeIfAbsent(results.client(), client -> new Backlog(nowNanos)).messages.add(results);
    }

    /**
     * Offers every backlog's messages again, oldest first, through {@code offer}. A client that has
     * accepted nothing for the whole send timeout is taken for gone: its backlog is dropped and counted.
     */
    void retry(Predicate<ResultBatch> offer, long nowNanos) {
        for (Iterator<Backlog> it = byClient.values().iterator(); it.hasNext(); ) {
            Backlog backlog = it.next();
            while (!backlog.messages.isEmpty() && offer.test(backlog.messages.peek())) {
                backlog.messages.poll();
                backlog.lastAcceptedNanos = nowNanos;
            }
            if (backlog.messages.isEmpty()) {
                it.remove();
            } else if (nowNanos - backlog.lastAcceptedNanos >= sendTimeoutNanos) {
                for (ResultBatch dropped : backlog.messages) {
                    droppedResults += dropped.size();
                }
                it.remove();
            }
        }
    }

    /** Results dropped so far because their client accepted nothing for the send timeout. */
    long droppedResults() {
        return droppedResults;
    }

    /** One client's refused messages, oldest first. */
    private static final class Backlog {
        final ArrayDeque<ResultBatch> messages = new ArrayDeque<>();
        /** When the client last accepted a message, or when it first refused one. */
        long lastAcceptedNanos;

        Backlog(long sinceNanos) {
            this.lastAcceptedNanos = sinceNanos;
        }
    }
}
