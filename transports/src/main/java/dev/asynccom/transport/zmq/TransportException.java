package dev.asynccom.transport.zmq;

import dev.asynccom.core.UserError;

/**
 * A transport could not be set up or used for a reason a user can fix: a bad endpoint, a port already
 * in use, an address that is not this host's, a host name that does not resolve. The message is one
 * sentence naming the endpoint: a {@link UserError} raised by the ZeroMQ transports.
 */
public final class TransportException extends UserError {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
