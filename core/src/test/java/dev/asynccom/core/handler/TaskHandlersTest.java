package dev.asynccom.core.handler;

import dev.asynccom.core.workload.DelayMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskHandlersTest {
    private static final DelayMap MAP = DelayMap.builder(0).build();

    @Test
    void everyNameCreatesAHandlerOfThatName() {
        assertEquals(List.of("sleep", "cpu", "noop"), TaskHandlers.names());
        for (String name : TaskHandlers.names()) {
            assertEquals(name, TaskHandlers.create(name, MAP).name());
        }
        assertInstanceOf(SleepHandler.class, TaskHandlers.create("sleep", MAP));
        assertInstanceOf(CpuHandler.class, TaskHandlers.create("cpu", MAP));
        assertInstanceOf(NoopHandler.class, TaskHandlers.create("noop", MAP));
    }

    @Test
    void unknownNameSaysWhatIsAccepted() {
        var e = assertThrows(IllegalArgumentException.class, () -> TaskHandlers.create("x", MAP));
        assertEquals("unknown handler 'x': expected sleep, cpu or noop", e.getMessage());
    }
}
