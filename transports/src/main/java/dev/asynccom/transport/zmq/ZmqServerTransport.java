package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.UserError;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's side over ZeroMQ: a PULL socket bound on the server's endpoint receives task batches;
 * results go out through one PUSH socket per reply-to endpoint, connected on first use and kept (up to
 * {@link ZmqOptions#maxReplyPeers()}, least recently used closed first), so one server serves many clients.
 *
 * <p>Ownership: the PULL socket is bound in the constructor (a bind error surfaces there), then used only
 * by the receiver thread; the PUSH sockets and their map belong to the result sender thread, except the
 * one to the default endpoint, which the constructor opens and connects (as the seed's workers connect at
 * startup) so its handshake is done before the first result; the sender thread takes it over when started.
 * {@link #close()} closes them all from the closing thread, which the SPI allows only once both threads
 * have stopped.
 */
public final class ZmqServerTransport implements ServerTransport {
    private final ZContext context;
    private final boolean ownsContext;
    private final ZmqOptions options;
    private final WireCodec codec;
    private final NanoClock clock;
    private final String defaultReplyTo;
    private final ZMQ.Socket tasks;
    private final String boundEndpoint;
    private final Map<String, ZMQ.Socket> peers;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The last reply-to found dialable (receiver thread only): clients stamp the same one on every batch. */
    private String lastDialable;

    /** A server with its own ZeroMQ context. */
    public ZmqServerTransport(String bindEndpoint, String defaultReplyTo, ZmqOptions options) {
        this(null, bindEndpoint, defaultReplyTo, options);
    }

    /**
     * @param sharedContext  a context to create sockets in (needed for {@code inproc://}), left open on close;
     *                       {@code null} for a context of its own
     * @param bindEndpoint   where task batches arrive, e.g. {@code tcp://127.0.0.1:5557}
     * @param defaultReplyTo where results without a reply-to go (the seed's {@code remote_url}: its protocol
     *                       carries none); {@code null} if every batch names its own
     */
    public ZmqServerTransport(ZContext sharedContext, String bindEndpoint, String defaultReplyTo, ZmqOptions options) {
        Endpoints.requireBindable(bindEndpoint);
        this.defaultReplyTo = defaultReplyTo == null ? null : Endpoints.requireResolvable(defaultReplyTo);
        this.options = options;
        this.codec = options.codec();
        this.clock = options.clock();
        this.peers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ZMQ.Socket> eldest) {
                boolean evict = size() > options.maxReplyPeers();
                if (evict) {
                    eldest.getValue().close(); // lingers: results already queued still leave
                }
                return evict;
            }
        };
        this.ownsContext = sharedContext == null;
        this.context = ownsContext ? new ZContext() : sharedContext;
        ZMQ.Socket pull = null;
        try {
            pull = Sockets.open(context, SocketType.PULL, options);
            this.boundEndpoint = Sockets.bind(pull, bindEndpoint);
            if (this.defaultReplyTo != null) {
                peers.put(this.defaultReplyTo, Sockets.connect(Sockets.open(context, SocketType.PUSH, options),
                        this.defaultReplyTo));
            }
        } catch (RuntimeException e) {
            Sockets.close(pull);
            Sockets.closeAll(context, ownsContext, peers.values());
            throw e;
        }
        this.tasks = pull;
    }

    /** The task endpoint as jeromq bound it, any wildcard port resolved: what clients connect to. */
    public String boundEndpoint() {
        return boundEndpoint;
    }

    /**
     * The next batch. Malformed frames, and batches whose reply-to is not an endpoint this server could
     * dial, are counted and skipped; control frames (the seed's JOB_ABORT and JOB_COMPLETE) are skipped.
     */
    @Override
    public TaskBatch receive(long timeoutNanos) throws InterruptedException {
        long deadline = clock.nanoTime() + timeoutNanos;
        while (true) {
            byte[] frame = Sockets.receive(tasks, deadline, clock);
            if (frame == null) {
                return null;
            }
            try {
                TaskBatch batch = codec.decodeTasks(frame);
                if (batch != null) {
                    checkReplyTo(batch.replyTo());
                    return batch;
                }
            } catch (MalformedFrameException e) {
                malformed.incrementAndGet();
            }
        }
    }

    private void checkReplyTo(String replyTo) throws MalformedFrameException {
        if (replyTo != null && !replyTo.equals(lastDialable)) {
            if (!Endpoints.isDialable(replyTo)) {
                throw new MalformedFrameException("reply-to '" + replyTo + "' is not an endpoint to dial");
            }
            lastDialable = replyTo;
        }
    }

    /**
     * Encodes the results and pushes them to their reply-to, or to the default endpoint when they have none.
     *
     * @throws UserError when they have no reply-to and this server has no default, or the
     *                            reply-to cannot be connected to
     */
    @Override
    public boolean send(ResultBatch results, long timeoutNanos) throws InterruptedException {
        String to = results.replyTo() != null ? results.replyTo() : defaultReplyTo;
        if (to == null) {
            throw new UserError("results have no reply-to and this server was given no default reply-to "
                    + "endpoint");
        }
        byte[] frame = codec.encodeResults(results);
        ZMQ.Socket push = peers.get(to);
        if (push == null) {
            push = Sockets.connect(Sockets.open(context, SocketType.PUSH, options), to);
            peers.put(to, push);
        }
        return Sockets.send(push, frame, timeoutNanos, clock);
    }

    /** True for the seed's codec, whose answers are one sum per received batch. */
    @Override
    public boolean wholeBatches() {
        return !codec.namesTasks();
    }

    @Override
    public long malformedFrames() {
        return malformed.get();
    }

    /** Closes every socket (queued results get the linger time to leave) and an owned context. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            List<ZMQ.Socket> sockets = new ArrayList<>(peers.values());
            peers.clear();
            sockets.add(tasks);
            Sockets.closeAll(context, ownsContext, sockets);
        }
    }
}
