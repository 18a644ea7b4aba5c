package dev.asynccom.core;

/**
 * The client's side of a transport. One thread (the client's sender) calls {@link #send}; one other
 * thread (its receiver) calls {@link #receive}; {@link #close} comes after both have stopped.
 */
public interface ClientTransport extends AutoCloseable {
    /**
     * Sends one batch, blocking while the transport applies backpressure, at most {@code timeoutNanos}.
     *
     * @return whether the batch was handed to the transport in time
     */
    boolean send(TaskBatch batch, long timeoutNanos) throws InterruptedException;

    /**
     * Waits at most {@code timeoutNanos} for the next results.
     *
     * @return the results, or {@code null} when none came in time
     */
    ResultBatch receive(long timeoutNanos) throws InterruptedException;

    /** Frames received that could not be decoded and were dropped. */
    default long malformedFrames() {
        return 0;
    }

    /** Releases the transport; results still in flight are discarded. */
    @Override
    void close();
}
