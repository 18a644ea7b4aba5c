package dev.asynccom.harness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoolDiagnosticsTest {
    @Test
    void theStrategysOwnThreadsAtTheirMostAreCountedAndVirtualThreadsCrashNothing() throws Exception {
        PoolDiagnostics diagnostics = PoolDiagnostics.start("probe");
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> own = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            own.add(Thread.ofPlatform().name("asynccom-probe-" + i).start(() -> await(release)));
        }
        // Many virtual threads alive while the sampler runs (ThreadMXBean.getThreadInfo crashed JDK 25 here).
        List<Thread> virtual = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            virtual.add(Thread.startVirtualThread(() -> await(release)));
        }
        Thread.sleep(5 * PoolDiagnostics.SAMPLE_MILLIS);
        release.countDown();
        for (Thread t : own) {
            t.join();
        }
        for (Thread t : virtual) {
            t.join();
        }
        Map<String, String> seen = diagnostics.stop();
        assertEquals("3", seen.get("strategy.threads.peak"), seen.toString());
        assertTrue(Long.parseLong(seen.get("platform.threads.peak")) >= 4, seen.toString());
        assertEquals("0", seen.get("virtual.submit.failed"), seen.toString());
        if (Runtime.version().feature() >= 24) {
            assertTrue(Long.parseLong(seen.get("virtual.scheduler.parallelism")) >= 1, seen.toString());
            assertTrue(Long.parseLong(seen.get("virtual.scheduler.pool.peak")) >= 1, seen.toString());
        } else {
            assertEquals(PoolDiagnostics.UNAVAILABLE, seen.get("virtual.scheduler.parallelism"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
