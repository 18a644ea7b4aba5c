package dev.asynccom.transport.zmq;

import dev.asynccom.core.ServerTransport;

/** A server transport bound on a ZeroMQ endpoint. */
public interface ZmqServerSide extends ServerTransport {
    /** The endpoint as jeromq bound it, any wildcard port resolved: what clients connect to. */
    String boundEndpoint();
}
