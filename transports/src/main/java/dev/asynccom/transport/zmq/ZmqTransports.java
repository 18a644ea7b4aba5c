package dev.asynccom.transport.zmq;

import dev.asynccom.core.ClientTransport;

/**
 * Picks the ZeroMQ transports a codec needs: results over the task connection (ROUTER on the server,
 * DEALER on the client) for the binary codec, the seed's own sockets for the seed codec.
 */
public final class ZmqTransports {
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
