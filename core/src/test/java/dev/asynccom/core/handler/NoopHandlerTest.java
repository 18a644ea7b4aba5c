package dev.asynccom.core.handler;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.workload.DelayMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class NoopHandlerTest {
    private final NoopHandler handler = new NoopHandler(DelayMap.builder(1).put("1.1.1.1", "foo", 4, 1_000_000_000L).build());

    @Test
    void knownCommandAnswersItsResponseWithNothingPlanned() throws InterruptedException {
        assertEquals(TaskOutcome.ok(4, 0), handler.handle(new Task(1, "1.1.1.1", "foo")));
    }

    @Test
    void anEntryAnsweredAgainGivesTheOutcomeItKeptAndEveryEntryItsOwn() throws InterruptedException {
        DelayMap.Builder builder = DelayMap.builder(10_000);
        for (int i = 0; i < 10_000; i++) { // more entries than kept outcomes: slots are shared
            builder.put("10.0." + (i / 256) + "." + (i % 256), "foo", i, 0);
        }
        NoopHandler many = new NoopHandler(builder.build());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10_000; i++) {
                TaskOutcome outcome = many.handle(new Task(i, "10.0." + (i / 256) + "." + (i % 256), "foo"));
                assertEquals(TaskOutcome.ok(i, 0), outcome, "entry " + i);
            }
        }
        TaskOutcome first = handler.handle(new Task(1, "1.1.1.1", "foo"));
        assertSame(first, handler.handle(new Task(2, "1.1.1.1", "foo")));
    }

    @Test
    void unknownCommandStaysUnknown() throws InterruptedException {
        assertSame(TaskOutcome.UNKNOWN, handler.handle(new Task(1, "1.1.1.1", "bar")));
    }

    @Test
    void nameIsNoop() {
        assertEquals("noop", handler.name());
    }
}
