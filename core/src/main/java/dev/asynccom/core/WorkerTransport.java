package dev.asynccom.core;

import java.util.List;

/**
 * The server's side of its links to worker processes ({@code docs/WIRE.md}, "The worker protocol"). One
 * thread (the distributor of {@link dev.asynccom.core.strategy.RemoteWorkerStrategy}) calls every method;
 * none of them blocks.
 */
public interface WorkerTransport extends AutoCloseable {
    /** The next message from any worker, or {@code null} when none is waiting. Malformed frames are counted, never returned. */
    WorkerMessage poll();

    /**
     * Sends {@code tasks} to {@code worker}, each task's id being the server's delivery id.
     *
     * @return whether the transport took them; {@code false} when the worker's link is full or gone (then
     *         nothing was sent)
     */
    boolean sendTasks(String worker, List<Task> tasks);

    /** Sends a message without a body ({@link WorkerMessage.Control}) to {@code worker}; lost silently when its link is full or gone. */
    void sendControl(String worker, WorkerMessage.Control control);

    /** Frames received that could not be decoded and were dropped. */
    long malformedFrames();

    /** Where workers connect, as bound (any wildcard port resolved). */
    String endpoint();

    /** Releases the transport; control messages still queued get the transport's linger time to leave. */
    @Override
    void close();
}
