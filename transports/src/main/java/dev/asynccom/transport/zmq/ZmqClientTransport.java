package dev.asynccom.transport.zmq;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultSink;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.UserError;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The client's side over ZeroMQ for the binary codec: one DEALER socket connected to the server's
 * ROUTER. Task frames go out and result frames come back over that one connection, so the client binds
 * nothing and works from behind NAT.
 *
 * <p>Ownership: the socket is created and connected in the constructor, then owned by the loop thread
 * {@code asynccom-zmq-client}, which moves task frames from {@link #send}'s queue into the socket and result
 * frames to {@link #receive}'s queue. Encoding runs on the sending thread, decoding on the receiving one.
 */
public final class ZmqClientTransport implements ClientTransport {
    private final ZContext context;
    private final boolean ownsContext;
    private final WireCodec codec;
    private final NanoClock clock;
    private final String serverEndpoint;
    private final Loop loop;
    private final LongAdder malformed = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A client with its own ZeroMQ context. */
    public ZmqClientTransport(String serverEndpoint, ZmqOptions options) {
        this(null, serverEndpoint, options);
    }

    /**
     * @param sharedContext  a context to create the socket in, left open on close; {@code null} for one of its own
     * @param serverEndpoint the server's endpoint, e.g. {@code tcp://10.0.0.7:5557}
     */
    public ZmqClientTransport(ZContext sharedContext, String serverEndpoint, ZmqOptions options) {
        this.serverEndpoint = Endpoints.requireResolvable(serverEndpoint);
        if (options.codec().seedTopology()) {
            throw new IllegalArgumentException("the " + options.codec().name() + " codec uses the seed's sockets: "
                    + "use ZmqSeedClientTransport");
        }
        this.codec = options.codec();
        this.clock = options.clock();
        this.ownsContext = sharedContext == null;
        this.context = ownsContext ? new ZContext() : sharedContext;
        ZMQ.Socket dealer = null;
        try {
            dealer = Sockets.open(context, SocketType.DEALER, options);
            if (options.curve() != null) {
                if (!(options.curve() instanceof CurveSetup.Client curve)) {
                    throw new IllegalArgumentException("a client's CURVE setup is a CurveSetup.Client");
                }
                curve.apply(dealer);
            }
            this.loop = new Loop(context, dealer, options); // its monitor sees the connection from the start
            Sockets.connect(dealer, serverEndpoint);
        } catch (RuntimeException e) {
            Sockets.closeAll(context, ownsContext, Collections.singletonList(dealer));
            throw e;
        }
        loop.start();
    }

    /** The server endpoint this client is connected to. */
    public String serverEndpoint() {
        return serverEndpoint;
    }

    /** Encodes the batch and queues it for the server, waiting at most {@code timeoutNanos} for room. */
    @Override
    public boolean send(TaskBatch batch, long timeoutNanos) throws InterruptedException {
        byte[] frame = codec.encodeTasks(batch);
        boolean queued = loop.outgoing.offer(frame, timeoutNanos);
        if (queued) {
            loop.wake();
        }
        return queued;
    }

    /**
     * @throws UserError once the connection shows that this server will never answer: it refused this
     *                   client's key, or its security or kind of socket does not match this client's (see
     *                   {@link ConnectingHandshakes})
     */
    @Override
    public ResultBatch receive(long timeoutNanos) throws InterruptedException {
        List<Result> results = new ArrayList<>();
        return receive(timeoutNanos, ResultSink.into(results)) == 0 ? null : new ResultBatch(null, results);
    }

    /** The next frame's results, decoded straight into {@code sink}: no {@code Result} per result. */
    @Override
    public int receive(long timeoutNanos, ResultSink sink) throws InterruptedException {
        long deadline = clock.nanoTime() + timeoutNanos;
        while (true) {
            byte[] frame = loop.take(Math.max(0, deadline - clock.nanoTime()));
            if (frame == null) {
                String problem = loop.problem;
                if (problem != null) {
                    throw new UserError(problem);
                }
                return 0;
            }
            try {
                int taken = codec.decodeResults(frame, sink);
                if (taken > 0) {
                    return taken;
                }
            } catch (MalformedFrameException e) {
                malformed.increment();
            }
        }
    }

    /** Frames that could not be decoded (or came as messages of more than one frame) and were dropped. */
    @Override
    public long malformedFrames() {
        return malformed.sum();
    }

    /** Stops the socket thread (tasks not yet sent get the linger time to leave) and closes an owned context. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                loop.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (ownsContext) {
                context.close();
            }
        }
    }

    /** The socket thread. */
    private final class Loop extends SocketLoop<byte[]> {
        final Handoff<byte[]> outgoing;
        /** Why the server will never answer, once known: a sentence for the user. */
        volatile String problem;
        private boolean answered;
        private final ConnectingHandshakes handshakes;
        private final long lingerNanos;
        /** A frame the socket refused (its queue to the server is full), sent before any other. */
        private byte[] held;

        Loop(ZContext context, ZMQ.Socket dealer, ZmqOptions options) {
            super(context, dealer, options.receiveHwm() == 0 ? ZmqOptions.DEFAULT_HWM : options.receiveHwm(),
                    "asynccom-zmq-client");
            this.outgoing = new Handoff<>(options.sendHwm() == 0 ? ZmqOptions.DEFAULT_HWM : options.sendHwm());
            this.lingerNanos = Math.max(0, options.lingerMillis()) * 1_000_000L;
            this.handshakes = new ConnectingHandshakes((CurveSetup.Client) options.curve(), "client",
                    TimeUnit.MILLISECONDS.toNanos(dealer.getHandshakeIvl()));
        }

        @Override
        protected boolean outgoingQueued() {
            return held == null && !outgoing.isEmpty();
        }

        @Override
        protected boolean holding() {
            return held != null;
        }

        @Override
        protected boolean flush() {
            boolean moved = false;
            while (true) {
                byte[] next = held != null ? held : outgoing.poll();
                if (next == null) {
                    return moved;
                }
                if (!socket.send(next, ZMQ.DONTWAIT)) {
                    held = next;
                    return moved;
                }
                held = null;
                moved = true;
            }
        }

        @Override
        protected boolean readOne(Handoff<byte[]> inbound) {
            byte[] frame = socket.recv(ZMQ.DONTWAIT);
            if (frame == null) {
                return false;
            }
            boolean extra = false;
            while (socket.hasReceiveMore()) {
                socket.recv(ZMQ.DONTWAIT);
                extra = true;
            }
            if (extra) {
                malformed.increment(); // a server sends exactly one frame per message
            } else {
                inbound.offer(frame);
            }
            answered = true;
            return true;
        }

        @Override
        protected void onEvent(ZEvent event, long nowNanos) {
            if (problem == null && !answered) { // once answered, the server is the right one
                problem = event == null ? handshakes.onTick(nowNanos)
                        : handshakes.onEvent(event.getEvent(), event.getAddress(), event.getValue(), nowNanos);
            }
        }

        @Override
        protected void finish() {
            long deadline = clock.nanoTime() + lingerNanos;
            BackoffIdler idler = new BackoffIdler(Sockets.MAX_SEND_PARK_NANOS);
            while ((flush() || held != null) && clock.nanoTime() < deadline) {
                idler.idle();
            }
        }
    }
}
