package dev.asynccom.harness;

/**
 * What one measured step of a capacity search saw: the load offered, what the system achieved, the
 * SLO's percentile of end-to-end latency, the curve's percentiles, and whether every task came back ok.
 *
 * @param offeredPerSecond  the open-loop rate the client sent at, tasks per second
 * @param achievedPerSecond the rate results came back at: the offered rate over the slope of receive times
 *                          against intended send times (1 for a system that keeps up)
 * @param percentileNanos   the SLO's percentile of end-to-end latency from the intended send times
 * @param tasks             tasks the step sent
 * @param allOk             whether every task came back once with ok
 * @param p50Nanos          the median end-to-end latency
 * @param p99Nanos          its 99th percentile
 * @param p999Nanos         its 99.9th percentile
 */
public record StepResult(double offeredPerSecond, double achievedPerSecond, long percentileNanos, long tasks,
                         boolean allOk, long p50Nanos, long p99Nanos, long p999Nanos) {
    /** A step keeps up when it achieves at least this share of the offered rate. */
    public static final double KEEP_UP = 0.99;

    /** Whether the step kept up with its offered rate. */
    public boolean keptUp() {
        return achievedPerSecond >= KEEP_UP * offeredPerSecond;
    }

    /** A failed step achieving at least this share of its rate may have stalled rather than been overloaded. */
    public static final double STALL_KEEP_UP = 0.95;

    /**
     * Whether a failure could be a stall (a collector pause, the machine's other work) rather than the rate
     * being too high: every task ok and at least {@link #STALL_KEEP_UP} of the rate achieved. A stall delays
     * tasks for a moment; an overload loses throughput for the whole step.
     */
    public boolean couldBeAStall() {
        return allOk && achievedPerSecond >= STALL_KEEP_UP * offeredPerSecond;
    }

    /** Whether the step kept up with its offered rate, met the SLO and answered every task ok. */
    public boolean meets(Slo slo) {
        return allOk && keptUp() && slo.holds(percentileNanos);
    }

    /** Why a step that does not meet {@code slo} fails, in a few words. */
    public String failure(Slo slo) {
        if (!allOk) {
            return "tasks lost or not ok";
        }
        if (!keptUp()) {
            return "fell behind";
        }
        return slo.holds(percentileNanos) ? "" : "over the SLO";
    }
}
