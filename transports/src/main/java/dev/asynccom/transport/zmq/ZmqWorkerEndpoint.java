package dev.asynccom.transport.zmq;

import dev.asynccom.core.Task;
import dev.asynccom.core.WorkerMessage;
import dev.asynccom.core.WorkerTransport;
import dev.asynccom.transport.codec.MalformedFrameException;
import dev.asynccom.transport.codec.WorkerFrames;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's end of the worker links: one ROUTER socket bound on the worker endpoint; each worker's
 * DEALER is one link, named by the hex of the identity the ROUTER gave it. ROUTER_MANDATORY is on, so a
 * send to a worker whose link is gone or full fails at once instead of vanishing.
 *
 * <p>Ownership: the socket is bound in the constructor (a bind error surfaces there), then used only by
 * the thread that calls {@link #poll}, {@link #sendTasks} and {@link #sendControl} (the distributor), which
 * also closes it.
 */
public final class ZmqWorkerEndpoint implements WorkerTransport {
    private static final HexFormat HEX = HexFormat.of();

    private final ZContext context;
    private final ZMQ.Socket router;
    private final String endpoint;
    private final AtomicLong malformed = new AtomicLong();
    private final RefusalLog refusals;
    private final CurveAdmission admission;
    private final HandshakeMonitor handshakes;

    /**
     * Binds a ROUTER socket at {@code bindEndpoint} with {@code options}' linger and high-water marks; with a
     * {@link CurveSetup.Server} in {@code options}, a CURVE server admitting the keys of its allow-list folder.
     */
    public ZmqWorkerEndpoint(String bindEndpoint, ZmqOptions options) {
        Endpoints.requireBindable(bindEndpoint);
        this.context = new ZContext();
        this.refusals = new RefusalLog(options.notices()::sayNow, options.clock());
        CurveAdmission started = null;
        HandshakeMonitor watching = null;
        try {
            this.router = Sockets.open(context, SocketType.ROUTER, options);
            router.setRouterMandatory(true);
            if (options.curve() != null) {
                if (!(options.curve() instanceof CurveSetup.Server curve)) {
                    throw new IllegalArgumentException("a server's CURVE setup is a CurveSetup.Server");
                }
                started = CurveAdmission.start(context, curve, refusals);
                curve.apply(router, started);
                watching = started.watch(router);
            } else {
                watching = HandshakeMonitor.watchBound(context, router, false, refusals);
            }
            this.endpoint = Sockets.bind(router, bindEndpoint);
        } catch (RuntimeException e) {
            if (watching != null) {
                watching.close();
            }
            if (started != null) {
                started.close();
            }
            context.close();
            throw e;
        }
        this.admission = started;
        this.handshakes = watching;
    }

    /** Workers refused so far: keys not admitted, and peers whose security did not match. */
    public long refusedPeers() {
        return refusals.refused();
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public WorkerMessage poll() {
        while (true) {
            byte[] identity = router.recv(ZMQ.DONTWAIT);
            if (identity == null) {
                return null;
            }
            byte[] frame = router.hasReceiveMore() ? router.recv(0) : null;
            boolean extra = false;
            while (router.hasReceiveMore()) {
                router.recv(0);
                extra = true;
            }
            if (frame == null || extra) {
                malformed.incrementAndGet(); // a worker sends exactly one frame per message
                continue;
            }
            try {
                return WorkerFrames.decodeFromWorker(HEX.formatHex(identity), frame);
            } catch (MalformedFrameException e) {
                malformed.incrementAndGet();
            }
        }
    }

    @Override
    public boolean sendTasks(String worker, List<Task> tasks) {
        return send(worker, WorkerFrames.tasks(tasks));
    }

    @Override
    public void sendControl(String worker, WorkerMessage.Control control) {
        send(worker, WorkerFrames.control(control));
    }

    private boolean send(String worker, byte[] frame) {
        try {
            return router.send(HEX.parseHex(worker), ZMQ.SNDMORE | ZMQ.DONTWAIT) && router.send(frame, ZMQ.DONTWAIT);
        } catch (ZMQException unroutable) { // EHOSTUNREACH under ROUTER_MANDATORY: that link is gone
            return false;
        }
    }

    @Override
    public long malformedFrames() {
        return malformed.get();
    }

    @Override
    public void close() {
        handshakes.close();
        Sockets.closeAndAwait(context, router); // the context terminates next
        if (admission != null) {
            admission.close();
        }
        context.close();
    }
}
