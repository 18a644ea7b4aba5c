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
