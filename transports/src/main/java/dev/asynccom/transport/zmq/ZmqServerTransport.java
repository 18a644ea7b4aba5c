package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultColumns;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.Msg;
import zmq.io.Metadata;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's side over ZeroMQ for the binary codec: one ROUTER socket bound on the server's endpoint.
 * Clients connect DEALER sockets to it; each client's results go back over the connection its tasks came
 * in on, so the server never dials an address a client names, and clients need no port of their own.
 * ROUTER_MANDATORY is on: a client whose queue is full is told apart from one that is gone.
 *
 * <p>Ownership: the socket is bound in the constructor (a bind error surfaces there), then owned by the
 * loop thread {@code asynccom-zmq-server}, which moves task frames to {@link #receive}'s queue and result
 * frames from {@link #send}'s queue into the socket. Decoding runs on the receiving thread, encoding on the
 * sending thread.
 */
public final class ZmqServerTransport implements ZmqServerSide {
    /** Clients the socket thread remembers a token for; the least recently heard from is forgotten first. */
    static final int MAX_KNOWN_CLIENTS = 4096;

    private final ZContext context;
    private final boolean ownsContext;
    private final WireCodec codec;
    private final NanoClock clock;
    private final Notices notices;
    private final String boundEndpoint;
    private final Loop loop;
    private final LongAdder malformed = new LongAdder();
    private final LongAdder undeliverable = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder closedConnections = new LongAdder();
    private final LongAdder failedHandshakes = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Peers refused: keys not admitted, handshakes that failed; counted and told rate-limited. */
    private final RefusalLog refusals;
    /** The CURVE key check on this transport's context, or null for plain sockets. */
    private final CurveAdmission admission;

    /** A server with its own ZeroMQ context. */
    public ZmqServerTransport(String bindEndpoint, ZmqOptions options) {
        this(null, bindEndpoint, options);
    }

    /**
     * @param sharedContext a context to create the socket in, left open on close; {@code null} for one of its own
     * @param bindEndpoint  where clients connect, e.g. {@code tcp://127.0.0.1:5557}
     */
    public ZmqServerTransport(ZContext sharedContext, String bindEndpoint, ZmqOptions options) {
        Endpoints.requireBindable(bindEndpoint);
        if (options.codec().seedTopology()) {
            throw new IllegalArgumentException("the " + options.codec().name() + " codec uses the seed's sockets: "
                    + "use ZmqSeedServerTransport");
        }
        this.codec = options.codec();
        this.clock = options.clock();
        this.notices = options.notices();
        this.ownsContext = sharedContext == null;
        this.context = ownsContext ? new ZContext() : sharedContext;
        this.refusals = new RefusalLog(notices::sayNow, clock);
        ZMQ.Socket router = null;
        CurveAdmission started = null;
        try {
            router = Sockets.open(context, SocketType.ROUTER, options);
            router.setRouterMandatory(true);
            if (options.curve() != null) {
                if (!(options.curve() instanceof CurveSetup.Server curve)) {
                    throw new IllegalArgumentException("a server's CURVE setup is a CurveSetup.Server");
                }
                started = CurveAdmission.start(context, curve, refusals);
                curve.apply(router, started);
            }
            this.loop = new Loop(context, router, options); // its monitor sees every connection
            this.boundEndpoint = Sockets.bind(router, bindEndpoint);
        } catch (RuntimeException e) {
            Sockets.close(router);
            if (started != null) {
                started.close();
            }
            Sockets.closeAll(context, ownsContext, java.util.Collections.emptyList());
            throw e;
        }
        this.admission = started;
        loop.start();
    }

    @Override
    public String boundEndpoint() {
        return boundEndpoint;
    }

    /**
     * The next batch, its {@link TaskBatch#client()} the connection it came from. Malformed frames are
     * counted and skipped, as are messages of more than one frame.
     */
    @Override
    public TaskBatch receive(long timeoutNanos) throws InterruptedException {
        long deadline = clock.nanoTime() + timeoutNanos;
        while (true) {
            Incoming next = loop.take(Math.max(0, deadline - clock.nanoTime()));
            if (next == null) {
                return null;
            }
            try {
                TaskBatch batch = codec.decodeTasks(next.frame);
                if (batch != null) {
                    return batch.from(next.client);
                }
            } catch (MalformedFrameException e) {
                malformed.increment();
                notices.refusedFrame(next.client.toString(), next.frame, codec, e);
            }
        }
    }

    /**
     * Encodes the results and queues them for the connection their client token names. Refuses (returns
     * {@code false}) while that client's queue is full, after waiting at most {@code timeoutNanos}.
     *
     * @throws IllegalArgumentException for a client token this transport did not give out
     */
    @Override
    public boolean send(ResultBatch results, long timeoutNanos) throws InterruptedException {
        Client client = client(results.client());
        if (!awaitRoom(client, timeoutNanos)) {
            return false;
        }
        loop.queue(new Outgoing(client, codec.encodeResults(results), results.size()));
        return true;
    }

    /** As {@link #send(ResultBatch, long)}, encoding straight from the columns. */
    @Override
    public boolean send(Object to, ResultColumns results, long timeoutNanos) throws InterruptedException {
        Client client = client(to);
        if (!awaitRoom(client, timeoutNanos)) {
            return false;
        }
        loop.queue(new Outgoing(client, codec.encodeResults(results), results.size()));
        return true;
    }

    private static Client client(Object token) {
        if (!(token instanceof Client client)) {
            throw new IllegalArgumentException("results for " + token + ", not a client of this server");
        }
        return client;
    }

    /** Whether {@code client}'s queue has room now, or gets it within {@code timeoutNanos}. */
    private boolean awaitRoom(Client client, long timeoutNanos) throws InterruptedException {
        if (loop.hasRoomFor(client)) {
            return true;
        }
        BackoffIdler idler = new BackoffIdler(Sockets.MAX_SEND_PARK_NANOS);
        long deadline = clock.nanoTime() + timeoutNanos;
        do {
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                return false;
            }
            idler.idle(left);
        } while (!loop.hasRoomFor(client));
        return true;
    }

    @Override
    public long malformedFrames() {
        return malformed.sum();
    }

    /** Results that could not be delivered: their client's connection was gone, or the server closed first. */
    @Override
    public long undeliverableResults() {
        return undeliverable.sum();
    }

    @Override
    public Connections connections() {
        return new Connections(accepted.sum(), closedConnections.sum(), failedHandshakes.sum(), refusals.refused());
    }

    /** Stops the socket thread (queued results get the linger time to leave) and closes an owned context. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                loop.stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (admission != null) {
                admission.close(); // after the socket, before the context
            }
            if (ownsContext) {
                context.close();
            }
        }
    }

    /**
     * A client as the server's transport names it: the ROUTER's identity of its connection. Equal
     * connections get the same token while the socket thread remembers them.
     */
    static final class Client {
        final byte[] identity;
        /** The peer's address as jeromq saw it when it connected, for lines to an operator. */
        final String address;
        /** Set while results to this client are held back because its queue is full. */
        volatile boolean full;
        /** Results held back, oldest first (socket thread only). */
        ArrayDeque<Outgoing> held;

        Client(byte[] identity, String address) {
            this.identity = identity;
            this.address = address;
        }

        @Override
        public String toString() {
            return "the client at " + (address == null ? "an unknown address" : address) + " (connection "
                    + java.util.HexFormat.of().formatHex(identity) + ")";
        }
    }

    private record Incoming(Client client, byte[] frame) {
    }

    private record Outgoing(Client client, byte[] frame, int results) {
    }

    /** The socket thread. */
    private final class Loop extends SocketLoop<Incoming> {
        private final ConcurrentLinkedQueue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();
        private final AtomicInteger outgoingCount = new AtomicInteger();
        private final int outgoingCapacity;
        private final long lingerNanos;
        private final List<Client> holding = new ArrayList<>();
        private final Map<ByteBuffer, Client> clients = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Client> eldest) {
                return size() > MAX_KNOWN_CLIENTS;
            }
        };

        private final BoundHandshakes handshakes;

        Loop(ZContext context, ZMQ.Socket router, ZmqOptions options) {
            super(context, router, options.receiveHwm() == 0 ? ZmqOptions.DEFAULT_HWM : options.receiveHwm(),
                    "asynccom-zmq-server");
            this.handshakes = new BoundHandshakes(options.curve() != null,
                    java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(router.getHandshakeIvl()));
            this.outgoingCapacity = options.sendHwm() == 0 ? Integer.MAX_VALUE : options.sendHwm();
            this.lingerNanos = Math.max(0, options.lingerMillis()) * 1_000_000L;
        }

        boolean hasRoomFor(Client client) {
            return !client.full && outgoingCount.get() < outgoingCapacity;
        }

        void queue(Outgoing message) {
            outgoingCount.incrementAndGet();
            outgoing.add(message);
            wake();
        }

        @Override
        protected boolean outgoingQueued() {
            return !outgoing.isEmpty();
        }

        @Override
        protected boolean holding() {
            return !holding.isEmpty();
        }

        @Override
        protected boolean flush() {
            boolean moved = retryHeld();
            Outgoing next;
            while ((next = outgoing.poll()) != null) {
                outgoingCount.decrementAndGet();
                moved = true;
                Client client = next.client;
                if (client.held != null) {
                    client.held.add(next); // behind what waits, to keep the order
                } else if (!offer(next)) {
                    client.held = new ArrayDeque<>();
                    client.held.add(next);
                    client.full = true;
                    holding.add(client);
                }
            }
            return moved;
        }

        private boolean retryHeld() {
            boolean moved = false;
            for (int i = holding.size() - 1; i >= 0; i--) {
                Client client = holding.get(i);
                while (!client.held.isEmpty() && offer(client.held.peek())) {
                    client.held.poll();
                    moved = true;
                }
                if (client.held.isEmpty()) {
                    client.held = null;
                    client.full = false;
                    holding.remove(i);
                }
            }
            return moved;
        }

        /** Sends one message now if its client takes it; one for a connection that is gone is counted and dropped. */
        private boolean offer(Outgoing message) {
            try {
                if (!socket.send(message.client.identity, ZMQ.SNDMORE | ZMQ.DONTWAIT)) {
                    return false; // that client's queue is full
                }
                socket.send(message.frame, ZMQ.DONTWAIT); // the identity went: the rest of the message goes too
                return true;
            } catch (ZMQException gone) { // EHOSTUNREACH under ROUTER_MANDATORY: the client disconnected
                undeliverable.add(message.results);
                return true;
            }
        }

        @Override
        protected boolean readOne(Handoff<Incoming> inbound) {
            Msg first = socket.base().recv(ZMQ.DONTWAIT);
            if (first == null) {
                return false;
            }
            byte[] identity = first.data();
            byte[] frame = socket.hasReceiveMore() ? socket.recv(ZMQ.DONTWAIT) : null;
            boolean extra = false;
            while (socket.hasReceiveMore()) {
                socket.recv(ZMQ.DONTWAIT);
                extra = true;
            }
            Client client = clients.computeIfAbsent(ByteBuffer.wrap(identity), id -> new Client(identity,
                    first.getMetadata() == null ? null : first.getMetadata().get(Metadata.PEER_ADDRESS)));
            if (frame == null || extra) {
                malformed.increment(); // a client sends exactly one frame per message
                notices.say("malformed", "refused a message of several frames from " + client
                        + ": each message is one frame");
                return true;
            }
            inbound.offer(new Incoming(client, frame));
            return true;
        }

        @Override
        protected void onEvent(ZEvent event, long nowNanos) {
            if (event == null) {
                return;
            }
            switch (event.getEvent()) {
                case ACCEPTED -> accepted.increment();
                case DISCONNECTED -> closedConnections.increment();
                case HANDSHAKE_FAILED_AUTH, HANDSHAKE_FAILED_PROTOCOL, HANDSHAKE_FAILED_NO_DETAIL ->
                        failedHandshakes.increment();
                default -> {
                }
            }
            BoundHandshakes.Refusal refused = handshakes.onEvent(event.getEvent(), event.getValue(), nowNanos);
            if (refused != null) {
                refusals.refused(refused.host(), refused.line());
            }
        }

        @Override
        protected void finish() {
            long deadline = clock.nanoTime() + lingerNanos;
            BackoffIdler idler = new BackoffIdler(Sockets.MAX_SEND_PARK_NANOS);
            while ((flush() || holding()) && clock.nanoTime() < deadline) {
                idler.idle();
            }
            for (Client client : holding) {
                client.held.forEach(message -> undeliverable.add(message.results));
            }
            outgoing.forEach(message -> undeliverable.add(message.results));
        }
    }
}
