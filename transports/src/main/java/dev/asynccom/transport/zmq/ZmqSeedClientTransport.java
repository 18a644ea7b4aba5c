package dev.asynccom.transport.zmq;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.PythonBatchLedger;
import dev.asynccom.transport.codec.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's side over ZeroMQ for the seed codec, in the seed's own topology: a PUSH socket connected to
 * the server carries task batches, a PULL socket bound on the client's own endpoint receives results (the
 * server dials it: it is the server's {@code remote_url}).
 *
 * <p>Ownership: the PULL socket is bound in the constructor (so a bind error surfaces there), then used
 * only by the receiver thread; the PUSH socket is created by the sender thread on its first send and used
 * only by it. {@link #close()} closes both from the closing thread, which the SPI allows only once both
 * threads have stopped.
 */
public final class ZmqSeedClientTransport implements ClientTransport {
    private final ZContext context;
    private final boolean ownsContext;
    private final ZmqOptions options;
    private final WireCodec codec;
    private final NanoClock clock;
    private final String serverEndpoint;
    private final ZMQ.Socket results;
    private final String boundEndpoint;
    /** Attributes seed answers to batches; null when the codec names tasks in results. */
    private final PythonBatchLedger ledger;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ZMQ.Socket tasks;

    /**
     * @param sharedContext  a context to create sockets in, left open on close; {@code null} for one of its own
     * @param bindEndpoint   where results arrive (the server's {@code remote_url}), e.g. {@code tcp://127.0.0.1:5556}
     * @param serverEndpoint the server's task endpoint
     */
    public ZmqSeedClientTransport(ZContext sharedContext, String bindEndpoint, String serverEndpoint,
                                  ZmqOptions options) {
        Endpoints.requireBindable(bindEndpoint);
        this.serverEndpoint = Endpoints.requireResolvable(serverEndpoint); // the sender thread connects it
        this.options = options;
        this.codec = options.codec();
        this.clock = options.clock();
        this.ledger = codec.namesTasks() ? null : new PythonBatchLedger();
        this.ownsContext = sharedContext == null;
        this.context = ownsContext ? new ZContext() : sharedContext;
        ZMQ.Socket pull = null;
        try {
            pull = Sockets.open(context, SocketType.PULL, options);
            this.boundEndpoint = Sockets.bind(pull, bindEndpoint);
        } catch (RuntimeException e) {
            Sockets.closeAll(context, ownsContext, Collections.singletonList(pull));
            throw e;
        }
        this.results = pull;
    }

    /** The result endpoint as jeromq bound it, any wildcard port resolved. */
    public String boundEndpoint() {
        return boundEndpoint;
    }

    /** Encodes the batch and pushes it to the server. */
    @Override
    public boolean send(TaskBatch batch, long timeoutNanos) throws InterruptedException {
        byte[] frame = codec.encodeTasks(batch);
        ZMQ.Socket push = tasks;
        if (push == null) {
            push = Sockets.connect(Sockets.open(context, SocketType.PUSH, options), serverEndpoint);
            tasks = push;
        }
        long[] entry = ledger == null ? null : ledger.sent(batch); // before sending: the answer may be quick
        boolean sent = false;
        try {
            sent = Sockets.send(push, frame, timeoutNanos, clock);
            return sent;
        } finally {
            if (!sent && entry != null) {
                ledger.unsent(entry);
            }
        }
    }

    @Override
    public ResultBatch receive(long timeoutNanos) throws InterruptedException {
        long deadline = clock.nanoTime() + timeoutNanos;
        while (true) {
            byte[] frame = Sockets.receive(results, deadline, clock);
            if (frame == null) {
                return null;
            }
            ResultBatch batch = decode(frame);
            if (batch != null && batch.size() > 0) {
                return batch;
            }
        }
    }

    /** Decoded and attributed results; {@code null} for a frame that is malformed or answers no batch. */
    private ResultBatch decode(byte[] frame) {
        try {
            ResultBatch batch = codec.decodeResults(frame);
            if (ledger != null && batch.size() > 0) {
                batch = ledger.attribute(batch);
            }
            if (batch == null) {
                malformed.incrementAndGet();
            }
            return batch;
        } catch (MalformedFrameException e) {
            malformed.incrementAndGet();
            return null;
        }
    }

    /** Frames that could not be decoded, and seed answers that came when no batch was unanswered. */
    @Override
    public long malformedFrames() {
        return malformed.get();
    }

    /** Closes the sockets (tasks not yet pushed get the linger time to leave) and an owned context. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Sockets.closeAll(context, ownsContext, Arrays.asList(tasks, results));
        }
    }
}
