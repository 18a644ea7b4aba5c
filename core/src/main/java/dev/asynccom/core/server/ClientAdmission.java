package dev.asynccom.core.server;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Per-client admission: the batches of a client that already has its share of tasks at the strategy wait
 * here, in a queue of their own, and go on round-robin among the clients with room: at each turn a client
 * hands on its oldest batch, or as much of it as its room allows (the rest stays first in line), so shares
 * are kept in tasks whatever the batch sizes. A batch that cannot be cut (a transport that answers whole
 * batches, or a strategy that runs them whole) goes on whole once its client has room for any task. A client's
 * state lives only while the server holds tasks of it (waiting or in flight), so clients that come and go leave
 * nothing behind.
 *
 * <p>Threads: the server's receive thread owns the queues, the table of clients and the turn order (after
 * it has ended, the thread that stopped it, which hands on what waits); worker threads only count a client's answers down, through its
 * atomic counter, which {@link ReceivedBatch} holds. The two counts for stats are written by the owner and
 * readable from any thread.
 */
final class ClientAdmission {
    private final Map<Object, Client> clients = new HashMap<>();
    /** Clients with batches waiting, in turn order. */
    private final ArrayDeque<Client> turns = new ArrayDeque<>();
    private long waitingTasks;
    private volatile long waitingTasksNow;
    private volatile int clientsNow;

    /**
     * Queues a batch just received from {@code token}'s client, counting its {@code tasks} as that client's
     * until each is answered.
     *
     * @param work makes the batch from the client's answer counter, which the batch counts down
     */
    void add(Object token, int tasks, Function<AtomicInteger, ReceivedBatch> work) {
        Client client = clients.get(token);
        if (client == null) {
            client = new Client();
            clients.put(token, client);
            clientsNow = clients.size();
        }
        client.unanswered.addAndGet(tasks);
        if (client.waiting.isEmpty()) {
            turns.add(client);
        }
        client.waiting.add(work.apply(client.unanswered));
        client.waitingTasks += tasks;
        waitingTasks += tasks;
        waitingTasksNow = waitingTasks;
    }

    /** Whether a batch waits. */
    boolean hasWaiting() {
        return !turns.isEmpty();
    }

    /**
     * Hands waiting work to {@code execute}, round-robin: at each turn a client below {@code share} tasks at
     * the strategy gives its oldest batch, cut to its room (unless {@code wholeBatches}: then it goes on whole),
     * until no client with a batch waiting has room.
     *
     * @param wholeBatches whether the strategy runs batches as they came ({@code WorkerStrategy.runsWholeBatches})
     * @return batches or slices handed on
     */
    int handOn(long share, boolean wholeBatches, Consumer<ReceivedBatch> execute) {
        int handed = 0;
        int skipped = 0;
        while (skipped < turns.size()) {
            Client client = turns.poll();
            long room = share - client.atStrategy();
            if (room <= 0) {
                turns.add(client);
                skipped++;
                continue;
            }
            ReceivedBatch work = client.waiting.poll();
            if (work.size() > room && !wholeBatches && work.sliceable()) {
                client.waiting.addFirst(work.slice((int) room, work.size()));
                work = work.slice(0, (int) room);
            }
            client.waitingTasks -= work.size();
            waitingTasks -= work.size();
            waitingTasksNow = waitingTasks;
            if (!client.waiting.isEmpty()) {
                turns.add(client);
            }
            execute.accept(work);
            handed++;
            skipped = 0;
        }
        return handed;
    }

    /** Forgets the clients whose every task was answered. */
    void dropIdle() {
        if (clients.size() == turns.size()) {
            return; // every client known has a batch waiting
        }
        for (Iterator<Client> it = clients.values().iterator(); it.hasNext(); ) {
            Client client = it.next();
            // Only this thread adds to the count, so a client seen at zero with nothing waiting stays there.
            if (client.waiting.isEmpty() && client.unanswered.get() == 0) {
                it.remove();
            }
        }
        clientsNow = clients.size();
    }

    /** Clients the server holds tasks for (as of the last change or sweep); any thread. */
    int clients() {
        return clientsNow;
    }

    /** Tasks waiting for their client's share; any thread. */
    long waitingTasks() {
        return waitingTasksNow;
    }

    /** One client's waiting batches and count of tasks unanswered. */
    private static final class Client {
        final ArrayDeque<ReceivedBatch> waiting = new ArrayDeque<>();
        /** Tasks received and not yet answered, waiting ones included: counted down by the workers. */
        final AtomicInteger unanswered = new AtomicInteger();
        int waitingTasks;

        /** Tasks handed to the strategy and not yet answered. */
        int atStrategy() {
            return unanswered.get() - waitingTasks;
        }
    }
}
