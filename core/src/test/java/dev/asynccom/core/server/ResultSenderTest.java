package dev.asynccom.core.server;

import dev.asynccom.core.ManualClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ScriptedServerTransport;
import dev.asynccom.core.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result sender driven step by step on the test's thread, with a manual clock: no sleeping. */
class ResultSenderTest {
    private static final long MS = 1_000_000;

    private final ManualClock clock = new ManualClock();
    private final ScriptedServerTransport transport = new ScriptedServerTransport();

    private ResultSender sender(int maxPerMessage, Duration flushDelay, Duration sendTimeout) {
        ServerOptions options = new ServerOptions(1000, maxPerMessage, flushDelay, sendTimeout, Duration.ofSeconds(1));
        return new ResultSender(transport, options, clock);
    }

    private static Result ok(long id) {
        return new Result(id, Status.OK, 1, 0, 0, 0);
    }

    /** Delivers {@code r} as a worker does, by its fields. */
    private static void deliver(ResultSender sender, Object client, Result r) {
        sender.deliver(client, r.taskId(), r.status(), r.response(), r.queueWaitNanos(), r.serviceNanos(),
                r.plannedNanos());
    }

    /** Runs the sender until it has nothing more to do right now. */
    private static void settle(ResultSender sender) {
        for (int i = 0; i < 10_000 && sender.doWork() > 0; i++) {
            // keep going
        }
    }

    @Test
    void resultsForOneClientShareMessagesUpToTheLimit() {
        ResultSender sender = sender(4, Duration.ZERO, Duration.ofSeconds(5));
        for (long id = 0; id < 10; id++) {
            deliver(sender, "a", ok(id));
        }
        settle(sender);
        assertEquals(List.of(4, 4, 2), transport.sent().stream().map(ResultBatch::size).toList());
        // The client's merge list is reused from one message to the next: each message keeps its own results.
        assertEquals(List.of(List.of(0L, 1L, 2L, 3L), List.of(4L, 5L, 6L, 7L), List.of(8L, 9L)), transport.sent().stream()
                .map(message -> message.results().stream().map(Result::taskId).toList()).toList());
        assertEquals(10, sender.resultsSent());
        assertEquals(3, sender.messagesSent());
        assertTrue(sender.isIdle());
    }

    @Test
    void resultsForDifferentClientsNeverShareAMessage() {
        ResultSender sender = sender(256, Duration.ZERO, Duration.ofSeconds(5));
        deliver(sender, "a", ok(1));
        deliver(sender, "b", ok(2));
        deliver(sender, "a", ok(3));
        settle(sender);
        for (ResultBatch message : transport.sent()) {
            Object client = message.client();
            assertTrue(message.results().stream().allMatch(r -> (r.taskId() == 2) == client.equals("b")), String.valueOf(client));
        }
        assertEquals(3, transport.resultsSent());
    }

    @Test
    void aLoneResultWaitsForCompanyNoLongerThanTheFlushDelay() {
        ResultSender sender = sender(256, Duration.ofMillis(2), Duration.ofSeconds(5));
        deliver(sender, "a", ok(1));
        settle(sender);
        assertEquals(0, transport.resultsSent(), "sent before the flush delay passed");
        clock.advance(2 * MS - 1);
        settle(sender);
        assertEquals(0, transport.resultsSent(), "sent a nanosecond early");
        deliver(sender, "a", ok(2));
        clock.advance(1);
        settle(sender);
        assertEquals(List.of(2), transport.sent().stream().map(ResultBatch::size).toList());
    }

    @Test
    void aClientThatRefusesHoldsUpNobodyElseAndGetsItsResultsInOrderOnceItAccepts() {
        ResultSender sender = sender(1, Duration.ZERO, Duration.ofSeconds(5));
        transport.refuse("slow", true);
        deliver(sender, "slow", ok(1));
        deliver(sender, "slow", ok(2));
        deliver(sender, "fast", ok(3));
        settle(sender);
        assertEquals(List.of(3L), transport.sent().stream().map(m -> m.results().getFirst().taskId()).toList());
        assertFalse(sender.isIdle(), "the refused results are forgotten");

        transport.refuse("slow", false);
        clock.advance(MS); // past the backlog's retry interval
        sender.doWork();
        assertEquals(List.of(3L, 1L, 2L), transport.sent().stream().map(m -> m.results().getFirst().taskId()).toList());
        assertTrue(sender.isIdle());
        assertEquals(0, sender.resultsDropped());
    }

    @Test
    void aBacklogIsDroppedAndCountedOnlyAfterTheClientAcceptedNothingForTheSendTimeout() {
        ResultSender sender = sender(1, Duration.ZERO, Duration.ofSeconds(5));
        transport.refuse("gone", true);
        deliver(sender, "gone", ok(1));
        deliver(sender, "gone", ok(2));
        settle(sender);
        clock.advance(5_000 * MS - MS);
        sender.doWork();
        assertEquals(0, sender.resultsDropped(), "dropped before the send timeout");
        assertFalse(sender.isIdle());
        clock.advance(MS); // the send timeout, and past the retry interval
        sender.doWork();
        assertEquals(2, sender.resultsDropped());
        assertTrue(sender.isIdle());
        assertEquals(0, transport.resultsSent());
    }

    @Test
    void aWholeBatchTravelsAsOneMessageOfItsOwn() {
        ResultSender sender = sender(2, Duration.ofSeconds(1), Duration.ofSeconds(5));
        sender.deliverWhole("a", List.of(ok(1), ok(2), ok(3)));
        sender.doWork();
        assertEquals(List.of(3), transport.sent().stream().map(ResultBatch::size).toList());
    }

    @Test
    void resultsThatOverflowTheOutboxArriveWholeBesideTheOnesInTheRing() {
        ServerOptions options = new ServerOptions(1000, 256, Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1));
        ResultSender sender = new ResultSender(transport, options, clock, 2);
        List<Result> sent = new ArrayList<>();
        for (int id = 1; id <= 5; id++) {
            Result r = new Result(id, id % 2 == 0 ? Status.FAILED : Status.OK, 10 + id, 100 + id, 1000 + id, 50 + id);
            sent.add(r);
            deliver(sender, "a", r); // nothing taken yet: the ring holds 2, the other 3 overflow as Results
        }
        settle(sender);
        List<Result> arrived = transport.sent().stream().flatMap(m -> m.results().stream())
                .sorted(Comparator.comparingLong(Result::taskId)).toList();
        assertEquals(sent, arrived, "every field of every result, once");
    }

    @Test
    void aRefusedMergedMessageIsKeptAsACopyWhileItsBufferIsFilledAgain() {
        ResultSender sender = sender(3, Duration.ZERO, Duration.ofSeconds(5));
        transport.refuse("slow", true);
        for (int id = 1; id <= 6; id++) {
            deliver(sender, "slow", ok(id)); // two full messages of 3 through the same merge buffer, both refused
        }
        settle(sender);
        assertEquals(0, transport.resultsSent());
        transport.refuse("slow", false);
        clock.advance(MS);
        sender.doWork();
        assertEquals(List.of(List.of(1L, 2L, 3L), List.of(4L, 5L, 6L)), transport.sent().stream()
                .map(m -> m.results().stream().map(Result::taskId).toList()).toList());
    }
}
