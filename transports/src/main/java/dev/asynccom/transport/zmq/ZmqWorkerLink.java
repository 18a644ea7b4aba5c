package dev.asynccom.transport.zmq;

import dev.asynccom.core.Heartbeat;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.WorkerMessage.Control;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.WorkerFrames;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A worker process's link to its server ({@code docs/WIRE.md}, "The worker protocol"), seen by the worker's
 * own {@link dev.asynccom.core.server.ServerEngine} as its transport: tasks the server sends come out of
 * {@link #receive}, results go in through {@link #send}. The link announces its credit (READY), heartbeats
 * an idle link, notices a silent server, says goodbye ({@link #leave}) and joins again when the server
 * asks (DISCONNECT, after a restart or after declaring this worker dead).
 *
 * <p>Reconnecting: jeromq reconnects the DEALER by itself when the connection breaks (a restarted server
 * resets it), every 250 ms growing to 8 s; a link cut without a reset keeps its TCP connection, and what
 * was queued flows when the link returns, so late results reach the server and are counted there as
 * duplicates. Only after {@link #RECREATE_AFTER_INTERVALS} heartbeat intervals of silence is the socket
 * recreated (a connection left half-open), then again after twice as long, up to {@link #MAX_RECREATE_BACKOFF}.
 *
 * <p>Threads: one link thread ({@code asynccom-worker-link}) owns the DEALER socket; the engine's receive
 * thread takes tasks from a queue and its sender thread puts results into another; {@link #leave} and
 * {@link #close} may be called from any thread.
 */
public final class ZmqWorkerLink implements ServerTransport {
    static final int RECREATE_AFTER_INTERVALS = 10;
    static final Duration MAX_RECREATE_BACKOFF = Duration.ofSeconds(60);
    private static final int RECONNECT_IVL_MILLIS = 250;
    private static final int RECONNECT_IVL_MAX_MILLIS = 8000;
    /**
     * The longest park of the link thread while the worker holds tasks: how late it may notice the server's
     * next tasks. Holding none it parks up to {@link #IDLE_PARK_NANOS}; results to send unpark it at once.
     */
    private static final long BUSY_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String serverEndpoint;
    private final int capacity;
    private final String label;
    private final Heartbeat heartbeat;
    private final ZmqOptions options;
    private final NanoClock clock;
    private final Consumer<String> events;
    private final ZContext context = new ZContext();
    private final LinkedBlockingQueue<TaskBatch> tasks = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<ResultBatch> results = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong joins = new AtomicLong();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean leaving;
    private volatile boolean goodbyeAcknowledged;
    private volatile long closeDeadlineNanos;
    private volatile boolean closing;

    // Link thread only.
    private final Control[] control = new Control[1];
    private ZMQ.Socket socket;
    /** Watches the current socket's handshakes (link thread, and the constructor before it starts). */
    private HandshakeMonitor handshakes;
    private volatile String refusal;
    private byte[] unsent;
    private int unsentCount;
    private long lastHeardNanos;
    private long lastSentNanos;
    private boolean serverSilent;
    private long recreateBackoffNanos;
    private long recreateAtNanos;
    private boolean goodbyeSent;
    /** When the last READY left, until the server says anything but DISCONNECT; 0 once it has. */
    private long readySentNanos;

    /**
     * Connects to the server's worker endpoint and announces {@code capacity}.
     *
     * @param capacity the most tasks this worker holds at once (running and queued)
     * @param label    what the server's log calls this worker (at most 255 bytes of UTF-8)
     * @param events   where the link tells of a silent server, a rejoin, a goodbye; one sentence each
     */
    public ZmqWorkerLink(String serverEndpoint, int capacity, String label, Heartbeat heartbeat, ZmqOptions options,
                         Consumer<String> events) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a worker holds at least 1 task, got " + capacity);
        }
        WorkerFrames.ready(capacity, label); // refuses a label too long before anything connects
        this.serverEndpoint = Endpoints.requireDialable(serverEndpoint);
        this.capacity = capacity;
        this.label = label;
        this.heartbeat = heartbeat;
        this.options = options;
        this.clock = options.clock();
        this.events = events;
        try {
            this.socket = openSocket();
        } catch (RuntimeException e) {
            if (handshakes != null) {
                handshakes.close();
            }
            context.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().name("asynccom-worker-link").daemon(true).unstarted(this::run);
        lastHeardNanos = clock.nanoTime();
        lastSentNanos = lastHeardNanos;
        thread.start();
    }

    /** The next tasks from the server (their ids are the server's delivery ids). */
    @Override
    public TaskBatch receive(long timeoutNanos) throws InterruptedException {
        return tasks.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Queues results for the link thread; never blocks (a worker holds at most its capacity in tasks). */
    @Override
    public boolean send(ResultBatch batch, long timeoutNanos) {
        results.add(batch);
        LockSupport.unpark(thread);
        return true;
    }

    /**
     * Says goodbye (the server then sends nothing more) and waits until the server acknowledged it or
     * {@code timeout} passed, and every task received was taken by {@link #receive}.
     *
     * @return whether the server acknowledged in time (otherwise it is gone, or slow)
     */
    public boolean leave(Duration timeout) throws InterruptedException {
        leaving = true;
        long deadline = clock.nanoTime() + timeout.toNanos();
        released.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        while (!tasks.isEmpty() && clock.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return goodbyeAcknowledged;
    }

    /** Tasks received and not yet answered. */
    public int held() {
        return held.get();
    }

    /** Times this link joined the server (READY sent): 1, plus one per rejoin. */
    public long joins() {
        return joins.get();
    }

    @Override
    public long malformedFrames() {
        return malformed.get();
    }

    /** Sends what results are queued (within the linger time), then closes the socket and the context. */
    @Override
    public void close() {
        closeDeadlineNanos = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, options.lingerMillis()));
        closing = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        handshakes.close();
        context.close();
    }

    private ZMQ.Socket openSocket() {
        ZMQ.Socket dealer = Sockets.open(context, SocketType.DEALER, options);
        dealer.setReconnectIVL(RECONNECT_IVL_MILLIS);
        dealer.setReconnectIVLMax(RECONNECT_IVL_MAX_MILLIS);
        CurveSetup.Client curve = null;
        if (options.curve() != null) {
            if (!(options.curve() instanceof CurveSetup.Client client)) {
                throw new IllegalArgumentException("a worker's CURVE setup is a CurveSetup.Client");
            }
            curve = client;
            curve.apply(dealer);
        }
        if (handshakes != null) {
            handshakes.close();
        }
        handshakes = HandshakeMonitor.watchConnecting(context, dealer, curve, "worker", sentence -> {
            refusal = sentence;
            events.accept(sentence);
        });
        return Sockets.connect(dealer, serverEndpoint);
    }

    /** Why the server refused this worker (its key, or a security mismatch), once known: it never will accept it. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    private void run() {
        BackoffIdler idler = new BackoffIdler(IDLE_PARK_NANOS);
        sendReady();
        recreateBackoffNanos = heartbeat.interval().toNanos() * RECREATE_AFTER_INTERVALS;
        while (true) {
            long now = clock.nanoTime();
            boolean busy = flushResults(now);
            busy |= receiveFrames(now);
            if (leaving && !goodbyeSent) {
                goodbyeSent = sendFrame(WorkerFrames.control(Control.GOODBYE), now);
            }
            if (now - lastSentNanos >= heartbeat.interval().toNanos()) {
                sendFrame(WorkerFrames.control(Control.HEARTBEAT), now);
            }
            checkServer(now);
            if (closing && (unsent == null && results.isEmpty() || now - closeDeadlineNanos >= 0)) {
                break;
            }
            if (busy) {
                idler.reset();
            } else {
                idler.idle(held.get() == 0 ? IDLE_PARK_NANOS : BUSY_PARK_NANOS);
            }
        }
        Sockets.closeAndAwait(context, socket); // the context terminates next
    }

    private boolean flushResults(long now) {
        boolean any = false;
        while (true) {
            if (unsent == null) {
                ResultBatch batch = results.poll();
                if (batch == null) {
                    return any;
                }
                unsent = WorkerFrames.results(batch.results());
                unsentCount = batch.size();
            }
            if (!sendFrame(unsent, now)) {
                return any; // the high-water mark: try again next round
            }
            held.addAndGet(-unsentCount);
            unsent = null;
            any = true;
        }
    }

    private boolean receiveFrames(long now) {
        boolean any = false;
        for (int n = 0; n < 64; n++) {
            byte[] frame = socket.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                break;
            }
            any = true;
            heard(now);
            try {
                TaskBatch batch = WorkerFrames.decodeFromServer(frame, control);
                if (control[0] != Control.DISCONNECT) {
                    readySentNanos = 0; // the server knows this link
                }
                if (batch != null) {
                    held.addAndGet(batch.size());
                    tasks.add(batch);
                } else if (control[0] == Control.GOODBYE) {
                    goodbyeAcknowledged = true;
                    released.countDown();
                } else if (control[0] == Control.DISCONNECT && !readyInFlight(now)) {
                    // One READY answers a burst: the server answers every heartbeat queued while it was away.
                    events.accept("the server does not know this worker (it restarted, or declared it dead): "
                            + "joining again");
                    sendReady();
                }
            } catch (MalformedFrameException e) {
                malformed.incrementAndGet();
            }
        }
        return any;
    }

    private void heard(long now) {
        lastHeardNanos = now;
        if (serverSilent) {
            serverSilent = false;
            recreateBackoffNanos = heartbeat.interval().toNanos() * RECREATE_AFTER_INTERVALS;
            events.accept("the server answers again");
        }
    }

    private void checkServer(long now) {
        long silent = now - lastHeardNanos;
        if (!serverSilent && silent > heartbeat.silenceNanos()) {
            serverSilent = true;
            recreateAtNanos = lastHeardNanos + recreateBackoffNanos;
            events.accept(String.format(Locale.ROOT, "no word from %s for %.1f s (is it a server's --worker-endpoint, "
                    + "with the same --heartbeat?); %d tasks held, waiting for it", serverEndpoint, silent / 1e9,
                    held.get()));
        }
        if (leaving && serverSilent) {
            released.countDown(); // nobody is there to acknowledge the goodbye: leave without waiting
        }
        if (serverSilent && now - recreateAtNanos >= 0) {
            events.accept(String.format(Locale.ROOT, "no word from the server for %.1f s: reconnecting with a new "
                    + "socket", silent / 1e9));
            socket.close();
            socket = openSocket();
            if (unsent != null) { // went with the old socket; the server has redelivered their tasks
                held.addAndGet(-unsentCount);
                unsent = null;
            }
            sendReady();
            recreateBackoffNanos = Math.min(recreateBackoffNanos * 2, MAX_RECREATE_BACKOFF.toNanos());
            recreateAtNanos = now + recreateBackoffNanos;
        }
    }

    private boolean readyInFlight(long now) {
        return readySentNanos != 0 && now - readySentNanos < heartbeat.silenceNanos();
    }

    private void sendReady() {
        int credit = Math.max(0, capacity - held.get());
        if (leaving) {
            credit = 0;
        }
        long now = clock.nanoTime();
        sendFrame(WorkerFrames.ready(credit, label), now);
        readySentNanos = now;
        joins.incrementAndGet();
    }

    private boolean sendFrame(byte[] frame, long now) {
        if (socket.send(frame, ZMQ.DONTWAIT)) {
            lastSentNanos = now;
            return true;
        }
        return false;
    }
}
