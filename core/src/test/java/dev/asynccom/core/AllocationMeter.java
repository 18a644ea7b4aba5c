package dev.asynccom.core;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A bound on the heap bytes one call may allocate on the calling thread, by the size of its input: what a fuzz
 * test asserts so that no input can make a parser allocate more than its bytes account for (sizes, never timing).
 * HotSpot counts a thread's allocation exactly, its current TLAB included.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final long perInputByte;
    private final long fixed;

    /**
     * A bound of {@code perInputByte} bytes for each byte of input plus {@code fixed}: a parser that sizes
     * anything by a declared length or count before checking it against the bytes present exceeds it even on
     * a small input.
     */
    public AllocationMeter(long perInputByte, long fixed) {
        this.perInputByte = perInputByte;
        this.fixed = fixed;
    }

    /**
     * Runs {@code call} and returns what it returns; fails when it allocated more than the bound for
     * {@code inputBytes}. A call over the bound runs once more and only that run counts: the first use of a class
     * loads it on the calling thread (and Jazzer instruments it there), which costs megabytes no input caused.
     */
    public <T> T call(String what, long inputBytes, Supplier<T> call) {
        long bound = perInputByte * inputBytes + fixed;
        for (int run = 1; ; run++) {
            long start = THREADS.getCurrentThreadAllocatedBytes();
            T value = call.get();
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - start;
            if (allocated <= bound) {
                return value;
            }
            if (run == 2) {
                return fail(what + " allocated " + allocated + " bytes for " + inputBytes + " bytes of input, over the "
                        + "bound of " + bound + " (" + perInputByte + " per input byte + " + fixed + ")");
            }
        }
    }
}
