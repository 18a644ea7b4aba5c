package dev.asynccom.core;

import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.workload.CommandList;
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
    void aSliceOfACommandListIsItsTasksNumberedFromTheFirstId() {
        CommandList list = CommandList.of(List.of("10.0.0.1:foo", "10.0.0.2:bar", "10.0.0.3:baz", "10.0.0.4:qux"));
        TaskColumns slice = list.tasks(100, 1, 2);
        assertEquals(List.of(new Task(100, "10.0.0.2", "bar"), new Task(101, "10.0.0.3", "baz")), slice);
        assertEquals(2, slice.size());
        assertEquals(101, slice.id(1));
        assertEquals("10.0.0.3", slice.host(1));
        assertEquals("baz", slice.command(1));
        // The view ends where the slice does, not where the list does.
        assertThrows(IndexOutOfBoundsException.class, () -> slice.host(2));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.command(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.id(2));
        assertThrows(IndexOutOfBoundsException.class, () -> slice.get(2));
        assertSame(slice, new TaskBatch(100, slice).tasks(), "not copied");
        assertThrows(IndexOutOfBoundsException.class, () -> list.tasks(0, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> list.tasks(0, 1, 0));
        assertEquals(Long.MIN_VALUE, list.tasks(Long.MAX_VALUE, 0, 2).id(1), "ids wrap as longs do");
        assertThrows(NullPointerException.class,
                () -> TaskColumns.slice(0, new String[] {"h", null}, new String[] {"c", "c"}, 0, 2));
        assertThrows(IllegalArgumentException.class,
                () -> TaskColumns.slice(0, new String[] {"h"}, new String[] {"c", "c"}, 0, 1));
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
