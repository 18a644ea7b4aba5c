package dev.asynccom.core;

import java.util.List;

/**
 * A message of the worker protocol as the server receives it: from which worker (an opaque name the
 * transport gives each link) and what it says.
 */
public sealed interface WorkerMessage {
    /** The link it came on; the same string addresses replies. */
    String worker();

    /** A worker joins, or joins again: it can take {@code credit} more tasks now; {@code label} says what it is. */
    record Ready(String worker, int credit, String label) implements WorkerMessage {
    }

    /** Results of tasks the worker held, each naming the delivery id it was sent with; each returns one credit. */
    record Results(String worker, List<Result> results) implements WorkerMessage {
    }

    /** A message with no body. */
    record Signal(String worker, Control control) implements WorkerMessage {
    }

    /** The body-less messages, in both directions. */
    enum Control {
        /** I am alive (either way, on an idle link). */
        HEARTBEAT,
        /** From a worker: send me nothing more, I leave once I answered what I hold. From the server: acknowledged, nothing more will come. */
        GOODBYE,
        /** From the server: I do not know you (I restarted, or declared you dead): join again with READY. */
        DISCONNECT
    }
}
