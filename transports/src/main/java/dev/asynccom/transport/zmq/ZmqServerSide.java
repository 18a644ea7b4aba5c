package dev.asynccom.transport.zmq;

import dev.asynccom.core.ServerTransport;

/** A server transport bound on a ZeroMQ endpoint. */
public interface ZmqServerSide extends ServerTransport {
    /** The endpoint as jeromq bound it, any wildcard port resolved: what clients connect to. */
    String boundEndpoint();

    /** What the socket saw of its connections so far; zeros where the transport does not watch them. */
    default Connections connections() {
        return new Connections(0, 0, 0, 0);
    }

    /**
     * Connection counts of a server socket, from its monitor. jeromq closes a connection whose peer
     * announces a frame over the size limit, or breaks the ZeroMQ protocol, without saying why; such a
     * connection is counted in {@code closed} as one whose client left is.
     *
     * @param accepted         connections accepted
     * @param closed           connections closed, by either side
     * @param failedHandshakes handshakes jeromq reported failed (a refused key, a key that does not decrypt)
     * @param refusedPeers     peers refused and logged: keys not admitted, and peers whose security or kind
     *                         of socket does not match (told from the order of the monitor's events)
     */
    record Connections(long accepted, long closed, long failedHandshakes, long refusedPeers) {
    }
}
