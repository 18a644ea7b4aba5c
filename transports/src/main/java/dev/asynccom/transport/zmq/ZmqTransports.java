package dev.asynccom.transport.zmq;

import dev.asynccom.core.ClientTransport;

/**
 * Picks the ZeroMQ transports a codec needs: results over the task connection (ROUTER on the server,
 * DEALER on the client) for the binary codec, the seed's own sockets for the seed codec.
 */
public final class ZmqTransports {
    /**
     * The ZMQ_HANDSHAKE_IVL every socket of these transports sets. A raw jeromq socket beside them (a test's
     * or a baseline's) sets it too: jeromq 0.6.0 leaves about one connection in twenty with its handshake
     * stalled until this timer retries it, 30 s by default (see {@code Sockets}).
     */
    public static final int HANDSHAKE_IVL_MILLIS = Sockets.HANDSHAKE_IVL_MILLIS;

    private ZmqTransports() {
    }

    /**
     * A server bound at {@code bindEndpoint}.
     *
     * @param resultsTo the one endpoint results go to with the seed codec (the seed's {@code remote_url});
     *                  not used, and may be {@code null}, with the binary codec
     */
    public static ZmqServerSide server(String bindEndpoint, String resultsTo, ZmqOptions options) {
        return options.codec().seedTopology()
                ? new ZmqSeedServerTransport(null, bindEndpoint, resultsTo, options)
                : new ZmqServerTransport(null, bindEndpoint, options);
    }

    /**
     * A client of the server at {@code serverEndpoint}.
     *
     * @param bindEndpoint where results arrive with the seed codec (the server's {@code remote_url}); not used,
     *                     and may be {@code null}, with the binary codec
     */
    public static ClientTransport client(String bindEndpoint, String serverEndpoint, ZmqOptions options) {
        return options.codec().seedTopology()
                ? new ZmqSeedClientTransport(null, bindEndpoint, serverEndpoint, options)
                : new ZmqClientTransport(null, serverEndpoint, options);
    }
}
