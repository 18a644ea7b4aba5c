package dev.asynccom.core.strategy;

import dev.asynccom.core.Heartbeat;
import dev.asynccom.core.ManualClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.WorkerMessage;
import dev.asynccom.core.WorkerMessage.Control;
import dev.asynccom.core.WorkerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The distributor driven through a scripted transport and a manual clock: credit, fair shares, liveness,
 * redelivery, duplicates and goodbye, without sockets or sleeping for heartbeats.
 */
@Timeout(30)
class RemoteWorkerStrategyTest {
    private static final Heartbeat HEARTBEAT = new Heartbeat(Duration.ofSeconds(1), 3);

    private final ManualClock clock = new ManualClock();
    private final ScriptedWorkers transport = new ScriptedWorkers();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private RemoteWorkerStrategy strategy;

    @AfterEach
    void stop() throws InterruptedException {
        if (strategy != null) {
            strategy.shutdown(Duration.ZERO);
        }
    }

    @Test
    void aWorkerIsNeverSentMoreThanItsCredit() {
        strategy = remoteOnly();
        transport.say(new WorkerMessage.Ready("w1", 3, "w1"));
        Work work = new Work(10);
        strategy.execute(work);

        await(() -> transport.held("w1") == 3, "w1 got 3 tasks");
        settle();
        assertEquals(3, transport.held("w1"), "a worker with 3 credits got more");

        transport.answer("w1", 2);
        await(() -> transport.held("w1") == 3 && transport.sentTotal("w1") == 5, "2 answers bought 2 tasks");
    }

    @Test
    void aSecondReadyOnAKnownLinkDoesNotResetItsCredit() {
        strategy = remoteOnly();
        transport.say(new WorkerMessage.Ready("w1", 2, "w1"));
        strategy.execute(new Work(10));
        await(() -> transport.held("w1") == 2, "w1 holds its 2");
        transport.say(new WorkerMessage.Ready("w1", 2, "w1")); // answering a second DISCONNECT of a burst
        settle();
        assertEquals(2, transport.held("w1"), "a repeated READY gave the worker more than its credit");
        assertEquals(1, strategy.stats().workersJoined());
    }

    @Test
    void aWorkerThatJoinsMidRunGetsWorkAtOnce() {
        strategy = remoteOnly();
        transport.say(new WorkerMessage.Ready("w1", 4, "w1"));
        strategy.execute(new Work(20));
        await(() -> transport.held("w1") == 4, "w1 full");

        transport.say(new WorkerMessage.Ready("w2", 4, "w2"));
        await(() -> transport.held("w2") == 4, "w2, joining late, got tasks while w1 still held its own");
    }

    @Test
    void pendingTasksAreSharedFairlyNotGivenToTheFirstWorker() {
        strategy = remoteOnly();
        transport.say(new WorkerMessage.Ready("w1", 100, "w1"));
        transport.say(new WorkerMessage.Ready("w2", 100, "w2"));
        await(() -> strategy.stats().workersJoined() == 2, "both joined");
        strategy.execute(new Work(16));

        await(() -> transport.held("w1") + transport.held("w2") == 16, "all 16 handed out");
        assertEquals(8, transport.held("w1"), "16 tasks over two idle workers: 8 each");
    }

    @Test
    void aSilentWorkerIsDeclaredDeadItsTasksRedeliveredAndItsLateResultsDropped() {
        strategy = remoteOnly();
        transport.say(new WorkerMessage.Ready("w1", 5, "w1"));
        Work work = new Work(5);
        strategy.execute(work);
        await(() -> transport.held("w1") == 5, "w1 holds all 5");
        transport.say(new WorkerMessage.Ready("w2", 5, "w2"));
        await(() -> strategy.stats().workersJoined() == 2, "w2 joined");

        // w2 keeps talking, w1 goes silent past its liveness (3 x 1 s).
        for (int s = 0; s < 4; s++) {
            clock.advance(TimeUnit.SECONDS.toNanos(1));
            transport.say(new WorkerMessage.Signal("w2", Control.HEARTBEAT));
            settle();
        }
        await(() -> strategy.stats().workersDead() == 1, "w1 declared dead");
        await(() -> transport.held("w2") == 5, "w1's 5 tasks redelivered to w2");
        assertEquals(5, strategy.stats().tasksRedelivered());

        transport.answer("w2", 5);
        await(() -> work.answered() == 5, "answered by w2");
        transport.answerAgain("w1"); // w1's link comes back with its late results
        await(() -> strategy.stats().duplicatesDropped() == 5, "w1's late results dropped as duplicates");
        assertEquals(List.of(1, 1, 1, 1, 1), work.answerCounts(), "each task answered exactly once");
        await(() -> transport.controls("w1").contains(Control.DISCONNECT), "w1 told to join again");
    }

    @Test
    void anIdleLinkGetsHeartbeats() {
        strategy = remoteOnly();
        transport.say(new WorkerMessage.Ready("w1", 1, "w1"));
        await(() -> strategy.stats().workersJoined() == 1, "joined");
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1100));
        await(() -> transport.controls("w1").contains(Control.HEARTBEAT), "a heartbeat after 1 s of silence");
        assertEquals(0, strategy.stats().workersDead());
    }

    @Test
    void aWorkerSayingGoodbyeGetsNothingMoreAndLeavesOnceItAnswered() {
        strategy = remoteOnly();
        transport.say(new WorkerMessage.Ready("w1", 2, "w1"));
        Work work = new Work(4);
        strategy.execute(work);
        await(() -> transport.held("w1") == 2, "w1 holds 2");

        transport.say(new WorkerMessage.Signal("w1", Control.GOODBYE));
        await(() -> transport.controls("w1").contains(Control.GOODBYE), "goodbye acknowledged");
        transport.answer("w1", 2);
        await(() -> strategy.stats().workersLeft() == 1, "w1 left after answering");
        settle();
        assertEquals(2, transport.sentTotal("w1"), "a leaving worker was sent more");
        assertEquals(2, work.answered());

        transport.say(new WorkerMessage.Ready("w2", 10, "w2"));
        await(() -> transport.held("w2") == 2, "the other 2 go to the next worker");
    }

    @Test
    void tasksThatNeverLeftAreRejectedAtShutdownNotLost() throws InterruptedException {
        strategy = remoteOnly();
        Work work = new Work(3);
        strategy.execute(work);
        assertFalse(strategy.shutdown(Duration.ofMillis(50)), "nothing could run them");
        assertEquals(List.of(1, 1, 1), work.answerCounts());
        assertEquals(3, work.rejected.get());
        assertEquals(3, strategy.stats().rejectedAtStop());
        strategy = null;
    }

    @Test
    void theLocalStrategyHoldsAtMostItsCreditAndWorkersTakeTheRest() throws InterruptedException {
        BlockingStrategy local = new BlockingStrategy();
        strategy = new RemoteWorkerStrategy(local, 4, transport, HEARTBEAT, clock, events::add);
        transport.say(new WorkerMessage.Ready("w1", 6, "w1"));
        await(() -> strategy.stats().workersJoined() == 1, "joined");
        Work work = new Work(20);
        strategy.execute(work);

        await(() -> local.held() == 4 && transport.held("w1") == 6, "local 4, remote 6");
        assertEquals(4, local.held(), "the local strategy is served first, up to its credit");
        settle();
        assertEquals(4, local.held(), "local took more than its credit");
        local.runAll();
        await(() -> local.held() == 4, "local credit given back and used again");
        assertEquals("blocking+remote", strategy.name());
    }

    @Test
    void theServersOwnWorkersAreServedFirstSoNoTaskQueuesAtAWorkerWhileTheyCouldRunIt() {
        BlockingStrategy local = new BlockingStrategy();
        strategy = new RemoteWorkerStrategy(local, 8, transport, HEARTBEAT, clock, events::add);
        transport.say(new WorkerMessage.Ready("w1", 100, "w1"));
        await(() -> strategy.stats().workersJoined() == 1, "joined");
        strategy.execute(new Work(6));

        await(() -> local.held() == 6, "all 6 run here");
        settle();
        assertEquals(0, transport.sentTotal("w1"), "a task went to the worker while the server had room");
    }

    @Test
    void withNoWorkersTheLocalStrategyRunsEveryTaskOnce() throws InterruptedException {
        WorkerStrategy local = WorkerStrategies.create("platform", 3);
        strategy = new RemoteWorkerStrategy(local, 8, transport,
                HEARTBEAT, clock, events::add);
        List<Work> batches = new ArrayList<>();
        for (int b = 0; b < 200; b++) {
            Work work = new Work(16);
            batches.add(work);
            strategy.execute(work);
        }
        assertTrue(strategy.shutdown(Duration.ofSeconds(20)), "did not drain");
        strategy = null;
        for (Work work : batches) {
            assertEquals(java.util.Collections.nCopies(16, 1), work.answerCounts());
        }
    }

    private RemoteWorkerStrategy remoteOnly() {
        return new RemoteWorkerStrategy(null, 0, transport, HEARTBEAT, clock, events::add);
    }

    /** Lets the distributor run a few rounds. */
    private static void settle() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting: " + what);
            }
            settle();
        }
    }

    /** A transport whose workers are the test: messages it says, tasks it records per worker. */
    private static final class ScriptedWorkers implements WorkerTransport {
        private final ConcurrentLinkedQueue<WorkerMessage> inbox = new ConcurrentLinkedQueue<>();
        private final Map<String, List<Task>> sent = new ConcurrentHashMap<>();
        private final Map<String, List<Task>> answered = new ConcurrentHashMap<>();
        private final Map<String, List<Control>> controls = new ConcurrentHashMap<>();

        void say(WorkerMessage message) {
            inbox.add(message);
        }

        synchronized int held(String worker) {
            return sentTotal(worker) - answered.getOrDefault(worker, List.of()).size();
        }

        synchronized int sentTotal(String worker) {
            return sent.getOrDefault(worker, List.of()).size();
        }

        List<Control> controls(String worker) {
            return controls.getOrDefault(worker, List.of());
        }

        /** The worker answers its {@code n} oldest unanswered tasks, ok. */
        synchronized void answer(String worker, int n) {
            List<Task> all = sent.getOrDefault(worker, List.of());
            List<Task> done = answered.computeIfAbsent(worker, w -> new ArrayList<>());
            List<Result> results = new ArrayList<>();
            for (Task task : all.subList(done.size(), done.size() + n)) {
                results.add(new Result(task.id(), Status.OK, 1, 0, 5, 5));
            }
            done.addAll(all.subList(done.size(), done.size() + n));
            say(new WorkerMessage.Results(worker, results));
        }

        /** The worker answers every task it was ever sent (a dead worker's late results). */
        synchronized void answerAgain(String worker) {
            List<Result> results = new ArrayList<>();
            for (Task task : sent.getOrDefault(worker, List.of())) {
                results.add(new Result(task.id(), Status.OK, 1, 0, 5, 5));
            }
            say(new WorkerMessage.Results(worker, results));
        }

        @Override
        public WorkerMessage poll() {
            return inbox.poll();
        }

        @Override
        public synchronized boolean sendTasks(String worker, List<Task> tasks) {
            sent.computeIfAbsent(worker, w -> new ArrayList<>()).addAll(tasks);
            return true;
        }

        @Override
        public void sendControl(String worker, Control control) {
            controls.computeIfAbsent(worker, w -> new CopyOnWriteArrayList<>()).add(control);
        }

        @Override
        public long malformedFrames() {
            return 0;
        }

        @Override
        public String endpoint() {
            return "scripted://";
        }

        @Override
        public void close() {
        }
    }

    /** The tasks of one batch, counting every answer each gets. */
    private static final class Work implements BatchWork {
        final AtomicIntegerArray answers;
        final java.util.concurrent.atomic.AtomicInteger rejected = new java.util.concurrent.atomic.AtomicInteger();

        Work(int size) {
            this.answers = new AtomicIntegerArray(size);
        }

        int answered() {
            int n = 0;
            for (int i = 0; i < answers.length(); i++) {
                n += answers.get(i) > 0 ? 1 : 0;
            }
            return n;
        }

        List<Integer> answerCounts() {
            List<Integer> counts = new ArrayList<>();
            for (int i = 0; i < answers.length(); i++) {
                counts.add(answers.get(i));
            }
            return counts;
        }

        @Override
        public int size() {
            return answers.length();
        }

        @Override
        public void runTask(int index) {
            answers.incrementAndGet(index);
        }

        @Override
        public void rejectTask(int index) {
            rejected.incrementAndGet();
            answers.incrementAndGet(index);
        }

        @Override
        public Task task(int index) {
            return new Task(index, "137.72.95.0", "foo");
        }

        @Override
        public void completeTask(int index, Result remote) {
            answers.incrementAndGet(index);
        }
    }

    /** A local strategy that holds every task until the test runs them. */
    private static final class BlockingStrategy implements WorkerStrategy {
        private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();

        int held() {
            return held.size();
        }

        void runAll() {
            for (Runnable task; (task = held.poll()) != null; ) {
                task.run();
            }
        }

        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public int effectiveConcurrency() {
            return 4;
        }

        @Override
        public void execute(BatchWork work) {
            for (int i = 0; i < work.size(); i++) {
                int index = i;
                held.add(() -> work.runTask(index));
            }
        }

        @Override
        public boolean shutdown(Duration timeout) {
            runAll();
            return true;
        }
    }
}
