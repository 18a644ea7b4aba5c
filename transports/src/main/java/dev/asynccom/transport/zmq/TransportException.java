package dev.asynccom.transport.zmq;

/**
 * A transport could not be set up or used for a reason a user can fix: a bad endpoint, a port already
 * in use, an address that is not this host's. The message is one sentence naming the endpoint.
 */
public final class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
