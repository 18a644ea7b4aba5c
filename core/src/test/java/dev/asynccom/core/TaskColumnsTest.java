package dev.asynccom.core;

import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.workload.DelayMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaskColumnsTest {
    private static TaskColumns columns() {
        return new TaskColumns(new long[] {7, 8}, new String[] {"10.0.0.1", "10.0.0.2"}, new String[] {"foo", "bar"});
    }

    @Test
    void columnsAreTheListOfTheirTasksAndABatchKeepsThemAsTheyAre() {
        TaskColumns columns = columns();
        List<Task> tasks = List.of(new Task(7, "10.0.0.1", "foo"), new Task(8, "10.0.0.2", "bar"));
        assertEquals(tasks, columns);
        assertEquals(tasks.hashCode(), columns.hashCode());
        assertEquals(8, columns.id(1));
        assertEquals("10.0.0.2", columns.host(1));
        assertEquals("bar", columns.command(1));
        TaskBatch batch = new TaskBatch(3, columns);
        assertSame(columns, batch.tasks(), "not copied into Task objects");
        assertSame(columns, batch.from("client").tasks());
        assertEquals(new TaskBatch(3, tasks), batch);
        assertThrows(UnsupportedOperationException.class, () -> columns.add(new Task(9, "h", "c")));
        assertSame(columns, TaskColumns.of(columns));
        assertEquals(tasks, TaskColumns.of(tasks));
        assertEquals("10.0.0.2", TaskColumns.of(tasks).host(1));
    }

    @Test
    void columnsOfDifferentLengthsOrANullStringAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TaskColumns(new long[] {1}, new String[] {"h", "h"}, new String[] {"c"}));
        assertThrows(NullPointerException.class,
                () -> new TaskColumns(new long[] {1}, new String[] {null}, new String[] {"c"}));
        assertThrows(IllegalArgumentException.class, () -> new TaskBatch(1, new TaskColumns(new long[0],
                new String[0], new String[0])), "a batch holds at least one task");
    }

    @Test
    void aHandlerGivenTheFieldsAnswersAsItDoesForTheTask() throws Exception {
        DelayMap map = DelayMap.builder(2).put("10.0.0.1", "foo", 5, 0).put("10.0.0.2", "bar", 6, 0).build();
        SleepHandler sleep = new SleepHandler(map);
        assertEquals(sleep.handle(new Task(1, "10.0.0.2", "bar")), sleep.handle(1, "10.0.0.2", "bar"));
        assertEquals(6, sleep.handle(1, "10.0.0.2", "bar").response());
        assertEquals(TaskOutcome.UNKNOWN, sleep.handle(1, "10.0.0.9", "bar"));
        // A handler of its own, written against handle(Task), gets the Task the fields make.
        List<Task> seen = new ArrayList<>();
        TaskHandler custom = task -> {
            seen.add(task);
            return TaskOutcome.ok(1, 0);
        };
        custom.handle(4, "h", "c");
        assertEquals(List.of(new Task(4, "h", "c")), seen);
    }
}
