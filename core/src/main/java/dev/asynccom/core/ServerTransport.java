package dev.asynccom.core;

/**
 * The server's side of a transport. One thread (the server's receiver) calls {@link #receive}; one
 * other thread (its result sender) calls {@link #send}; {@link #close} comes after both have stopped.
 */
public interface ServerTransport extends AutoCloseable {
    /**
     * Waits at most {@code timeoutNanos} for the next batch of tasks. Frames that cannot be decoded are
     * dropped and counted, never thrown.
     *
     * @return the batch, or {@code null} when none came in time
     */
    TaskBatch receive(long timeoutNanos) throws InterruptedException;

    /**
     * Sends results to the client {@code results.client()} names (the token its batch arrived with),
     * blocking while the transport applies backpressure, at most {@code timeoutNanos}.
     *
     * @return whether the results were handed to the transport in time; {@code false} also when that
     *         client's queue is full, so the server can hold its results without holding up other clients
     */
    boolean send(ResultBatch results, long timeoutNanos) throws InterruptedException;

    /**
     * Sends the results {@code results} holds to {@code client}, as {@link #send(ResultBatch, long)} does: what the
     * server's result sender calls for the results it merged. The transport reads {@code results} during the call
     * only (the sender clears and refills it). The default copies them into a {@link ResultBatch}; a transport
     * that encodes them at once overrides it, so a result costs no {@link Result} object on the way out.
     */
    default boolean send(Object client, ResultColumns results, long timeoutNanos) throws InterruptedException {
        return send(results.toBatch(client), timeoutNanos);
    }

    /**
     * Whether every {@link ResultBatch} must hold exactly the results of one received batch, in any
     * order (the seed's protocol answers once per batch). Otherwise the server streams results as
     * they finish and merges them freely.
     */
    default boolean wholeBatches() {
        return false;
    }

    /** Frames received that could not be decoded and were dropped. */
    default long malformedFrames() {
        return 0;
    }

    /**
     * Results the transport took but could not deliver: their client's connection was gone by the time
     * they left, or the transport closed first.
     */
    default long undeliverableResults() {
        return 0;
    }

    /** Releases the transport; anything still queued is flushed within a bounded time, then dropped. */
    @Override
    void close();
}
