package dev.asynccom.core.strategy;

import java.time.Duration;

/**
 * How the server runs tasks concurrently. Implementations own their threads; the server engine
 * calls {@link #execute} from its single receive thread and {@link #shutdown} once.
 */
public interface WorkerStrategy {
    /** The name used on command lines and in results ({@code platform}, {@code virtual}, ...). */
    String name();

    /** How many tasks can run at once ({@link Integer#MAX_VALUE} when unbounded). */
    int effectiveConcurrency();

    /**
     * Whether each batch must reach {@link #execute} as its client sent it: a strategy shaped by the batch (the
     * seed's, whose batch worker runs a batch's tasks together and waits for all of them) would be measured
     * wrong if the server's per-client admission cut batches to fit a client's share. Then a batch goes on
     * whole once its client has room for any task. By default tasks run one by one, and any cut is the same work.
     */
    default boolean runsWholeBatches() {
        return false;
    }

    /**
     * Accepts every task of {@code work} for running and returns, normally without waiting for them
     * to finish. May block briefly while the strategy applies backpressure. After {@link #shutdown}
     * began, rejects the tasks through {@link BatchWork#rejectTask} instead.
     */
    void execute(BatchWork work);

    /**
     * Stops accepting tasks and waits up to {@code timeout} for those accepted to finish.
     *
     * @return whether every accepted task finished in time
     */
    boolean shutdown(Duration timeout) throws InterruptedException;
}
