package dev.asynccom.core.client;

import dev.asynccom.core.Result;

import org.HdrHistogram.Histogram;

/**
 * The latency histograms of one run, all in nanoseconds.
 *
 * <ul>
 * <li>{@code endToEnd}: result received minus the task's <em>intended</em> send time. In open-loop runs
 *     the intended time comes from the schedule, so a stall that delays sending still counts
 *     (coordinated omission corrected); in burst runs it equals {@code uncorrected}.</li>
 * <li>{@code uncorrected}: result received minus the moment its batch was actually sent.</li>
 * <li>{@code transport}: {@code uncorrected} minus the server's queue wait and service time: wire,
 *     codecs and result batching both ways.</li>
 * <li>{@code queueWait}: from the server receiving the task to a worker starting it.</li>
 * <li>{@code service}: the handler's run time.</li>
 * <li>{@code overshoot}: service minus the delay the task asked for, for tasks that asked for one, so
 *     a sleep's overshoot is not mistaken for dispatch cost.</li>
 * </ul>
 * Results without server timings (peers that do not report them) count in the first two only. A task
 * the client resent counts from its <em>first</em> intended and first actual send, so a resend cannot hide
 * the time the lost attempt cost (which shows in {@code transport}); see {@link ClientOptions#retryAfter}.
 */
public record Latencies(Histogram endToEnd, Histogram uncorrected, Histogram transport, Histogram queueWait,
                        Histogram service, Histogram overshoot) {
    private static final int SIGNIFICANT_DIGITS = 3;
    /**
     * The range each histogram is sized for at the start: 1 ns to about 1.07 s (2^30 ns), 172 kB each. Beyond
     * it they still resize themselves, but HdrHistogram grows one bucket (a doubling of the range) per resize
     * and copies the whole array each time, so a histogram started small and filled by a burst whose latencies
     * climb to 100 ms copied 1.4 MB on the way; six of them cost more per task than the rest of the client.
     */
    static final long PRESIZED_NANOS = 1L << 30;

    /** Empty histograms with 3 significant digits, sized for latencies up to about a second, resizing beyond. */
    public static Latencies create() {
        return new Latencies(histogram(), histogram(), histogram(), histogram(), histogram(), histogram());
    }

    private static Histogram histogram() {
        Histogram histogram = new Histogram(1, PRESIZED_NANOS, SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }

    /** Records one result, given as the server's timings of it ({@link Result}'s), received at {@code receivedNanos}. */
    void record(long queueWaitNanos, long serviceNanos, long plannedNanos, long intendedNanos, long sentNanos,
                long receivedNanos) {
        endToEnd.recordValue(Math.max(0, receivedNanos - intendedNanos));
        long roundTrip = Math.max(0, receivedNanos - sentNanos);
        uncorrected.recordValue(roundTrip);
        if (Result.timed(queueWaitNanos, serviceNanos)) {
            queueWait.recordValue(queueWaitNanos);
            service.recordValue(serviceNanos);
            transport.recordValue(Math.max(0, roundTrip - queueWaitNanos - serviceNanos));
            if (plannedNanos > 0) {
                overshoot.recordValue(Math.max(0, serviceNanos - plannedNanos));
            }
        }
    }

    /** Adds every value of {@code other} to these histograms. */
    public void add(Latencies other) {
        endToEnd.add(other.endToEnd);
        uncorrected.add(other.uncorrected);
        transport.add(other.transport);
        queueWait.add(other.queueWait);
        service.add(other.service);
        overshoot.add(other.overshoot);
    }
}
