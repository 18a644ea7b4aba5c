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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    private ZmqServerTransport server(String bind, ZmqOptions options) {
        return track(new ZmqServerTransport(shared, bind, options));
    }

    /**
     * A server on {@code ipc://} in the temporary folder. jeromq serves an ipc path on a loopback tcp port
     * derived from its hash; when another socket of the host holds that port, another name is tried (3 in all).
     */
    private ZmqServerTransport serverOnIpc(String name, ZmqOptions options) {
        UserError refused = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                return server("ipc://" + tempDir.resolve(name + "-" + attempt + ".ipc"), options);
            } catch (UserError e) {
                refused = e;
            }
        }
        throw refused;
    }

    private ZmqClientTransport client(String serverEndpoint, ZmqOptions options) {
        return track(new ZmqClientTransport(shared, serverEndpoint, options));
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

    /** Answers every task with OK and a response of its id, to the batch's client, until stopped. */
    private void echo(ServerTransport server) {
        start("server", () -> {
            while (!stop.get()) {
                TaskBatch batch = server.receive(POLL_NANOS);
                if (batch != null) {
                    List<Result> results = batch.tasks().stream()
                            .map(t -> new Result(t.id(), Status.OK, (int) t.id(), 1, 2, 3)).toList();
                    assertTrue(server.send(new ResultBatch(batch.client(), results), DEADLINE_NANOS));
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
                assertTrue(client.send(new TaskBatch(b, tasks), DEADLINE_NANOS), "batch " + b + " sent");
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
        ZmqServerTransport server = switch (scheme) {
            case "tcp" -> server("tcp://127.0.0.1:0", ZmqOptions.defaults());
            case "ipc" -> serverOnIpc("tasks", ZmqOptions.defaults());
            default -> server("inproc://tasks", ZmqOptions.defaults());
        };
        ZmqClientTransport client = client(server.boundEndpoint(), ZmqOptions.defaults());
        echo(server);
        sendAll(client, 0, BATCHES);
        assertEachOnce(receiveAll(client, BATCHES * TASKS_PER_BATCH), 0, BATCHES * TASKS_PER_BATCH);
        assertEquals(0, server.malformedFrames());
        assertEquals(0, client.malformedFrames());
    }

    @Test
    void oneServerAnswersTwoClientsEachOnlyWithItsOwnResults() throws InterruptedException {
        ZmqServerTransport server = server("tcp://127.0.0.1:0", ZmqOptions.defaults());
        ZmqClientTransport first = client(server.boundEndpoint(), ZmqOptions.defaults());
        ZmqClientTransport second = client(server.boundEndpoint(), ZmqOptions.defaults());
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
        ZmqSeedServerTransport server = track(new ZmqSeedServerTransport(shared,
                "ipc://" + tempDir.resolve("seed-tasks.ipc"), clientBind, seed));
        ZmqSeedClientTransport client = track(new ZmqSeedClientTransport(shared, clientBind, server.boundEndpoint(),
                seed));
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
        ZmqServerTransport server = server("tcp://127.0.0.1:0", ZmqOptions.defaults());
        int batches = 200;
        try (ZmqClientTransport client = new ZmqClientTransport(server.boundEndpoint(), ZmqOptions.defaults())) { // its own context: closing it must not drop what is queued
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
        ZmqServerTransport server = server("tcp://127.0.0.1:0", ZmqOptions.defaults());
        ZMQ.Socket raw = shared.createSocket(SocketType.DEALER);
        raw.setHandshakeIvl(Sockets.HANDSHAKE_IVL_MILLIS);
        raw.setLinger(1000);
        raw.connect(server.boundEndpoint());
        assertTrue(raw.send(new byte[] {'A', 'C', 2, 1, 0, 0}));
        assertTrue(raw.send("[1, \"not\", [\"binary:at all\"]]"));
        assertTrue(raw.send(new byte[] {'A', 'C', 2}, ZMQ.SNDMORE)); // two frames in one message
        assertTrue(raw.send(new byte[] {1}));
        byte[] good = new BinaryCodec().encodeTasks(BinaryCodecTest.EXAMPLE_TASKS);
        assertTrue(raw.send(good));
        TaskBatch received = null;
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (received == null && System.nanoTime() - deadline < 0) {
            received = server.receive(POLL_NANOS);
        }
        raw.close();
        assertEquals(BinaryCodecTest.EXAMPLE_TASKS.tasks(), received.tasks());
        assertEquals(3, server.malformedFrames());
    }

    @Test
    void everyRefusedMessageIsCountedOnceWhateverItsShape() throws InterruptedException {
        ZmqServerTransport server = server("tcp://127.0.0.1:0", ZmqOptions.defaults());
        ZMQ.Socket raw = shared.createSocket(SocketType.DEALER);
        raw.setHandshakeIvl(Sockets.HANDSHAKE_IVL_MILLIS);
        raw.setLinger(5000);
        raw.setSndHWM(0);
        raw.connect(server.boundEndpoint());
        java.util.Random random = new java.util.Random(400);
        int messages = 400;
        for (int m = 0; m < messages; m++) {
            int parts = 1 + (m % 4 == 0 ? random.nextInt(3) : 0); // some of several frames, some empty
            for (int p = 0; p < parts; p++) {
                byte[] part = new byte[random.nextInt(40)];
                random.nextBytes(part);
                if (part.length > 3 && m % 3 == 0) {
                    part[0] = 'A';
                    part[1] = 'C';
                    part[2] = 2; // a valid header over a broken body
                }
                assertTrue(raw.send(part, p + 1 < parts ? ZMQ.SNDMORE : 0));
            }
        }
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (server.malformedFrames() < messages && System.nanoTime() - deadline < 0) {
            assertNull(server.receive(POLL_NANOS), "no random message decodes as a batch");
        }
        assertNull(server.receive(POLL_NANOS));
        assertEquals(messages, server.malformedFrames());
    }

    @Test
    void sendGivesUpWhenTheHighWaterMarkHoldsAndNobodyReads() throws Exception {
        int unusedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unusedPort = probe.getLocalPort();
        }
        ZmqClientTransport client = client("tcp://127.0.0.1:" + unusedPort,
                ZmqOptions.defaults().withHwm(1, 1).withLingerMillis(0));
        TaskBatch batch = new TaskBatch(1, List.of(new Task(1, "h", "c")));
        int refused = 0;
        for (int attempt = 0; attempt < 100 && refused == 0; attempt++) {
            if (!client.send(batch, TimeUnit.MILLISECONDS.toNanos(1))) {
                refused++;
            }
        }
        assertEquals(1, refused, "a send timed out against the high-water mark");
    }

    @Test
    void bindingAPortInUseSaysSoNamingTheEndpoint() {
        ZmqServerTransport first = server("tcp://127.0.0.1:0", ZmqOptions.defaults());
        String taken = first.boundEndpoint();
        UserError e = assertThrows(UserError.class,
                () -> new ZmqServerTransport(taken, ZmqOptions.defaults()));
        assertEquals("cannot bind " + taken + ": address already in use", e.getMessage());
        ZmqOptions seed = ZmqOptions.defaults().withCodec(new PythonJsonCodec());
        UserError client = assertThrows(UserError.class,
                () -> new ZmqSeedClientTransport(null, taken, "tcp://127.0.0.1:9", seed));
        assertEquals("cannot bind " + taken + ": address already in use", client.getMessage());
    }

    /** An ipc path whose port is held says what jeromq does with the path, so the user knows another path helps. */
    @Test
    void bindingAnIpcPathWhosePortIsHeldSaysAnotherPathHelps() {
        ZmqServerTransport first = serverOnIpc("held", ZmqOptions.defaults());
        String taken = first.boundEndpoint();
        UserError e = assertThrows(UserError.class, () -> new ZmqServerTransport(taken, ZmqOptions.defaults()));
        assertEquals("cannot bind " + taken + ": address already in use (jeromq serves ipc:// on a loopback tcp "
                + "port it derives from the path, and another socket holds that port: another path picks another "
                + "port)", e.getMessage());
    }

    @Test
    void badEndpointsAreRefusedWithOneSentence() {
        UserError bind = assertThrows(UserError.class,
                () -> new ZmqServerTransport("tcp:/x", ZmqOptions.defaults()));
        assertEquals("bad endpoint 'tcp:/x': expected tcp://host:port, ipc://path or inproc://name", bind.getMessage());
        UserError dial = assertThrows(UserError.class,
                () -> new ZmqClientTransport("foo://bar", ZmqOptions.defaults()));
        assertEquals("bad endpoint 'foo://bar': unknown scheme 'foo', expected tcp, ipc or inproc", dial.getMessage());
    }

    @Test
    void resultsForNoClientOfThisServerAreRefused() {
        ZmqServerTransport server = server("inproc://lonely", ZmqOptions.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> server.send(
                new ResultBatch(null, List.of(Result.untimed(1, Status.OK, 1))), POLL_NANOS));
        assertTrue(e.getMessage().contains("not a client of this server"), e.getMessage());
    }

    @Test
    void resultsForAClientThatLeftAreCountedUndeliverable() throws Exception {
        ZmqServerTransport server = server("tcp://127.0.0.1:0", ZmqOptions.defaults());
        TaskBatch received;
        try (ZmqClientTransport client = new ZmqClientTransport(server.boundEndpoint(), ZmqOptions.defaults())) {
            assertTrue(client.send(new TaskBatch(1, List.of(new Task(7, "h", "c"))), DEADLINE_NANOS));
            received = awaitBatch(server);
        }
        Thread.sleep(300); // the server's socket notices the disconnect
        assertTrue(server.send(new ResultBatch(received.client(), List.of(Result.untimed(7, Status.OK, 1))), 0));
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (server.undeliverableResults() == 0 && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        assertEquals(1, server.undeliverableResults());
    }

    @Test
    void aClientThatStopsReadingIsRefusedWhileAnotherIsStillServed() throws Exception {
        ZmqServerTransport server = server("tcp://127.0.0.1:0", ZmqOptions.defaults().withHwm(4, 4));
        ZmqClientTransport stuck = client(server.boundEndpoint(), ZmqOptions.defaults().withHwm(4, 4));
        ZmqClientTransport reading = client(server.boundEndpoint(), ZmqOptions.defaults());
        assertTrue(stuck.send(new TaskBatch(1, List.of(new Task(1, "h", "c"))), DEADLINE_NANOS));
        Object stuckClient = awaitBatch(server).client();
        assertTrue(reading.send(new TaskBatch(2, List.of(new Task(2, "h", "c"))), DEADLINE_NANOS));
        Object readingClient = awaitBatch(server).client();
        assertNotEquals(stuckClient, readingClient);
        List<Result> big = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            big.add(Result.untimed(i, Status.OK, 1)); // 740 kB a message: socket buffers fill within a few
        }
        ResultBatch toStuck = new ResultBatch(stuckClient, big);
        boolean refused = false;
        for (int attempt = 0; attempt < 2_000 && !refused; attempt++) {
            refused = !server.send(toStuck, TimeUnit.MILLISECONDS.toNanos(5));
        }
        assertTrue(refused, "the client that reads nothing is refused once its queues are full");
        assertTrue(server.send(new ResultBatch(readingClient, List.of(Result.untimed(2, Status.OK, 1))), DEADLINE_NANOS));
        assertEachOnce(receiveAll(reading, 1), 2, 1);
    }

    private static TaskBatch awaitBatch(ServerTransport server) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() - deadline < 0) {
            TaskBatch batch = server.receive(POLL_NANOS);
            if (batch != null) {
                return batch;
            }
        }
        throw new AssertionError("no batch arrived");
    }
}
