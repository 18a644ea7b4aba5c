package dev.asynccom.transport.zmq;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.UserError;
import dev.asynccom.transport.codec.BinaryCodec;
import dev.asynccom.transport.codec.BinaryCodecTest;
import dev.asynccom.transport.codec.PythonJsonCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client and server transports over real jeromq sockets, on loopback tcp, ipc in a temporary directory and
 * inproc. Every wait is bounded by {@link #DEADLINE_NANOS}; threads are stopped by a flag, never interrupted.
 */
class ZmqTransportTest {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int BATCHES = 500;
    private static final int TASKS_PER_BATCH = 16;

    @TempDir
    Path tempDir;

    private final ZContext shared = new ZContext();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @AfterEach
    void tearDown() throws Exception {
        stop.set(true);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive(), t.getName() + " stopped");
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        shared.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private ZmqServerTransport server(String bind, String defaultReplyTo, ZmqOptions options) {
        return track(new ZmqServerTransport(shared, bind, defaultReplyTo, options));
    }

    private ZmqClientTransport client(String bind, String serverEndpoint, ZmqOptions options) {
        return track(new ZmqClientTransport(shared, bind, serverEndpoint, null, options));
    }

    private void start(String name, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        threads.add(thread);
        thread.start();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Answers every task with OK and a response of its id, to the batch's reply-to, until stopped. */
    private void echo(ServerTransport server) {
        start("server", () -> {
            while (!stop.get()) {
                TaskBatch batch = server.receive(POLL_NANOS);
                if (batch != null) {
                    List<Result> results = batch.tasks().stream()
                            .map(t -> new Result(t.id(), Status.OK, (int) t.id(), 1, 2, 3)).toList();
                    assertTrue(server.send(new ResultBatch(batch.replyTo(), results), DEADLINE_NANOS));
                }
            }
        });
    }

    /** Sends {@code batches} batches of consecutive task ids from {@code firstId} on a sender thread. */
    private void sendAll(ClientTransport client, long firstId, int batches) {
        start("sender", () -> {
            long id = firstId;
            for (int b = 0; b < batches; b++) {
                List<Task> tasks = new ArrayList<>();
                for (int i = 0; i < TASKS_PER_BATCH; i++, id++) {
                    tasks.add(new Task(id, "10.0.0." + (id & 0xFF), "foo"));
                }
                assertTrue(client.send(new TaskBatch(b, null, tasks), DEADLINE_NANOS), "batch " + b + " sent");
            }
        });
    }

    /** Receives on this thread until {@code expected} results came or the deadline passed. */
    private List<Result> receiveAll(ClientTransport client, int expected) throws InterruptedException {
        List<Result> received = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (received.size() < expected && System.nanoTime() - deadline < 0 && failure.get() == null) {
            ResultBatch batch = client.receive(POLL_NANOS);
            if (batch != null) {
                received.addAll(batch.results());
            }
        }
        assertNull(failure.get(), () -> "a transport thread failed: " + failure.get());
        return received;
    }

    private static void assertEachOnce(List<Result> received, long firstId, int count) {
        Map<Long, Integer> seen = new HashMap<>();
        received.forEach(r -> seen.merge(r.taskId(), 1, Integer::sum));
        assertEquals(count, received.size(), "results received");
        for (long id = firstId; id < firstId + count; id++) {
            assertEquals(1, seen.getOrDefault(id, 0), "answers for task " + id);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    void everyBatchSentIsAnsweredExactlyOnce(String scheme) throws InterruptedException {
        String serverBind = switch (scheme) {
            case "tcp" -> "tcp://127.0.0.1:0";
            case "ipc" -> "ipc://" + tempDir.resolve("tasks.ipc");
            default -> "inproc://tasks";
        };
        String clientBind = serverBind.replace("tasks", "results");
        ZmqServerTransport server = server(serverBind, null, ZmqOptions.defaults());
        ZmqClientTransport client = client(clientBind, server.boundEndpoint(), ZmqOptions.defaults());
        assertEquals(client.boundEndpoint(), client.replyTo());
        echo(server);
        sendAll(client, 0, BATCHES);
        assertEachOnce(receiveAll(client, BATCHES * TASKS_PER_BATCH), 0, BATCHES * TASKS_PER_BATCH);
        assertEquals(0, server.malformedFrames());
        assertEquals(0, client.malformedFrames());
    }

    @Test
    void oneServerAnswersTwoClientsEachOnlyWithItsOwnResults() throws InterruptedException {
        ZmqServerTransport server = server("tcp://127.0.0.1:0", null, ZmqOptions.defaults());
        ZmqClientTransport first = client("tcp://127.0.0.1:0", server.boundEndpoint(), ZmqOptions.defaults());
        ZmqClientTransport second = client("tcp://127.0.0.1:0", server.boundEndpoint(), ZmqOptions.defaults());
        echo(server);
        int perClient = 100;
        sendAll(first, 0, perClient);
        sendAll(second, 1_000_000, perClient);
        assertEachOnce(receiveAll(first, perClient * TASKS_PER_BATCH), 0, perClient * TASKS_PER_BATCH);
        assertEachOnce(receiveAll(second, perClient * TASKS_PER_BATCH), 1_000_000, perClient * TASKS_PER_BATCH);
        assertNull(first.receive(POLL_NANOS), "nothing more for the first client");
    }

    @Test
    void seedCodecAttributesEachSumToItsBatchEndToEnd() throws InterruptedException {
        ZmqOptions seed = ZmqOptions.defaults().withCodec(new PythonJsonCodec());
        String clientBind = "ipc://" + tempDir.resolve("seed-results.ipc");
        ZmqServerTransport server = server("ipc://" + tempDir.resolve("seed-tasks.ipc"), clientBind, seed);
        ZmqClientTransport client = client(clientBind, server.boundEndpoint(), seed);
        assertNull(client.replyTo(), "the seed protocol has no reply-to field");
        assertTrue(server.wholeBatches());
        echo(server); // the server sees ids 0..15 in each batch, so it answers [2, 120]
        int batches = 50;
        sendAll(client, 0, batches);
        List<Result> received = receiveAll(client, batches * TASKS_PER_BATCH);
        assertEachOnce(received, 0, batches * TASKS_PER_BATCH);
        for (Result r : received) {
            assertEquals(r.taskId() % TASKS_PER_BATCH == 0 ? 120 : 0, r.response(), "response of task " + r.taskId());
            assertFalse(r.timed());
        }
    }

    @Test
    void batchesStillQueuedWhenTheClientClosesAreDeliveredWithinTheLinger() throws Exception {
        ZmqServerTransport server = server("tcp://127.0.0.1:0", null, ZmqOptions.defaults());
        int batches = 200;
        try (ZmqClientTransport client = new ZmqClientTransport("tcp://127.0.0.1:0", server.boundEndpoint(),
                ZmqOptions.defaults())) { // its own context: closing it must not drop what is queued
            sendAll(client, 0, batches);
            threads.getLast().join(TimeUnit.SECONDS.toMillis(20));
            assertNull(failure.get());
        }
        int received = 0;
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (received < batches && System.nanoTime() - deadline < 0) {
            received += server.receive(POLL_NANOS) == null ? 0 : 1;
        }
        assertEquals(batches, received);
    }

    @Test
    void malformedFrameIsCountedAndTheNextBatchStillArrives() throws InterruptedException {
        ZmqServerTransport server = server("tcp://127.0.0.1:0", null, ZmqOptions.defaults());
        ZMQ.Socket raw = shared.createSocket(SocketType.PUSH);
        raw.setLinger(1000);
        raw.connect(server.boundEndpoint());
        assertTrue(raw.send(new byte[] {'A', 'C', 1, 1, 0, 0}));
        assertTrue(raw.send("[1, \"not\", [\"binary:at all\"]]"));
        byte[] good = new BinaryCodec().encodeTasks(BinaryCodecTest.EXAMPLE_TASKS);
        assertTrue(raw.send(good));
        TaskBatch received = null;
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (received == null && System.nanoTime() - deadline < 0) {
            received = server.receive(POLL_NANOS);
        }
        raw.close();
        assertEquals(BinaryCodecTest.EXAMPLE_TASKS, received);
        assertEquals(2, server.malformedFrames());
    }

    @Test
    void sendGivesUpWhenTheHighWaterMarkHoldsAndNobodyReads() throws Exception {
        int unusedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = probe.getLocalPort();
        }
        ZmqClientTransport client = client("tcp://127.0.0.1:0", "tcp://127.0.0.1:" + unusedPort,
                ZmqOptions.defaults().withHwm(1, 1).withLingerMillis(0));
        TaskBatch batch = new TaskBatch(1, null, List.of(new Task(1, "h", "c")));
        int refused = 0;
        for (int attempt = 0; attempt < 100 && refused == 0; attempt++) {
            if (!client.send(batch, TimeUnit.MILLISECONDS.toNanos(1))) {
                refused++;
            }
        }
        assertEquals(1, refused, "a send timed out against the high-water mark");
    }

    @Test
    void advertisedReplyToWithWildcardPortTakesTheBoundPort() {
        ZmqClientTransport client = track(new ZmqClientTransport(shared, "tcp://127.0.0.1:0", "tcp://127.0.0.1:9",
                "tcp://localhost:*", ZmqOptions.defaults()));
        String port = client.boundEndpoint().substring(client.boundEndpoint().lastIndexOf(':'));
        assertEquals("tcp://localhost" + port, client.replyTo());
    }

    @Test
    void bindingAPortInUseSaysSoNamingTheEndpoint() {
        ZmqServerTransport first = server("tcp://127.0.0.1:0", null, ZmqOptions.defaults());
        String taken = first.boundEndpoint();
        UserError e = assertThrows(UserError.class,
                () -> new ZmqServerTransport(taken, null, ZmqOptions.defaults()));
        assertEquals("cannot bind " + taken + ": address already in use", e.getMessage());
        UserError client = assertThrows(UserError.class,
                () -> new ZmqClientTransport(taken, "tcp://127.0.0.1:9", ZmqOptions.defaults()));
        assertEquals("cannot bind " + taken + ": address already in use", client.getMessage());
    }

    @Test
    void badEndpointsAreRefusedWithOneSentence() {
        UserError bind = assertThrows(UserError.class,
                () -> new ZmqServerTransport("tcp:/x", null, ZmqOptions.defaults()));
        assertEquals("bad endpoint 'tcp:/x': expected tcp://host:port, ipc://path or inproc://name", bind.getMessage());
        UserError dial = assertThrows(UserError.class,
                () -> new ZmqClientTransport("tcp://127.0.0.1:0", "foo://bar", ZmqOptions.defaults()));
        assertEquals("bad endpoint 'foo://bar': unknown scheme 'foo', expected tcp, ipc or inproc", dial.getMessage());
    }

    @Test
    void resultsWithoutAnyReplyToAreRefusedClearly() {
        ZmqServerTransport server = server("inproc://lonely", null, ZmqOptions.defaults());
        UserError e = assertThrows(UserError.class, () -> server.send(
                new ResultBatch(null, List.of(Result.untimed(1, Status.OK, 1))), POLL_NANOS));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("no default reply-to"), e.getMessage());
    }
}
