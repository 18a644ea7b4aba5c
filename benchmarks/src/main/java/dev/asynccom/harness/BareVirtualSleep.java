package dev.asynccom.harness;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The bare program the {@code virtual-scale} leg measures the loop against: {@code N} virtual threads started
 * with {@link Thread#startVirtualThread}, each sleeping {@code D} with {@link Thread#sleep}, a latch; no sockets,
 * no codec, no result. What is left is what the JDK itself costs: starting, parking, the timer, waking, ending.
 * Run as a process of its own ({@code java -cp benchmarks.jar dev.asynccom.harness.BareVirtualSleep N D_NANOS}),
 * so it is as cold as a fresh server; prints one line, {@link #LINE}, and exits 0.
 *
 * <p>Threads: the main thread starts every virtual thread and waits on the latch.
 */
public final class BareVirtualSleep {
    /** The line it prints: tasks, the time to start them all, the makespan, sleep overshoot p50 and p99, in ns. */
    public static final String LINE = "bare tasks=%d start_ns=%d makespan_ns=%d overshoot_p50_ns=%d "
            + "overshoot_p99_ns=%d";

    private BareVirtualSleep() {
    }

    public static void main(String[] args) throws InterruptedException {
        int tasks = Integer.parseInt(args[0]);
        long delayNanos = Long.parseLong(args[1]);
        long[] overshoot = new long[tasks];
        CountDownLatch done = new CountDownLatch(tasks);
        long start = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            int index = i;
            Thread.startVirtualThread(() -> {
                long slept = System.nanoTime();
                try {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(delayNanos), (int) (delayNanos % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                overshoot[index] = System.nanoTime() - slept - delayNanos;
                done.countDown();
            });
        }
        long started = System.nanoTime() - start;
        done.await();
        long makespan = System.nanoTime() - start;
        Arrays.sort(overshoot);
        System.out.println(String.format(Locale.ROOT, LINE, tasks, started, makespan,
                overshoot[(int) Math.min(tasks - 1, (long) Math.ceil(tasks * 0.50) - 1)],
                overshoot[(int) Math.min(tasks - 1, (long) Math.ceil(tasks * 0.99) - 1)]));
    }
}
