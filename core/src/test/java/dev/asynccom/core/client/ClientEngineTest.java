package dev.asynccom.core.client;

import dev.asynccom.core.ManualClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ScriptedClientTransport;
import dev.asynccom.core.Status;
import dev.asynccom.core.workload.CommandList;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's timing logic under a manual clock: the open-loop schedule and the idle timeout are
 * checked by moving the clock, never by sleeping for them.
 */
class ClientEngineTest {
    private static final long MS = 1_000_000;
    private static final CommandList COMMANDS = CommandList.of(List.of("10.0.0.1:a", "10.0.0.2:b", "10.0.0.3:c"));

    private final ManualClock clock = new ManualClock();

    /** Waits (in real time, bounded) for something the engine's threads do in response to the test. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    private static CompletableFuture<RunSummary> runInBackground(ClientEngine client) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.run(COMMANDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, command -> Thread.ofPlatform().name("test-client").daemon(true).start(command));
    }

    @Test
    void openLoopSendsEachBatchAtItsIntendedTimeNeverEarly() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, true);
        // 1 task a batch at 1,000 tasks/s: batch b is due 1 ms after batch b-1.
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withRate(1000).withRepeat(2)
                .withTimeout(Duration.ofSeconds(30));
        ClientEngine client = new ClientEngine(transport, options, clock);
        long start = clock.nanoTime();
        CompletableFuture<RunSummary> run = runInBackground(client);
        for (int b = 0; b < 6; b++) {
            int expected = b + 1;
            await("batch " + b, () -> transport.sent().size() >= expected);
            assertEquals(expected, transport.sent().size(), "a batch went out before its time");
            assertEquals(start + b * MS, transport.sent().get(b).atNanos(), "batch " + b);
            clock.advance(MS);
        }
        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(6, summary.ok());
        assertEquals(0, summary.missing());
    }

    @Test
    void theIntendedSendTimeCountsAStalledSendAgainstLatency() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withRate(1000).withTimeout(Duration.ofSeconds(30));
        ClientEngine client = new ClientEngine(transport, options, clock);
        CompletableFuture<RunSummary> run = runInBackground(client);
        await("first batch", () -> transport.sent().size() == 1);
        transport.answer(new Result(transport.sent().getFirst().batch().tasks().getFirst().id(), Status.OK, 1, 0, 0, 0));
        await("the first answer", () -> client.answeredSoFar() == 1);
        // The clock jumps 50 ms: batches 1 and 2 (due at 1 and 2 ms) go out late, at 50 ms, answered at once.
        clock.advance(50 * MS);
        await("every batch", () -> transport.sent().size() == 3);
        for (ScriptedClientTransport.Sent sent : transport.sent().subList(1, 3)) {
            assertEquals(clock.nanoTime(), sent.atNanos());
            transport.answer(new Result(sent.batch().tasks().getFirst().id(), Status.OK, 1, 0, 0, 0));
        }
        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        Latencies latencies = summary.latencies();
        // Corrected: from the intended times 1 and 2 ms to 50 ms. Uncorrected: sent to received, nothing.
        assertEquals(3, latencies.endToEnd().getTotalCount());
        assertEquals(49 * MS, latencies.endToEnd().getMaxValue(), 49 * MS / 1000.0);
        assertEquals(48 * MS, latencies.endToEnd().getValueAtPercentile(50), 48 * MS / 1000.0);
        assertTrue(latencies.uncorrected().getMaxValue() < MS, "uncorrected " + latencies.uncorrected().getMaxValue());
    }

    @Test
    void missingMeansSilentForTheWholeTimeoutAndEachResultRestartsIt() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withTimeout(Duration.ofSeconds(10));
        ClientEngine client = new ClientEngine(transport, options, clock);
        CompletableFuture<RunSummary> run = runInBackground(client);
        await("every batch", () -> transport.sent().size() == 3);
        long firstId = transport.sent().getFirst().batch().tasks().getFirst().id();

        clock.advance(5_000 * MS);
        transport.answer(new Result(firstId, Status.OK, 1, 0, 0, 0));
        await("the answer", () -> client.answeredSoFar() == 1);
        clock.advance(10_000 * MS - 1); // one nanosecond short of 10 s after the answer
        long seen = transport.receives();
        await("the receiver to look again", () -> transport.receives() >= seen + 2);
        assertFalse(run.isDone(), "gave up before the timeout passed with no result");

        clock.advance(1);
        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(1, summary.ok());
        assertEquals(2, summary.missing());
        assertArrayEquals(new long[] {firstId + 1, firstId + 2}, summary.missingIds());
        assertEquals(15_000 * MS, summary.makespanNanos());
    }
}
