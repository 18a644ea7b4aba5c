package dev.asynccom.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResultColumnsTest {
    private static final List<Result> RESULTS = List.of(new Result(1, Status.OK, 5, 10, 20, 30),
            new Result(2, Status.UNKNOWN_COMMAND, 0, 11, 0, 0), new Result(3, Status.REJECTED, 0, 12, 0, 0),
            Result.untimed(4, Status.FAILED, 0));

    @Test
    void resultsComeBackFieldForFieldAsTheyWentInThroughGrowthAndReuse() {
        ResultColumns columns = new ResultColumns(1); // grows twice on the way to four
        RESULTS.forEach(columns::add);
        assertEquals(4, columns.size());
        assertEquals(RESULTS, columns.toBatch(null).results());
        assertEquals(Status.REJECTED, columns.status(2));
        assertEquals(30, columns.plannedNanos(0));
        List<Result> seen = new ArrayList<>();
        assertEquals(4, columns.acceptAll(ResultSink.into(seen)));
        assertEquals(RESULTS, seen);

        columns.clear();
        assertEquals(0, columns.size());
        assertThrows(IndexOutOfBoundsException.class, () -> columns.taskId(0), "a cleared row is gone");
        columns.add(RESULTS.get(3));
        assertEquals(List.of(RESULTS.get(3)), columns.toBatch(null).results());
    }

    @Test
    void addAllAppendsAnotherBuffersRowsAndToBatchNamesTheClient() {
        ResultColumns first = new ResultColumns(2);
        first.add(RESULTS.get(0));
        ResultColumns rest = new ResultColumns(8);
        RESULTS.subList(1, 4).forEach(rest::add);
        first.addAll(rest);
        Object client = "client-7";
        ResultBatch batch = first.toBatch(client);
        assertSame(client, batch.client());
        assertEquals(RESULTS, batch.results());
        assertNull(new ResultColumns(1).toBatch(null).client());
    }
}
