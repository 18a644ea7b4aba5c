package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.workload.DelayMap;


/**
 * Emulates each command by burning its delay's worth of CPU instead of sleeping, to show how
 * strategies behave when tasks compete for cores rather than wait. Thread-safe; owns no threads.
 *
 * <p>The work is a xorshift loop whose result is kept, so the JIT cannot remove it. How many
 * iterations make a microsecond is measured once, at construction ({@link #calibrate()}, about
 * {@value #CALIBRATION_MILLIS} ms), or given; a task's planned delay is converted to iterations
 * with that rate, so its real duration drifts when other threads share the core.
 */
public final class CpuHandler extends DelayMapHandler {
    /** How long {@link #calibrate()} measures. */
    public static final int CALIBRATION_MILLIS = 10;

    /** Iterations between interrupt checks: about tens of microseconds of work. */
    private static final int CHUNK = 1 << 14;
    /** Timed runs shorter than this are dominated by timer resolution and are not used. */
    private static final long MIN_TIMED_NANOS = 200_000;

    /** Where results go so the loop stays live; written rarely, so threads do not fight over its cache line. */
    private static volatile long blackHole;

    private final double iterationsPerMicro;

    /** A handler answering from {@code delayMap}, calibrated now on this machine. */
    public CpuHandler(DelayMap delayMap) {
        this(delayMap, calibrate());
    }

    /**
     * A handler answering from {@code delayMap} with a known rate, as measured earlier by
     * {@link #calibrate()} (or any rate, in tests).
     *
     * @param iterationsPerMicro loop iterations per microsecond of planned delay, finite and positive
     */
    public CpuHandler(DelayMap delayMap, double iterationsPerMicro) {
        super(delayMap);
        if (!(iterationsPerMicro > 0 && iterationsPerMicro < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("iterations per microsecond must be positive and finite, got "
                    + iterationsPerMicro);
        }
        this.iterationsPerMicro = iterationsPerMicro;
    }

    /**
     * Measures how many loop iterations this machine runs per microsecond on the calling thread,
     * for about {@value #CALIBRATION_MILLIS} ms. Takes the fastest of several timed runs, so the
     * runs before the JIT compiled the loop, or when the thread was descheduled, do not count.
     */
    public static double calibrate() {
        long iterations = 1 << 10;
        double best = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < CALIBRATION_MILLIS * 1_000_000L || best == 0) {
            long t0 = System.nanoTime();
            long result = mix(iterations, t0);
            long elapsed = System.nanoTime() - t0;
            keep(result);
            if (elapsed < MIN_TIMED_NANOS) {
                iterations *= 2;
            } else {
                best = Math.max(best, iterations * 1_000.0 / elapsed);
            }
        }
        return best;
    }

    @Override
    public String name() {
        return "cpu";
    }

    /** Loop iterations per microsecond of planned delay. */
    public double iterationsPerMicro() {
        return iterationsPerMicro;
    }

    /** Runs the delay's worth of iterations. */
    @Override
    protected void emulate(long taskId, long delayNanos) throws InterruptedException {
        long iterations = Math.round(delayNanos / 1_000.0 * iterationsPerMicro);
        long x = taskId;
        for (long done = 0; done < iterations; done += CHUNK) {
            if (Thread.interrupted()) {
                throw new InterruptedException("cpu work of task " + taskId + " interrupted");
            }
            x = mix(Math.min(CHUNK, iterations - done), x);
        }
        keep(x);
    }

    /** {@code iterations} rounds of xorshift64 from {@code start}: cheap, serial, and not foldable by the JIT. */
    static long mix(long iterations, long start) {
        long x = start | 1;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    private static void keep(long result) {
        // xorshift states are uniform, so this is rare but the JIT cannot prove it never happens.
        if ((result & 0xFFFF) == 0) {
            blackHole = result;
        }
    }
}
