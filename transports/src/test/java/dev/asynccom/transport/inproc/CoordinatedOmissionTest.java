package dev.asynccom.transport.inproc;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In open-loop mode a server stall must show in the corrected latency. With backpressure the client
 * cannot send while the server stalls, so the tasks it meant to send then go out late and look fast
 * when timed from their actual send: only the intended send time reveals the stall.
 */
class CoordinatedOmissionTest {
    private static final long STALL_MILLIS = 300;
    private static final long STALLING_TASK = 500;

    @Test
    void serverStallShowsInCorrectedLatencyAndNotInUncorrected() throws InterruptedException {
        SyntheticWorkload workload = SyntheticWorkload.generate(3_000, DelayProfile.parse("zero"), 11);
        SleepHandler sleep = new SleepHandler(workload.delayMap());
        TaskHandler stallOnce = new TaskHandler() {
            @Override
            public String name() {
                return "stall-once";
            }

            @Override
            public TaskOutcome handle(Task task) throws Exception {
                if (task.id() == STALLING_TASK) {
                    Thread.sleep(STALL_MILLIS);
                }
                return sleep.handle(task);
            }
        };
        // One worker, a short task queue and a small in-flight bound: the stall backs up to the client.
        InProcLink link = new InProcLink(2, 64);
        ServerOptions options = ServerOptions.DEFAULTS.withMaxInFlightTasks(20);
        RunSummary summary;
        try (ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("platform", 1), stallOnce,
                options, System::nanoTime).start()) {
            summary = new ClientEngine(link.newClient(), ClientOptions.DEFAULTS.withBatchSize(10).withRate(5_000))
                    .run(workload.commands());
        }

        assertEquals(3_000, summary.ok());
        long corrected90 = TimeUnit.NANOSECONDS.toMillis(summary.latencies().endToEnd().getValueAtPercentile(90));
        long uncorrected90 = TimeUnit.NANOSECONDS.toMillis(summary.latencies().uncorrected().getValueAtPercentile(90));
        long uncorrectedMax = TimeUnit.NANOSECONDS.toMillis(summary.latencies().uncorrected().getMaxValue());
        // About half the tasks were due during the stall; the earliest of them waited most of it.
        assertTrue(corrected90 >= 100, "corrected p90 " + corrected90 + " ms hides the stall");
        // Only the few tasks already in flight waited; timed from their send, the rest look fast.
        assertTrue(uncorrected90 < 50, "uncorrected p90 " + uncorrected90 + " ms");
        assertTrue(uncorrectedMax >= STALL_MILLIS / 2, "the stalled task itself took " + uncorrectedMax + " ms");
    }
}
