package dev.asynccom.core.server;

import dev.asynccom.core.ManualClock;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ScriptedServerTransport;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.strategy.WorkerStrategies;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server engine against a scripted transport: the test plays the client. */
class ServerEngineTest {
    private static final ServerOptions OPTIONS = ServerOptions.DEFAULTS.withDrainTimeout(Duration.ofSeconds(10));

    private static TaskBatch batch(String client, long firstId, int size) {
        return new TaskBatch(firstId, client, LongStream.range(firstId, firstId + size)
                .mapToObj(id -> new Task(id, "10.0.0.1", "cmd")).toList());
    }

    private static List<Result> results(ScriptedServerTransport transport) {
        return transport.sent().stream().flatMap(m -> m.results().stream()).toList();
    }

    /** A handler that blocks every task until released, counting the tasks that started. */
    private static final class Gate implements TaskHandler {
        final CountDownLatch started;
        final CountDownLatch release = new CountDownLatch(1);

        Gate(int tasks) {
            started = new CountDownLatch(tasks);
        }

        @Override
        public TaskOutcome handle(Task task) throws InterruptedException {
            started.countDown();
            release.await();
            return TaskOutcome.ok(1, 0);
        }

        @Override
        public String name() {
            return "gate";
        }
    }

    @Test
    void shutdownWaitsForAcceptedTasksThenSendsTheirResultsAndClosesTheTransport() throws Exception {
        ScriptedServerTransport transport = new ScriptedServerTransport();
        Gate gate = new Gate(3);
        ServerEngine server = new ServerEngine(transport, WorkerStrategies.create("platform", 4), gate, OPTIONS,
                NanoClock.system()).start();
        transport.push(batch("a", 0, 3));
        assertTrue(gate.started.await(10, TimeUnit.SECONDS));
        CountDownLatch stopping = new CountDownLatch(1);
        Thread release = Thread.ofPlatform().start(() -> {
            try {
                stopping.await();
                gate.release.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.countDown();
        assertTrue(server.shutdown(), "every accepted task finished within the drain timeout");
        release.join();
        assertEquals(3, transport.resultsSent());
        assertTrue(results(transport).stream().allMatch(r -> r.status() == Status.OK));
        assertTrue(transport.closed());
        assertEquals(0, server.stats().inFlight());
    }

    @Test
    void shutdownSaysSoWhenTasksOutlastTheDrainTimeout() throws Exception {
        ScriptedServerTransport transport = new ScriptedServerTransport();
        Gate gate = new Gate(1);
        ServerEngine server = new ServerEngine(transport, WorkerStrategies.create("platform", 1), gate,
                OPTIONS.withDrainTimeout(Duration.ofMillis(200)), NanoClock.system()).start();
        try {
            transport.push(batch("a", 0, 1));
            assertTrue(gate.started.await(10, TimeUnit.SECONDS));
            assertFalse(server.shutdown());
            assertEquals(1, server.stats().inFlight());
        } finally {
            gate.release.countDown();
        }
    }

    @Test
    void queueWaitAndServiceTimeAreReadFromTheInjectedClock() throws Exception {
        ScriptedServerTransport transport = new ScriptedServerTransport();
        ManualClock clock = new ManualClock();
        TaskHandler fiveMillis = task -> {
            clock.advance(5_000_000);
            return TaskOutcome.ok(1, 4_000_000);
        };
        try (ServerEngine server = new ServerEngine(transport, WorkerStrategies.create("platform", 1), fiveMillis,
                OPTIONS, clock).start()) {
            transport.push(batch("a", 0, 2));
            transport.awaitTaken(Duration.ofSeconds(10));
            server.shutdown();
        }
        List<Result> results = results(transport);
        assertEquals(2, results.size());
        Result first = results.stream().filter(r -> r.taskId() == 0).findFirst().orElseThrow();
        Result second = results.stream().filter(r -> r.taskId() == 1).findFirst().orElseThrow();
        assertEquals(new Result(0, Status.OK, 1, 0, 5_000_000, 4_000_000), first);
        // One worker: the second task waited exactly as long as the first ran, by the manual clock.
        assertEquals(new Result(1, Status.OK, 1, 5_000_000, 5_000_000, 4_000_000), second);
    }

    @Test
    void aTransportOfWholeBatchesGetsExactlyOneMessagePerBatch() throws Exception {
        ScriptedServerTransport transport = new ScriptedServerTransport(true);
        try (ServerEngine server = new ServerEngine(transport, WorkerStrategies.create("virtual", 0),
                task -> TaskOutcome.ok(1, 0), OPTIONS, NanoClock.system()).start()) {
            transport.push(batch(null, 0, 5));
            transport.push(batch(null, 5, 3));
            transport.awaitTaken(Duration.ofSeconds(10));
            server.shutdown();
        }
        List<List<Long>> messages = transport.sent().stream()
                .map(m -> m.results().stream().map(Result::taskId).sorted().toList())
                .sorted((x, y) -> Long.compare(x.getFirst(), y.getFirst())).toList();
        assertEquals(List.of(List.of(0L, 1L, 2L, 3L, 4L), List.of(5L, 6L, 7L)), messages);
    }

    @Test
    void aFailingHandlerAndAnUnknownCommandEachYieldTheirStatusNeverSilence() throws Exception {
        ScriptedServerTransport transport = new ScriptedServerTransport();
        TaskHandler handler = task -> {
            if (task.id() == 1) {
                throw new IllegalStateException("boom");
            }
            return task.id() == 2 ? TaskOutcome.UNKNOWN : TaskOutcome.ok(7, 0);
        };
        try (ServerEngine server = new ServerEngine(transport, WorkerStrategies.create("forkjoin", 2), handler,
                OPTIONS, NanoClock.system()).start()) {
            transport.push(batch("a", 0, 3));
            transport.awaitTaken(Duration.ofSeconds(10));
            server.shutdown();
        }
        List<Status> statuses = results(transport).stream().sorted((x, y) -> Long.compare(x.taskId(), y.taskId()))
                .map(Result::status).toList();
        assertEquals(List.of(Status.OK, Status.FAILED, Status.UNKNOWN_COMMAND), statuses);
        assertEquals(3, transport.sent().stream().mapToInt(ResultBatch::size).sum());
    }
}
