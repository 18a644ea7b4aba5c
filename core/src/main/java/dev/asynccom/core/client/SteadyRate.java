package dev.asynccom.core.client;

/**
 * The rate at which an open-loop run's results came back, from a least-squares line through each
 * result's (intended send time, receive time): a system that keeps up answers each task a latency after
 * its intended time, so receive times rise one for one with intended times and the slope is 1; a system
 * that falls behind answers at its own rate, so they rise faster, and the achieved rate is the offered
 * rate over the slope. Latencies that vary independently of the send time (an exponential workload's
 * long tail, results batched 16 at a time) scatter the points but do not tilt the line, so unlike answered
 * tasks over the makespan, which the last task's latency stretches, it carries no bias, and it reads a
 * short run of a few batches as well as a long one.
 *
 * <p>Owned by the thread that receives results.
 */
final class SteadyRate {
    private final long startNanos;
    private final double offeredPerSecond;
    private long n;
    private double sumX;
    private double sumY;
    private double sumXX;
    private double sumXY;

    /**
     * @param startNanos       the schedule's start (the first intended send)
     * @param offeredPerSecond the open-loop rate; 0 for a burst, which has no rate to fit
     */
    SteadyRate(long startNanos, double offeredPerSecond) {
        this.startNanos = startNanos;
        this.offeredPerSecond = offeredPerSecond;
    }

    /** Counts one result of a task intended at {@code intendedNanos}, received at {@code receivedNanos}. */
    void received(long intendedNanos, long receivedNanos) {
        double x = (intendedNanos - startNanos) / 1e9;
        double y = (receivedNanos - startNanos) / 1e9;
        n++;
        sumX += x;
        sumY += y;
        sumXX += x * x;
        sumXY += x * y;
    }

    /** The achieved rate, tasks per second, or NaN for a burst or results all intended at one time. */
    double perSecond() {
        double spread = n * sumXX - sumX * sumX;
        if (offeredPerSecond <= 0 || n < 2 || !(spread > 1e-18 * n * n)) {
            return Double.NaN;
        }
        double slope = (n * sumXY - sumX * sumY) / spread;
        return slope > 0 ? offeredPerSecond / Math.max(1, slope) : Double.NaN;
    }
}
