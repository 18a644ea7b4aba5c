package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.UserError;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.transport.codec.WireCodec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import org.zeromq.ZMonitor;
import zmq.ZError;
import zmq.util.Errno;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The socket work both transports share: creating sockets with the options applied, binding and
 * connecting with errors a user can read, and timed sends and receives. Each method touches only the
 * socket it is given, on the calling thread.
 *
 * <p>jeromq must not be interrupted (an interrupt during its channel I/O can leave the context unable
 * to close), so an interrupt is honoured between jeromq calls, never by interrupting one, and blocking
 * receives are cut into slices of at most {@value #MAX_WAIT_SLICE_MILLIS} ms so it is noticed.
 */
final class Sockets {
    static final int MAX_WAIT_SLICE_MILLIS = 100;
    /**
     * ZMQ_HANDSHAKE_IVL of every socket. jeromq 0.6.0's poller can lose the read registration of a channel
     * a TcpConnecter hands to its stream engine (both handles share one SelectionKey in a HashSet pass), so
     * in about one connection in twenty the handshake never proceeds and queued frames wait: seen here as a
     * client getting no results at all while the server counted them sent, its socket holding the client's
     * unread 10-byte greeting. The handshake timer still fires, tears the connection down and reconnects;
     * jeromq's default of 30 s made that a 30 s stall, this makes it half a second. Loopback and LAN
     * handshakes take milliseconds.
     */
    static final int HANDSHAKE_IVL_MILLIS = 500;
    /** The longest park of a send waiting out backpressure: how late it may notice that room came free. */
    static final long MAX_SEND_PARK_NANOS = 1_000_000;
    /** The calling thread's jeromq errno (every instance reads and writes the same per-thread value). */
    static final Errno THREAD_ERRNO = new Errno();
    /** How long {@link #closeAndAwait} waits beyond the socket's linger, or in all when the linger is infinite. */
    static final long CLOSE_WAIT_MARGIN_MILLIS = 1_000;
    static final long CLOSE_WAIT_UNBOUNDED_MILLIS = 10_000;
    private static final AtomicLong CLOSE_WATCHES = new AtomicLong();

    private Sockets() {
    }

    /**
     * A socket of {@code type} with the options' linger and high-water marks and the protocol's frame limit
     * as MAXMSGSIZE, on every socket (also those that only send: a peer must never make one allocate more).
     */
    static ZMQ.Socket open(ZContext context, SocketType type, ZmqOptions options) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(options.lingerMillis());
        socket.setSndHWM(options.sendHwm());
        socket.setRcvHWM(options.receiveHwm());
        socket.setHandshakeIvl(HANDSHAKE_IVL_MILLIS);
        socket.setMaxMsgSize(WireCodec.MAX_FRAME_BYTES); // jeromq drops a peer that announces more, unallocated
        return socket;
    }

    /** Binds {@code socket}; returns the endpoint as bound, with any wildcard port resolved. */
    static String bind(ZMQ.Socket socket, String endpoint) {
        Endpoints.Endpoint e = Endpoints.parse(endpoint);
        try {
            socket.bind(endpoint);
        } catch (ZMQException | IllegalArgumentException failure) {
            throw new UserError("cannot bind " + endpoint + ": " + reason(failure, e), failure);
        }
        return socket.getLastEndpoint();
    }

    /** Connects {@code socket} to a dialable endpoint. */
    static ZMQ.Socket connect(ZMQ.Socket socket, String endpoint) {
        Endpoints.Endpoint e = Endpoints.parse(Endpoints.requireDialable(endpoint));
        try {
            socket.connect(endpoint);
        } catch (ZMQException | IllegalArgumentException failure) {
            socket.close();
            throw new UserError("cannot connect to " + endpoint + ": " + reason(failure, e), failure);
        }
        return socket;
    }

    /**
     * Sends {@code frame} without blocking inside jeromq, retrying with a growing idle pause while the
     * high-water mark pushes back, until {@code timeoutNanos} have passed.
     *
     * @return whether jeromq took the frame
     */
    static boolean send(ZMQ.Socket socket, byte[] frame, long timeoutNanos, NanoClock clock)
            throws InterruptedException {
        checkInterrupt();
        if (socket.send(frame, ZMQ.DONTWAIT)) {
            return true;
        }
        long deadline = clock.nanoTime() + timeoutNanos;
        BackoffIdler idler = new BackoffIdler(MAX_SEND_PARK_NANOS);
        while (true) {
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                return false;
            }
            idler.idle(left);
            checkInterrupt();
            if (socket.send(frame, ZMQ.DONTWAIT)) {
                return true;
            }
        }
    }

    /** The next frame, waiting until {@code deadline} (by {@code clock}); {@code null} if none came. */
    static byte[] receive(ZMQ.Socket socket, long deadline, NanoClock clock) throws InterruptedException {
        checkInterrupt();
        byte[] frame = socket.recv(ZMQ.DONTWAIT);
        while (frame == null) {
            long left = deadline - clock.nanoTime();
            if (left <= 0) {
                return null;
            }
            long millis = Math.min(left / 1_000_000, MAX_WAIT_SLICE_MILLIS);
            if (millis > 0) {
                socket.setReceiveTimeOut((int) millis);
                frame = socket.recv(0);
            } else { // under a millisecond left: jeromq's timeout cannot express it
                LockSupport.parkNanos(left);
                frame = socket.recv(ZMQ.DONTWAIT);
            }
            checkInterrupt();
        }
        return frame;
    }

    /** Closes a socket owned by a thread that has stopped; null is ignored. */
    static void close(ZMQ.Socket socket) {
        if (socket != null) {
            socket.close();
        }
    }

    /**
     * Closes a socket and returns once jeromq has finished it (its connections closed, its sessions gone), or
     * after its linger time and {@value #CLOSE_WAIT_MARGIN_MILLIS} ms more (in all
     * {@value #CLOSE_WAIT_UNBOUNDED_MILLIS} ms when the linger is infinite). Close a socket so before its
     * context terminates; a monitor watching the socket is stopped first. The calling thread must own the socket.
     *
     * <p>Why: in jeromq 0.6.0, terminating a context while a socket closed just before is still being reaped
     * races: now and then the session's acknowledgement of its termination reaches a socket already destroyed,
     * its I/O thread dies on the closed mailbox ({@code ClosedChannelException} printed from
     * {@code Signaler.send}) and the session never closes its TCP connection, which stays open on both sides.
     * A server in CI had one socket more after 200 clients came and went. Measured with 4 threads each
     * opening, using and closing 1,500 client transports against one server, 8 runs: 8 such failures and 8
     * connections left open in 48,000 closes before this wait, none in 48,000 with it; a close took 2.5-3.3 ms
     * before and 2.9-3.3 ms with it (means of runs). The same stress with the context left alive, or
     * terminated 20 ms after the close, showed none either. jeromq reports {@code EVENT_MONITOR_STOPPED} as it
     * destroys the socket, after every session acknowledged its end; a session closes its connection right
     * after that on its I/O thread, before the thread takes the context's stop.
     *
     * @return whether jeromq reported the socket finished within the wait
     */
    static boolean closeAndAwait(ZContext context, ZMQ.Socket socket) {
        int linger = socket.getLinger();
        socket.monitor(null, 0); // jeromq allows one monitor a socket
        String address = "inproc://asynccom-closing-" + CLOSE_WATCHES.incrementAndGet();
        ZMQ.Socket watch = null;
        if (socket.monitor(address, ZMQ.EVENT_MONITOR_STOPPED)) {
            watch = context.createSocket(SocketType.PAIR);
            watch.setRcvHWM(0); // the destroying thread sends the event with a blocking send
            watch.setReceiveTimeOut(MAX_WAIT_SLICE_MILLIS);
            watch.connect(address);
        }
        socket.close();
        if (watch == null) {
            return false; // the context is terminating already: nothing left to race with
        }
        long waitMillis = linger < 0 ? CLOSE_WAIT_UNBOUNDED_MILLIS : linger + CLOSE_WAIT_MARGIN_MILLIS;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            while (System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
                THREAD_ERRNO.set(0); // a refused send earlier on this thread must not pass for a failed read
                ZEvent event = ZEvent.recv(watch);
                if (event != null && event.getEvent() == ZMonitor.Event.MONITOR_STOPPED) {
                    return true;
                }
            }
        } catch (ZMQException terminated) {
            // the context is terminating under it: the socket is finished either way
        } finally {
            watch.close();
        }
        return false;
    }

    /**
     * Closes a transport's sockets (nulls are ignored) and its context when the transport created it: on
     * close, and to undo a construction that failed half-way. Before an owned context terminates, each socket
     * is closed with {@link #closeAndAwait}.
     */
    static void closeAll(ZContext context, boolean ownsContext, Iterable<ZMQ.Socket> sockets) {
        for (ZMQ.Socket socket : sockets) {
            if (socket == null) {
                continue;
            }
            if (ownsContext) {
                closeAndAwait(context, socket);
            } else {
                socket.close();
            }
        }
        if (ownsContext) {
            context.close();
        }
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    private static String reason(RuntimeException failure, Endpoints.Endpoint endpoint) {
        if (failure instanceof ZMQException z && z.getErrorCode() == ZError.EADDRINUSE) {
            // jeromq reports binding to an address this host does not have as "in use" too
            if (endpoint.scheme().equals("ipc")) {
                return "address already in use (jeromq serves ipc:// on a loopback tcp port it derives from the "
                        + "path, and another socket holds that port: another path picks another port)";
            }
            return endpoint.scheme().equals("tcp") && !isLocal(endpoint.host())
                    ? endpoint.host() + " is not an address of this host"
                    : "address already in use";
        }
        if (failure instanceof ZMQException z) {
            String what = ZError.toString(z.getErrorCode()).toLowerCase(Locale.ROOT);
            String detail = z.getMessage();
            return detail == null || detail.startsWith("Errno") ? what : what + " (" + detail + ")";
        }
        return String.valueOf(failure.getMessage());
    }

    private static boolean isLocal(String host) {
        if (host.equals("*")) {
            return true;
        }
        try {
            InetAddress address = InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (java.io.IOException unresolvable) {
            return false;
        }
    }
}
