package dev.asynccom.transport.zmq;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A thread that owns one socket which two other threads need: the transport's sender hands it messages
 * to send, its receiver takes what came in. ZeroMQ sockets must stay on one thread, and a socket that
 * both receives and answers over the same connection (ROUTER, DEALER) serves both, so this thread moves
 * messages between the socket and two queues, and sleeps in a poll that an arriving message or
 * {@link #wake()} ends.
 *
 * <p>Ownership: the loop thread ({@code name}) owns the socket from {@link #start} to its close, which it
 * does itself on {@link #stop}; subclasses' {@link #flush}, {@link #readOne} and {@link #finish} run on it.
 * Any thread may call {@link #wake}; one thread at a time takes what came in ({@link #take}).
 *
 * @param <I> what one received message becomes in the inbound queue
 */
abstract class SocketLoop<I> {
    /** Longest sleep in a poll when nothing is held back: how late a stop is noticed. */
    private static final int IDLE_POLL_MILLIS = 100;
    /** Poll while a message is held back or the inbound queue is full: how often it is tried again. */
    private static final int HOLDING_POLL_MILLIS = 1;
    /** Most messages read in one turn, so sending is never starved by a busy receiving side. */
    private static final int READ_BATCH = 256;
    /**
     * Turns without work spent yielding before the loop sleeps in a poll: while messages stream, the next one
     * usually comes within them, and sleeping costs a poll on this side and a wake-up write on the other.
     */
    private static final int YIELDS_BEFORE_SLEEP = 8;

    /** Monitor events the loop reads: connections, handshakes and their failures. */
    static final int MONITORED_EVENTS = ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_CONNECTED | ZMQ.EVENT_CONNECT_RETRIED
            | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.HANDSHAKE_FAILED_NO_DETAIL
            | ZMQ.HANDSHAKE_FAILED_PROTOCOL | ZMQ.HANDSHAKE_FAILED_AUTH;
    private static final AtomicLong MONITORS = new AtomicLong();

    protected final ZMQ.Socket socket;
    private final ZContext context;
    private final ZMQ.Socket monitor;
    private final Handoff<I> inbound;
    private final Pipe.SinkChannel wakeSink;
    private final Pipe.SourceChannel wakeSource;
    private final ZMQ.Poller reading;
    private final ZMQ.Poller wakeOnly;
    private final ByteBuffer wakeByte = ByteBuffer.allocate(1);
    private final ByteBuffer drained = ByteBuffer.allocate(64);
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final String name;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param socket          the socket, bound or connected, which this loop owns from {@link #start} on; its
     *                        connection and handshake events reach {@link #onEvent} on the loop thread
     * @param inboundCapacity how many received messages may wait for the receiver before reading stops
     */
    SocketLoop(ZContext context, ZMQ.Socket socket, int inboundCapacity, String name) {
        this.socket = socket;
        this.context = context;
        String monitorEndpoint = "inproc://asynccom-monitor-" + MONITORS.incrementAndGet();
        socket.monitor(monitorEndpoint, MONITORED_EVENTS);
        this.monitor = context.createSocket(SocketType.PAIR);
        monitor.setRcvHWM(0); // jeromq's I/O thread sends events with a blocking send: never make it wait
        monitor.connect(monitorEndpoint);
        this.name = name;
        this.inbound = new Handoff<>(inboundCapacity);
        try {
            Pipe pipe = Pipe.open();
            wakeSink = pipe.sink();
            wakeSource = pipe.source();
            wakeSink.configureBlocking(false);
            wakeSource.configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the wake-up pipe of " + name, e);
        }
        reading = context.createPoller(3);
        reading.register(socket, ZMQ.Poller.POLLIN);
        reading.register(wakeSource, ZMQ.Poller.POLLIN);
        reading.register(monitor, ZMQ.Poller.POLLIN);
        wakeOnly = context.createPoller(2);
        wakeOnly.register(wakeSource, ZMQ.Poller.POLLIN);
        wakeOnly.register(monitor, ZMQ.Poller.POLLIN);
    }

    /** Starts the loop thread; the socket is its own from now on. */
    final void start() {
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    /**
     * The next received message, waiting at most {@code timeoutNanos}; {@code null} if none came. One thread
     * at a time.
     */
    final I take(long timeoutNanos) throws InterruptedException {
        return inbound.poll(timeoutNanos);
    }

    /** Ends the loop's sleep so it sends what was just queued. Any thread; cheap when the loop is awake. */
    final void wake() {
        if (sleeping.get() && sleeping.compareAndSet(true, false)) {
            try {
                synchronized (wakeByte) {
                    wakeByte.clear();
                    wakeSink.write(wakeByte); // a full pipe already holds a wake-up: nothing lost
                }
            } catch (IOException closed) {
                // the loop has stopped: nothing to wake
            }
        }
    }

    /** Stops the loop: it runs {@link #finish} and closes the socket, then this returns. */
    final void stop() throws InterruptedException {
        running = false;
        sleeping.set(true);
        wake();
        if (thread != null) {
            thread.join();
        } else {
            closeOnThisThread(); // never started: the caller is the only thread that touched it
        }
    }

    /**
     * Moves queued outgoing messages into the socket without blocking. Loop thread.
     *
     * @return whether anything moved
     */
    protected abstract boolean flush();

    /** Whether outgoing messages wait in the queue (the loop must not sleep long). Any thread. */
    protected abstract boolean outgoingQueued();

    /** Whether a message is held back because its peer is full (the loop tries again soon). Loop thread. */
    protected abstract boolean holding();

    /**
     * Reads one message from the socket without blocking and puts what it becomes in {@code inbound}
     * (or counts it as malformed). Loop thread.
     *
     * @return whether a message was read
     */
    protected abstract boolean readOne(Handoff<I> inbound);

    /** Last sends before the socket closes (at most its linger time). Loop thread. */
    protected abstract void finish();

    /**
     * A connection or handshake event of the socket ({@link #MONITORED_EVENTS}), or only the passing of time
     * ({@code event} null: once a loop turn, at least every {@value #IDLE_POLL_MILLIS} ms). Loop thread.
     */
    protected void onEvent(ZEvent event, long nowNanos) {
    }

    private void run() {
        int idleTurns = 0;
        try {
            while (running) {
                boolean busy = flush() | readEvents();
                int room = inbound.remainingCapacity();
                Sockets.THREAD_ERRNO.set(0); // as in readEvents: a refused send must not pass for a failed read
                for (int n = 0; n < Math.min(room, READ_BATCH) && readOne(inbound); n++) {
                    busy = true;
                }
                if (busy) {
                    idleTurns = 0;
                } else if (++idleTurns <= YIELDS_BEFORE_SLEEP) {
                    Thread.yield();
                } else {
                    sleep(inbound.remainingCapacity() > 0);
                }
            }
            finish();
        } finally {
            closeOnThisThread();
        }
    }

    private boolean readEvents() {
        boolean any = false;
        ZEvent event;
        // jeromq keeps errno per thread, not per socket (zmq.util.Errno is a ThreadLocal), and ZEvent.recv throws
        // when errno is set after it read an event. A send just refused on this thread's socket (a ROUTER's
        // EHOSTUNREACH for a client that left) left it set, so reading that client's DISCONNECTED event next
        // threw "Errno 65" and ended this loop: the server stopped serving. Clear it before reading.
        Sockets.THREAD_ERRNO.set(0);
        while ((event = ZEvent.recv(monitor, ZMQ.DONTWAIT)) != null) {
            onEvent(event, System.nanoTime());
            any = true;
        }
        onEvent(null, System.nanoTime());
        return any;
    }

    private void sleep(boolean canRead) {
        sleeping.set(true);
        boolean woken = false;
        if (running && !outgoingQueued()) {
            boolean soon = holding() || !canRead;
            ZMQ.Poller poller = canRead ? reading : wakeOnly;
            poller.poll(soon ? HOLDING_POLL_MILLIS : IDLE_POLL_MILLIS);
            woken = poller.pollin(canRead ? 1 : 0);
        }
        sleeping.set(false);
        if (!woken && running) {
            return; // no wake-up byte to drop (one written since stays, and ends the next poll at once)
        }
        try {
            while (wakeSource.read(drained.clear()) > 0) {
                // drop the wake-up bytes
            }
        } catch (IOException closed) {
            running = false;
        }
    }

    private void closeOnThisThread() {
        reading.close();
        wakeOnly.close();
        Sockets.closeAndAwait(context, socket); // stops the monitor first; its context may terminate next
        monitor.close();
        try {
            wakeSink.close();
            wakeSource.close();
        } catch (IOException ignored) {
            // closing a pipe end that failed to close leaves nothing to undo
        }
    }
}
