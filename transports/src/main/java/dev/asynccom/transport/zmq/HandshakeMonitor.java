package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMonitor;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Watches one socket's handshakes through jeromq's socket monitor, on a thread of its own. On a connecting
 * socket ({@link #watchConnecting}) it tells, in one sentence and within a few hundred milliseconds of
 * connecting, that the server refused this side: its key not admitted, CURVE on one side only, the wrong
 * server key ({@link ConnectingHandshakes} says what jeromq shows in each case). On a bound socket
 * ({@link #watchBound}) it counts and logs the peers that fail before their key is checked
 * ({@link BoundHandshakes}).
 *
 * <p>Ownership: the watched socket stays its owner's; this class only registers the monitor on it (before it
 * binds or connects, from its owner thread) and unregisters it in {@link #close()} (jeromq synchronizes that
 * call, so any thread may close). The monitor thread owns the PAIR socket that receives the events. Close it
 * before the context; without close, the monitor ends when the watched socket is closed.
 */
public final class HandshakeMonitor implements AutoCloseable {
    private static final int EVENTS = ZMQ.EVENT_CONNECTED | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_CONNECT_RETRIED
            | ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.HANDSHAKE_FAILED_AUTH
            | ZMQ.HANDSHAKE_FAILED_PROTOCOL | ZMQ.HANDSHAKE_FAILED_NO_DETAIL | ZMQ.EVENT_MONITOR_STOPPED;
    /** How often the monitor thread looks at the time (and at its stop flag) when no event comes. */
    private static final int TICK_MILLIS = 50;
    private static final long JOIN_MILLIS = 2_000;

    private final ZContext context;
    private final ZMQ.Socket watched;
    private final ZMQ.Socket events;
    private final NanoClock clock = NanoClock.system();
    private final String threadName;
    private Thread runner;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean running = true;
    private volatile String refusal;

    /** What the monitor thread does with each event and tick. */
    private interface Sink {
        void event(ZEvent event, long now);

        void tick(long now);
    }

    private HandshakeMonitor(ZContext context, ZMQ.Socket watched, String name) {
        this.context = context;
        this.watched = watched;
        String address = "inproc://asynccom-handshakes-" + UUID.randomUUID();
        if (!watched.monitor(address, EVENTS)) {
            throw new IllegalStateException("jeromq refused to monitor the socket (errno " + watched.errno() + ")");
        }
        ZMQ.Socket pair = context.createSocket(SocketType.PAIR);
        // Unbounded: jeromq writes events from its I/O thread with a blocking send; a full queue would stall it.
        pair.setRcvHWM(0);
        pair.setReceiveTimeOut(TICK_MILLIS);
        pair.connect(address);
        this.events = pair;
        this.threadName = name;
    }

    /**
     * Watches a socket that connects to a server: call before it connects, from its owner thread.
     *
     * @param curve     this side's CURVE setup, or null for a plain side
     * @param side      what this side is, for the sentence: "client" or "worker"
     * @param onRefused called once, on the monitor thread, with the sentence saying why the server refused
     *                  (the same as {@link #refusal()} from then on)
     */
    public static HandshakeMonitor watchConnecting(ZContext context, ZMQ.Socket socket, CurveSetup.Client curve,
                                                   String side, Consumer<String> onRefused) {
        Objects.requireNonNull(onRefused, "onRefused");
        HandshakeMonitor monitor = new HandshakeMonitor(context, socket, "handshake-monitor-" + side);
        ConnectingHandshakes handshakes = new ConnectingHandshakes(curve, side,
                TimeUnit.MILLISECONDS.toNanos(socket.getHandshakeIvl()));
        monitor.start(new Sink() {
            @Override
            public void event(ZEvent event, long now) {
                monitor.decided(handshakes.onEvent(event.getEvent(), event.getAddress(), event.getValue(), now),
                        onRefused);
            }

            @Override
            public void tick(long now) {
                monitor.decided(handshakes.onTick(now), onRefused);
            }
        });
        return monitor;
    }

    /**
     * Watches a server socket: call before it binds, from its owner thread. Peers that fail the handshake
     * before their key is checked are counted and logged in {@code log}.
     *
     * @param curve whether the socket is a CURVE server (else a plain one, whose failures are peers that may
     *              use CURVE)
     */
    public static HandshakeMonitor watchBound(ZContext context, ZMQ.Socket socket, boolean curve, RefusalLog log) {
        Objects.requireNonNull(log, "log");
        HandshakeMonitor monitor = new HandshakeMonitor(context, socket, "handshake-monitor-server");
        BoundHandshakes handshakes = new BoundHandshakes(curve, TimeUnit.MILLISECONDS.toNanos(socket.getHandshakeIvl()));
        monitor.start(new Sink() {
            @Override
            public void event(ZEvent event, long now) {
                BoundHandshakes.Refusal refused = handshakes.onEvent(event.getEvent(), event.getValue(), now);
                if (refused != null) {
                    log.refused(refused.host(), refused.line());
                }
            }

            @Override
            public void tick(long now) {
            }
        });
        return monitor;
    }

    /** Why the server refused this side, once known (connecting sockets only). */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    private void decided(String sentence, Consumer<String> onRefused) {
        if (sentence != null && refusal == null) {
            refusal = sentence;
            onRefused.accept(sentence);
        }
    }

    /** Hands the PAIR socket over to the monitor thread (Thread.start publishes it). */
    private void start(Sink sink) {
        runner = new Thread(() -> run(sink), threadName);
        runner.setDaemon(true);
        runner.start();
    }

    private void run(Sink sink) {
        try {
            while (running) {
                ZEvent event;
                try {
                    event = ZEvent.recv(events);
                } catch (ZMQException | IllegalStateException contextClosed) {
                    return;
                }
                long now = clock.nanoTime();
                if (event != null) {
                    if (event.getEvent() == ZMonitor.Event.MONITOR_STOPPED) {
                        return;
                    }
                    if (refusal == null) {
                        sink.event(event, now);
                    }
                }
                if (refusal == null) {
                    sink.tick(now);
                }
            }
        } finally {
            try {
                context.destroySocket(events);
            } catch (RuntimeException contextClosed) {
                // the context closed it already
            }
        }
    }

    /**
     * Stops watching: unregisters the monitor from the socket (if it is still open) and waits for the monitor
     * thread to end. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        running = false;
        try {
            watched.monitor(null, 0);
        } catch (RuntimeException alreadyClosed) {
            // the socket or its context is closed: the monitor stopped with it
        }
        try {
            runner.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
