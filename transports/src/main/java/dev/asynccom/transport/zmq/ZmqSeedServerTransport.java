package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's side over ZeroMQ for the seed codec, in the seed's own topology: a PULL socket bound on the
 * server's endpoint receives task batches, and one PUSH socket connected to the one result endpoint the
 * operator gave (the seed's {@code remote_url}, the client's bound PULL socket) carries every result. The
 * seed's protocol names no client, so this server answers one client endpoint, never one a frame names.
 *
 * <p>Ownership: both sockets are made in the constructor (the PUSH connected at once, as the seed's workers
 * connect at startup, so its handshake is done before the first result); then the PULL socket is used only by
 * the receiver thread and the PUSH socket only by the result sender thread. {@link #close()} closes both
 * from the closing thread, which the SPI allows only once both threads have stopped.
 */
public final class ZmqSeedServerTransport implements ZmqServerSide {
    private final ZContext context;
    private final boolean ownsContext;
    private final WireCodec codec;
    private final NanoClock clock;
    private final Notices notices;
    private final ZMQ.Socket tasks;
    private final ZMQ.Socket results;
    private final String boundEndpoint;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param sharedContext a context to create sockets in, left open on close; {@code null} for one of its own
     * @param bindEndpoint  where task batches arrive, e.g. {@code tcp://127.0.0.1:5557}
     * @param resultsTo     where every result goes: the client's bound result endpoint (the seed's {@code remote_url})
     */
    public ZmqSeedServerTransport(ZContext sharedContext, String bindEndpoint, String resultsTo, ZmqOptions options) {
        Endpoints.requireBindable(bindEndpoint);
        Endpoints.requireResolvable(resultsTo);
        this.codec = options.codec();
        this.clock = options.clock();
        this.notices = options.notices();
        this.ownsContext = sharedContext == null;
        this.context = ownsContext ? new ZContext() : sharedContext;
        ZMQ.Socket pull = null;
        ZMQ.Socket push = null;
        try {
            pull = Sockets.open(context, SocketType.PULL, options);
            this.boundEndpoint = Sockets.bind(pull, bindEndpoint);
            push = Sockets.connect(Sockets.open(context, SocketType.PUSH, options), resultsTo);
        } catch (RuntimeException e) {
            Sockets.closeAll(context, ownsContext, Arrays.asList(pull, push));
            throw e;
        }
        this.tasks = pull;
        this.results = push;
    }

    @Override
    public String boundEndpoint() {
        return boundEndpoint;
    }

    /**
     * The next batch. Malformed frames are counted and skipped; control frames (the seed's JOB_ABORT and
     * JOB_COMPLETE) are skipped.
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
                    return batch;
                }
            } catch (MalformedFrameException e) {
                malformed.incrementAndGet();
                notices.refusedFrame("a client of " + boundEndpoint, frame, codec, e);
            }
        }
    }

    /** Encodes the results and pushes them to the one result endpoint. */
    @Override
    public boolean send(ResultBatch batch, long timeoutNanos) throws InterruptedException {
        return Sockets.send(results, codec.encodeResults(batch), timeoutNanos, clock);
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

    /** Closes both sockets (queued results get the linger time to leave) and an owned context. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Sockets.closeAll(context, ownsContext, Arrays.asList(tasks, results));
        }
    }
}
