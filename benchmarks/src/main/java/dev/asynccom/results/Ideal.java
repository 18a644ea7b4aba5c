package dev.asynccom.results;

import dev.asynccom.loop.LoopConfig;

/**
 * What a configuration could reach with perfect use of its effective concurrency C, the yardstick of the
 * efficiency columns. Simple on purpose:
 * <ul>
 * <li>ideal throughput = min(C / mean delay, offered rate): infinite for zero-delay tasks in a burst,
 *     where there is no yardstick;</li>
 * <li>ideal makespan = max(total delay / C, longest single delay, tasks / rate): zero for zero-delay
 *     tasks in a burst.</li>
 * </ul>
 * Virtual threads without a limit have C = tasks (no run has more tasks at once), so their ideal is every
 * task at once.
 *
 * @param throughputPerSecond tasks per second, {@link Double#POSITIVE_INFINITY} when unbounded
 * @param makespanNanos       nanoseconds, 0 when there is no lower bound
 */
record Ideal(double throughputPerSecond, double makespanNanos) {

    static Ideal of(LoopConfig config, int effectiveConcurrency, long delayTotalNanos, long delayMaxNanos) {
        double concurrency = Math.max(1, effectiveConcurrency);
        double meanDelayNanos = (double) delayTotalNanos / config.tasks();
        double rate = config.ratePerSecond();
        double byConcurrency = meanDelayNanos > 0 ? concurrency / meanDelayNanos * 1e9 : Double.POSITIVE_INFINITY;
        double throughput = rate > 0 ? Math.min(rate, byConcurrency) : byConcurrency;
        double makespan = Math.max(delayTotalNanos / concurrency, delayMaxNanos);
        if (rate > 0) {
            makespan = Math.max(makespan, config.tasks() / rate * 1e9);
        }
        return new Ideal(throughput, makespan);
    }

    /** Measured over ideal throughput, NaN without a yardstick. */
    double throughputEfficiency(double measuredPerSecond) {
        return Double.isInfinite(throughputPerSecond) ? Double.NaN : measuredPerSecond / throughputPerSecond;
    }

    /** Ideal over measured makespan (so 1 is perfect, like the throughput's), NaN without a yardstick. */
    double makespanEfficiency(double measuredNanos) {
        return makespanNanos > 0 && measuredNanos > 0 ? makespanNanos / measuredNanos : Double.NaN;
    }
}
