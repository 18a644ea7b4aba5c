package dev.asynccom.core.strategy;

import dev.asynccom.core.Heartbeat;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.Task;
import dev.asynccom.core.WorkerMessage;
import dev.asynccom.core.WorkerTransport;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.core.concurrent.InFlightTracker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs tasks on worker processes that joined over a {@link WorkerTransport}, and on a local strategy
 * beside them unless there is none (remote only), handing out tasks by credit: each worker says how many
 * tasks it can hold and is never sent more; the local strategy holds at most {@code localCredit} and is
 * served first (no hop).
 *
 * <p>Every task gets a delivery id, unique to this server instance (a random base, so a result of an
 * earlier server's task never matches). A worker silent past its {@link Heartbeat} liveness is declared
 * dead and the tasks it held go to other workers (redelivered, same delivery id); the first result of a
 * delivery id answers the task and any later one is dropped and counted as a duplicate, so each task is
 * answered exactly once. A worker that says goodbye is sent nothing more and leaves once it answered what
 * it held.
 *
 * <p>Threads: one distributor thread ({@code asynccom-server-workers}) owns the transport, the worker
 * table and every task's assignment; {@link #execute} (the server's receive thread) hands batches to it
 * through a lock-free queue; local worker threads give back local credit through an atomic counter.
 */
public final class RemoteWorkerStrategy implements WorkerStrategy {
    /** The most tasks in one message to a worker. */
    static final int MAX_TASKS_PER_MESSAGE = 256;
    /**
     * The longest park of the distributor while tasks are out: how late it may notice a worker's result.
     * Idle with nothing open it parks up to {@link #IDLE_PARK_NANOS}; a new batch unparks it at once.
     */
    private static final long BUSY_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final WorkerStrategy local;
    private final int localCredit;
    private final WorkerTransport transport;
    private final Heartbeat heartbeat;
    private final NanoClock clock;
    private final Consumer<String> events;
    private final ConcurrentLinkedQueue<BatchWork> incoming = new ConcurrentLinkedQueue<>();
    private final InFlightTracker outstanding = new InFlightTracker();
    private final AtomicInteger localHeld = new AtomicInteger();
    private final Thread distributor;
    private volatile boolean accepting = true;
    private volatile boolean stopping;
    private volatile int remoteCapacity;

    // Distributor thread only.
    private final ArrayDeque<OpenTask> pending = new ArrayDeque<>();
    private final Map<Long, OpenTask> open = new HashMap<>();
    private final Map<String, Worker> workers = new LinkedHashMap<>();
    private long nextDeliveryId;
    private int rotation;

    /** Counters: written by the distributor thread only, read by any. */
    private volatile long joined, left, declaredDead, redelivered, duplicatesDropped, remoteResults, rejectedAtStop;

    /**
     * @param local       the strategy that runs tasks inside the server, or {@code null} to run none here
     * @param localCredit the most tasks the local strategy holds at once (running or queued)
     * @param transport   the links to the workers, owned from now on (closed by {@link #shutdown})
     * @param events      where joins, departures and deaths are told, one sentence each
     */
    public RemoteWorkerStrategy(WorkerStrategy local, int localCredit, WorkerTransport transport, Heartbeat heartbeat,
                                NanoClock clock, Consumer<String> events) {
        if (local != null && localCredit < 1) {
            throw new IllegalArgumentException("local credit must be at least 1, got " + localCredit);
        }
        this.local = local;
        this.localCredit = localCredit;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.nextDeliveryId = ThreadLocalRandom.current().nextLong(1, 1L << 30) << 32;
        this.distributor = Thread.ofPlatform().name("asynccom-server-workers").daemon(true).start(this::distribute);
    }

    @Override
    public String name() {
        return local == null ? "remote" : local.name() + "+remote";
    }

    /** The local strategy's concurrency plus the credit the workers joined with. */
    @Override
    public int effectiveConcurrency() {
        long sum = (long) (local == null ? 0 : local.effectiveConcurrency()) + remoteCapacity;
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    @Override
    public void execute(BatchWork work) {
        if (!accepting) {
            for (int i = 0; i < work.size(); i++) {
                work.rejectTask(i);
            }
            return;
        }
        outstanding.enter(work.size());
        incoming.add(work);
        LockSupport.unpark(distributor);
    }

    /**
     * Stops accepting, waits up to {@code timeout} for every accepted task to be answered (by a worker or
     * locally), answers those that never left the server {@code REJECTED}, and closes the transport. Tasks
     * still held by workers then are abandoned: the server is going away.
     */
    @Override
    public boolean shutdown(Duration timeout) throws InterruptedException {
        accepting = false;
        long deadline = clock.nanoTime() + timeout.toNanos();
        boolean finished = outstanding.awaitZero(timeout.toNanos());
        stopping = true;
        distributor.join();
        if (local != null) {
            finished &= local.shutdown(Duration.ofNanos(Math.max(0, deadline - clock.nanoTime())));
        }
        transport.close();
        return finished;
    }

    /** The counters now; safe from any thread. */
    public RemoteWorkerStats stats() {
        return new RemoteWorkerStats(joined, left, declaredDead, redelivered, duplicatesDropped, remoteResults,
                rejectedAtStop, outstanding.count());
    }

    /** Where workers connect. */
    public String endpoint() {
        return transport.endpoint();
    }

    private void distribute() {
        BackoffIdler idler = new BackoffIdler(IDLE_PARK_NANOS);
        long nextCheck = clock.nanoTime();
        while (!stopping) {
            boolean busy = takeIncoming();
            busy |= receive();
            busy |= assign();
            long now = clock.nanoTime();
            if (now - nextCheck >= 0) {
                checkLiveness(now);
                nextCheck = now + heartbeat.interval().toNanos() / 4;
            }
            if (busy) {
                idler.reset();
            } else {
                idler.idle(open.isEmpty() ? IDLE_PARK_NANOS : BUSY_PARK_NANOS);
            }
        }
        takeIncoming();
        rejectPending();
    }

    private boolean takeIncoming() {
        boolean any = false;
        for (BatchWork work; (work = incoming.poll()) != null; ) {
            any = true;
            for (int i = 0; i < work.size(); i++) {
                OpenTask task = new OpenTask(nextDeliveryId++, work, i);
                open.put(task.deliveryId, task);
                pending.addLast(task);
            }
        }
        return any;
    }

    private boolean receive() {
        boolean any = false;
        for (int n = 0; n < 64; n++) {
            WorkerMessage message = transport.poll();
            if (message == null) {
                break;
            }
            any = true;
            handle(message, clock.nanoTime());
        }
        return any;
    }

    private void handle(WorkerMessage message, long now) {
        Worker worker = workers.get(message.worker());
        if (worker != null) {
            worker.lastHeardNanos = now;
        }
        switch (message) {
            case WorkerMessage.Ready ready -> {
                // A READY on a link already known is ignored: tasks sent since the worker counted its credit
                // would be counted twice (a burst of DISCONNECTs after a restart can bring several READYs).
                if (worker == null) {
                    worker = new Worker(ready.worker(), ready.label(), now);
                    workers.put(worker.name, worker);
                    worker.credit = ready.credit();
                    worker.capacity = ready.credit();
                    joined++;
                    updateRemoteCapacity();
                    events.accept("worker " + ready.label() + " joined with credit " + ready.credit());
                }
            }
            case WorkerMessage.Results results -> {
                for (Result result : results.results()) {
                    answer(worker, result);
                }
                if (worker == null) {
                    transport.sendControl(message.worker(), WorkerMessage.Control.DISCONNECT);
                } else {
                    worker.credit += results.results().size();
                    leaveIfDone(worker);
                }
            }
            case WorkerMessage.Signal signal -> {
                boolean goodbye = signal.control() == WorkerMessage.Control.GOODBYE;
                if (worker == null) { // a goodbye is acknowledged anyway; anything else asks the link to join
                    transport.sendControl(message.worker(), goodbye ? WorkerMessage.Control.GOODBYE
                            : WorkerMessage.Control.DISCONNECT);
                } else if (goodbye) {
                    worker.leaving = true;
                    transport.sendControl(worker.name, WorkerMessage.Control.GOODBYE);
                    worker.lastSentNanos = now;
                    leaveIfDone(worker);
                }
            }
        }
    }

    private void answer(Worker from, Result result) {
        if (from != null) {
            from.held.remove(result.taskId());
        }
        OpenTask task = open.remove(result.taskId());
        if (task == null) {
            duplicatesDropped++;
            return;
        }
        task.done = true;
        remoteResults++;
        task.work.completeTask(task.index, result);
        outstanding.exit();
    }

    private void leaveIfDone(Worker worker) {
        if (worker.leaving && worker.held.isEmpty()) {
            workers.remove(worker.name);
            left++;
            updateRemoteCapacity();
            events.accept("worker " + worker.label + " left");
        }
    }

    /**
     * Hands pending tasks to whoever has credit: the local strategy first, up to its credit; then the workers,
     * a fair share each, so a worker that just joined gets work at once.
     */
    private boolean assign() {
        if (pending.isEmpty()) {
            return false;
        }
        List<Worker> ready = new ArrayList<>(workers.size());
        for (Worker worker : workers.values()) {
            if (!worker.leaving && worker.credit > 0) {
                ready.add(worker);
            }
        }
        int localRoom = local == null ? 0 : localCredit - localHeld.get();
        if (ready.isEmpty() && localRoom <= 0) {
            return false;
        }
        boolean any = false;
        if (localRoom > 0) {
            // The server's own workers first, up to their credit: no hop, and no task queued at a worker while
            // threads here would run it at once.
            any = assignLocal(localRoom);
        }
        if (ready.isEmpty() || pending.isEmpty()) {
            return any;
        }
        int share = Math.max(1, (pending.size() + ready.size() - 1) / ready.size());
        rotation++;
        for (int k = 0; k < ready.size() && !pending.isEmpty(); k++) {
            Worker worker = ready.get((k + rotation) % ready.size());
            any |= assignRemote(worker, Math.min(Math.min(worker.credit, share), MAX_TASKS_PER_MESSAGE));
        }
        return any;
    }

    private boolean assignLocal(int count) {
        List<OpenTask> slice = take(count);
        if (slice.isEmpty()) {
            return false;
        }
        for (OpenTask task : slice) {
            open.remove(task.deliveryId); // a local task cannot be lost: a late remote result of it is a duplicate
        }
        localHeld.addAndGet(slice.size());
        local.execute(new LocalSlice(slice));
        return true;
    }

    private boolean assignRemote(Worker worker, int count) {
        List<OpenTask> slice = take(count);
        if (slice.isEmpty()) {
            return false;
        }
        List<Task> tasks = new ArrayList<>(slice.size());
        for (OpenTask task : slice) {
            Task original = task.work.task(task.index);
            tasks.add(new Task(task.deliveryId, original.host(), original.command()));
        }
        if (!transport.sendTasks(worker.name, tasks)) {
            for (int i = slice.size() - 1; i >= 0; i--) {
                pending.addFirst(slice.get(i));
            }
            return false;
        }
        worker.credit -= slice.size();
        worker.lastSentNanos = clock.nanoTime();
        for (OpenTask task : slice) {
            worker.held.add(task.deliveryId);
        }
        return true;
    }

    /** Up to {@code count} pending tasks not answered meanwhile (a redelivered task a late result answered). */
    private List<OpenTask> take(int count) {
        List<OpenTask> slice = new ArrayList<>(Math.min(count, pending.size()));
        while (slice.size() < count && !pending.isEmpty()) {
            OpenTask task = pending.pollFirst();
            if (!task.done) {
                slice.add(task);
            }
        }
        return slice;
    }

    private void checkLiveness(long now) {
        long silence = heartbeat.silenceNanos();
        long interval = heartbeat.interval().toNanos();
        for (Iterator<Worker> it = workers.values().iterator(); it.hasNext(); ) {
            Worker worker = it.next();
            if (now - worker.lastHeardNanos > silence) {
                it.remove();
                declaredDead++;
                int again = 0;
                for (long id : worker.held) {
                    OpenTask task = open.get(id);
                    if (task != null) {
                        pending.addFirst(task);
                        again++;
                    }
                }
                redelivered += again;
                updateRemoteCapacity();
                events.accept(String.format(java.util.Locale.ROOT, "worker %s declared dead after %.1f s of silence: "
                        + "%d tasks it held redelivered", worker.label, (now - worker.lastHeardNanos) / 1e9, again));
            } else if (now - worker.lastSentNanos >= interval) {
                transport.sendControl(worker.name, WorkerMessage.Control.HEARTBEAT);
                worker.lastSentNanos = now;
            }
        }
    }

    private void rejectPending() {
        long rejected = 0;
        for (OpenTask task; (task = pending.pollFirst()) != null; ) {
            if (!task.done && open.remove(task.deliveryId) != null) {
                task.work.rejectTask(task.index);
                outstanding.exit();
                rejected++;
            }
        }
        rejectedAtStop = rejected;
    }

    private void updateRemoteCapacity() {
        long sum = 0;
        for (Worker worker : workers.values()) {
            sum += worker.capacity;
        }
        remoteCapacity = (int) Math.min(Integer.MAX_VALUE, sum);
    }

    /** A task accepted and not yet answered, by delivery id. Distributor thread only, except {@code work} calls. */
    private static final class OpenTask {
        final long deliveryId;
        final BatchWork work;
        final int index;
        boolean done;

        OpenTask(long deliveryId, BatchWork work, int index) {
            this.deliveryId = deliveryId;
            this.work = work;
            this.index = index;
        }
    }

    /** One joined worker as the distributor sees it. */
    private static final class Worker {
        final String name;
        final String label;
        final Set<Long> held = new LinkedHashSet<>();
        int credit;
        int capacity;
        long lastHeardNanos;
        long lastSentNanos;
        boolean leaving;

        Worker(String name, String label, long now) {
            this.name = name;
            this.label = label;
            this.lastHeardNanos = now;
            this.lastSentNanos = now;
        }
    }

    /** Tasks handed to the local strategy together; each gives its local credit back when it ends. */
    private final class LocalSlice implements BatchWork {
        private final List<OpenTask> tasks;

        LocalSlice(List<OpenTask> tasks) {
            this.tasks = tasks;
        }

        @Override
        public int size() {
            return tasks.size();
        }

        @Override
        public void runTask(int index) {
            OpenTask task = tasks.get(index);
            try {
                task.work.runTask(task.index);
            } finally {
                ended();
            }
        }

        @Override
        public void rejectTask(int index) {
            OpenTask task = tasks.get(index);
            try {
                task.work.rejectTask(task.index);
            } finally {
                ended();
            }
        }

        @Override
        public Task task(int index) {
            OpenTask task = tasks.get(index);
            return task.work.task(task.index);
        }

        @Override
        public void completeTask(int index, Result remote) {
            OpenTask task = tasks.get(index);
            try {
                task.work.completeTask(task.index, remote);
            } finally {
                ended();
            }
        }

        private void ended() {
            localHeld.decrementAndGet();
            outstanding.exit();
        }
    }
}
