package dev.asynccom.harness;

/**
 * What one measured step of a capacity search saw: the load offered, what the system achieved, the
 * SLO's percentile of end-to-end latency, and whether every task came back ok.
 *
 * @param offeredPerSecond  the open-loop rate the client sent at, tasks per second
 * @param achievedPerSecond tasks answered per second over the step (its makespan less the median latency, so
 *                          the last task's own latency does not count as falling behind)
 * @param percentileNanos   the SLO's percentile of end-to-end latency from the intended send times
 * @param tasks             tasks the step sent
 * @param allOk             whether every task came back once with ok
 */
public record StepResult(double offeredPerSecond, double achievedPerSecond, long percentileNanos, long tasks,
                         boolean allOk) {
    /** A step keeps up when it achieves at least this share of the offered rate. */
    public static final double KEEP_UP = 0.99;

    /** Whether the step kept up with its offered rate, met the SLO and answered every task ok. */
    public boolean meets(Slo slo) {
        return allOk && achievedPerSecond >= KEEP_UP * offeredPerSecond && slo.holds(percentileNanos);
    }
}
