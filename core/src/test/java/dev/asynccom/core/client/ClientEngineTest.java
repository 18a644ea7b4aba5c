package dev.asynccom.core.client;

import dev.asynccom.core.ManualClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ScriptedClientTransport;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.workload.CommandList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    /** A run of {@code commands} with {@code options}, telling {@code listener}. */
    private static CompletableFuture<RunSummary> runInBackground(ClientEngine client, CommandList commands,
                                                                 ClientOptions options, RunListener listener) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.run(commands, options, listener);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, command -> Thread.ofPlatform().name("test-client").daemon(true).start(command));
    }

    private static Result ok(ScriptedClientTransport.Sent sent, int task) {
        return new Result(sent.batch().tasks().get(task).id(), Status.OK, 1, 0, 0, 0);
    }

    /** Waits until the receiver has come round twice more: whatever the clock now says, it has seen. */
    private static void awaitReceiverLooked(ScriptedClientTransport transport) throws InterruptedException {
        long seen = transport.receives();
        await("the receiver to look again", () -> transport.receives() >= seen + 2);
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
        assertEquals(RunEnd.SILENT, summary.end());
        assertEquals(3, transport.sent().size(), "without a retry-after nothing is sent again");
        assertEquals(0, summary.resent());
    }

    @Test
    @Timeout(30)
    void resendAfterRetryAfterRecoversADroppedBatch() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withResend(Duration.ofSeconds(1), 2);
        ClientEngine client = new ClientEngine(transport, options, clock);
        long start = clock.nanoTime();
        CompletableFuture<RunSummary> run = runInBackground(client);
        // The engine's count, not the transport's: it moves once the sender has noted when it sent.
        await("every batch", () -> client.sentSoFar() == 3);
        List<ScriptedClientTransport.Sent> first = transport.sent();
        // The server answers batches 0 and 2; batch 1 is lost on the way.
        transport.answer(ok(first.get(0), 0), ok(first.get(2), 0));
        await("two answers", () -> client.answeredSoFar() == 2);

        clock.advance(1_000 * MS - 1);
        awaitReceiverLooked(transport);
        assertEquals(3, transport.sent().size(), "resent before the retry-after passed");
        clock.advance(1);
        await("the resend", () -> transport.sent().size() == 4);
        ScriptedClientTransport.Sent again = transport.sent().get(3);
        assertEquals(first.get(1).batch(), again.batch(), "the same batch id and tasks");
        assertEquals(start + 1_000 * MS, again.atNanos());
        clock.advance(5 * MS);
        transport.answer(ok(again, 0));

        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(3, summary.ok());
        assertEquals(0, summary.missing());
        assertEquals(1, summary.resent());
        assertEquals(0, summary.resendDuplicates());
        assertEquals(RunEnd.ANSWERED, summary.end());
        assertTrue(summary.allOk());
        // Counted from the first send, not the resend: 1,005 ms, not 5 ms.
        assertEquals(1_005 * MS, summary.latencies().endToEnd().getMaxValue(), 1_005 * MS / 1000.0);
        assertEquals(1_005 * MS, summary.latencies().uncorrected().getMaxValue(), 1_005 * MS / 1000.0);
    }

    @Test
    @Timeout(30)
    void aSecondResultOfAResentTaskIsAResendDuplicateNotAnError() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        // One batch of all three tasks: it is resent whole, the task already answered too.
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(3).withResend(Duration.ofSeconds(1), 1);
        ClientEngine client = new ClientEngine(transport, options, clock);
        CompletableFuture<RunSummary> run = runInBackground(client);
        await("the batch", () -> client.sentSoFar() == 3);
        ScriptedClientTransport.Sent original = transport.sent().getFirst();
        transport.answer(ok(original, 0));
        await("the first answer", () -> client.answeredSoFar() == 1);
        clock.advance(1_000 * MS);
        await("the resend", () -> transport.sent().size() == 2);
        ScriptedClientTransport.Sent again = transport.sent().get(1);
        assertEquals(original.batch(), again.batch());

        // The resend answers all three; the original's late answer of task 1 comes too.
        transport.answer(ok(again, 0), ok(again, 1), ok(original, 1), ok(again, 2));

        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(3, summary.ok());
        assertEquals(3, summary.resent(), "every task of the batch went out again");
        assertEquals(2, summary.resendDuplicates());
        assertEquals(0, summary.duplicates());
        assertEquals(0, summary.missing());
        assertTrue(summary.allOk(), "both sends answered is no error");
    }

    @Test
    @Timeout(30)
    void aDuplicateOfATaskNeverResentOrAnsweredMoreOftenThanSentStaysAPlainDuplicate() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withResend(Duration.ofSeconds(1), 1);
        ClientEngine client = new ClientEngine(transport, options, clock);
        CompletableFuture<RunSummary> run = runInBackground(client);
        await("every batch", () -> client.sentSoFar() == 3);
        List<ScriptedClientTransport.Sent> first = transport.sent();
        transport.answer(ok(first.get(0), 0), ok(first.get(0), 0), ok(first.get(2), 0));
        await("two answers", () -> client.answeredSoFar() == 2);
        clock.advance(1_000 * MS);
        await("the resend of batch 1", () -> transport.sent().size() == 4);

        // Task 1, sent twice, answered three times: one resend duplicate, one plain duplicate.
        transport.answer(ok(first.get(1), 0), ok(first.get(1), 0), ok(first.get(1), 0));

        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(3, summary.ok());
        assertEquals(1, summary.resent());
        assertEquals(1, summary.resendDuplicates());
        assertEquals(2, summary.duplicates(), "task 0, never resent, and task 1's third answer");
        assertFalse(summary.allOk());
    }

    @Test
    @Timeout(30)
    void resendsAreBoundedByRetriesThenTheTaskIsMissing() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withTimeout(Duration.ofSeconds(10))
                .withResend(Duration.ofSeconds(1), 2);
        ClientEngine client = new ClientEngine(transport, options, clock);
        CompletableFuture<RunSummary> run = runInBackground(client);
        await("every batch", () -> client.sentSoFar() == 3);
        List<ScriptedClientTransport.Sent> first = transport.sent();
        long lostId = first.get(1).batch().tasks().getFirst().id();
        transport.answer(ok(first.get(0), 0), ok(first.get(2), 0));
        await("two answers", () -> client.answeredSoFar() == 2);

        // Each wait is for the engine's count, which moves once the sender has noted when it resent.
        clock.advance(1_000 * MS);
        await("the first resend", () -> client.resentSoFar() == 1);
        clock.advance(1_000 * MS);
        await("the second resend", () -> client.resentSoFar() == 2);
        clock.advance(1_000 * MS);
        awaitReceiverLooked(transport);
        assertEquals(5, transport.sent().size(), "a third resend with --retries 2");
        assertFalse(run.isDone(), "ended before the timeout passed after the last resend");

        // Silent for the timeout since the last resend (at 2 s): missing at 12 s.
        clock.advance(9_000 * MS);
        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(5, transport.sent().size());
        assertEquals(2, summary.resent());
        assertEquals(1, summary.missing());
        assertArrayEquals(new long[] {lostId}, summary.missingIds());
        assertEquals(RunEnd.SILENT, summary.end());
        assertEquals(12_000 * MS, summary.makespanNanos());
    }

    @Test
    @Timeout(30)
    void batchesGoOutInListOrderAcrossRepeatsWhetherOrNotTheyWrapTheListsEnd() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, true);
        // 3 commands sent 3 times in batches of 2: batches inside one pass are views of the list, the
        // batch holding c then a (across a repeat) is copied; both must read the same.
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(2).withRepeat(3);
        RunSummary summary = runInBackground(new ClientEngine(transport, options, clock), COMMANDS, options,
                (sent, total, blockedFor) -> { }).get(10, TimeUnit.SECONDS);
        assertEquals(9, summary.ok());
        List<Task> tasks = transport.sent().stream().flatMap(sent -> sent.batch().tasks().stream()).toList();
        long first = tasks.getFirst().id();
        for (int i = 0; i < 9; i++) {
            Task expected = COMMANDS.task(first + i, i % 3);
            assertEquals(expected, tasks.get(i), "task " + i);
        }
        assertEquals(List.of(2, 2, 2, 2, 1), transport.sent().stream().map(sent -> sent.batch().size()).toList());
    }

    @Test
    @Timeout(30)
    void deadlineEndsARunWhoseServerAnswersSlowlyForever() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withRepeat(10)
                .withTimeout(Duration.ofSeconds(10)).withDeadline(Duration.ofSeconds(5));
        ClientEngine client = new ClientEngine(transport, options, clock);
        CompletableFuture<RunSummary> run = runInBackground(client);
        await("every batch", () -> transport.sent().size() == 30);
        // One answer a second: the idle timeout (10 s) never passes.
        for (int k = 0; k < 4; k++) {
            clock.advance(1_000 * MS);
            transport.answer(ok(transport.sent().get(k), 0));
            int answered = k + 1;
            await("answer " + answered, () -> client.answeredSoFar() == answered);
            assertFalse(run.isDone(), "ended before the deadline");
        }
        clock.advance(1_000 * MS);

        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(RunEnd.DEADLINE, summary.end());
        assertEquals(4, summary.ok());
        assertEquals(26, summary.missing());
        assertEquals(30, summary.sent());
        assertEquals(5_000 * MS, summary.makespanNanos());
    }

    @Test
    @Timeout(30)
    void aSendBlockedForTheTimeoutStopsSendingAndTellsTheListenerAtOnce() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, true);
        transport.refuseSendsAfter(2);
        ClientOptions options = ClientOptions.DEFAULTS.withBatchSize(1).withTimeout(Duration.ofSeconds(10));
        ClientEngine client = new ClientEngine(transport, options, clock);
        AtomicReference<String> told = new AtomicReference<>();
        CompletableFuture<RunSummary> run = runInBackground(client, COMMANDS, options,
                (sent, total, blockedFor) -> told.set(sent + "/" + total + " after " + blockedFor));
        await("the sender blocked on batch 2", () -> transport.refusedSends() >= 2);
        clock.advance(10_000 * MS - 1);
        long refused = transport.refusedSends();
        await("more refused sends", () -> transport.refusedSends() >= refused + 2);
        assertNull(told.get(), "gave up before the timeout");

        clock.advance(1);
        await("the listener", () -> told.get() != null);
        assertEquals("2/3 after PT10S", told.get());
        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertTrue(summary.sendingStopped());
        assertEquals(2, summary.sent());
        assertEquals(1, summary.notSent());
        assertEquals(1, summary.missing());
        assertEquals(2, summary.ok());
        assertArrayEquals(new long[] {transport.sent().getFirst().batch().batchId() + 2}, summary.missingIds());
    }

    @Test
    @Timeout(30)
    void stopEndsTheRunUnderWayAndLaterRunsAtOnce() throws Exception {
        ScriptedClientTransport transport = new ScriptedClientTransport(clock, false);
        ClientEngine client = new ClientEngine(transport, ClientOptions.DEFAULTS.withBatchSize(1), clock);
        CompletableFuture<RunSummary> run = runInBackground(client);
        await("every batch", () -> transport.sent().size() == 3);
        transport.answer(ok(transport.sent().getFirst(), 0));
        await("the answer", () -> client.answeredSoFar() == 1);

        client.stop();
        RunSummary summary = run.get(10, TimeUnit.SECONDS);
        assertEquals(RunEnd.STOPPED, summary.end());
        assertEquals(1, summary.ok());
        assertEquals(2, summary.missing());

        RunSummary later = client.run(COMMANDS);
        assertEquals(RunEnd.STOPPED, later.end());
        assertEquals(3, later.missing());
        assertEquals(3, transport.sent().size(), "a stopped client sends nothing more");
    }
}
