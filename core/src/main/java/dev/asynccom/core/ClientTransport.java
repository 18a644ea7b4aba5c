package dev.asynccom.core;

/**
 * The client's side of a transport. One thread (the client's sender) calls {@link #send}; one other
 * thread (its receiver) calls the {@code receive} methods; {@link #close} comes after both have stopped.
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

    /**
     * Waits at most {@code timeoutNanos} for the next results and hands each to {@code sink}, on this thread,
     * before returning: what the client engine calls. The default takes {@link #receive(long)}'s batch apart; a
     * transport that decodes frames overrides it to hand the fields over without building a {@link Result} each.
     *
     * @return how many results {@code sink} took; 0 when none came in time
     */
    default int receive(long timeoutNanos, ResultSink sink) throws InterruptedException {
        ResultBatch results = receive(timeoutNanos);
        return results == null ? 0 : sink.acceptAll(results);
    }

    /** Frames received that could not be decoded and were dropped. */
    default long malformedFrames() {
        return 0;
    }

    /** Releases the transport; results still in flight are discarded. */
    @Override
    void close();
}
