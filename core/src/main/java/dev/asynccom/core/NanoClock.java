package dev.asynccom.core;

/**
 * Monotonic time in nanoseconds: the one source of time for latency and timeouts, handed in so
 * tests can drive it. Never wall-clock time.
 */
@FunctionalInterface
public interface NanoClock {
    /** The current time in nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
    long nanoTime();

    /** The JVM's monotonic clock. */
    static NanoClock system() {
        return System::nanoTime;
    }
}
