package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PythonBatchLedgerTest {
    private final PythonJsonCodec codec = new PythonJsonCodec();
    private final PythonBatchLedger ledger = new PythonBatchLedger();

    private static TaskBatch batch(long... ids) {
        return new TaskBatch(ids[0], null, java.util.Arrays.stream(ids).mapToObj(id -> new Task(id, "h", "c")).toList());
    }

    private ResultBatch answer(String json) throws MalformedFrameException {
        return ledger.attribute(codec.decodeResults(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachAnswerGoesToTheOldestUnansweredBatchWithTheSumOnItsFirstTask() throws MalformedFrameException {
        ledger.sent(batch(10, 11, 12));
        ledger.sent(batch(20, 21));
        assertEquals(List.of(Result.untimed(10, Status.OK, 5), Result.untimed(11, Status.OK, 0),
                Result.untimed(12, Status.OK, 0)), answer("[2, 5]").results());
        assertEquals(List.of(Result.untimed(20, Status.OK, 2), Result.untimed(21, Status.OK, 0)),
                answer("[2, 2]").results());
        assertNull(answer("[2, 1]"), "an answer with no batch left to attribute it to");
    }

    @Test
    void unsentBatchIsForgotten() throws MalformedFrameException {
        ledger.sent(batch(1));
        long[] failed = ledger.sent(batch(2));
        ledger.sent(batch(3));
        ledger.unsent(failed);
        assertEquals(1, answer("[2, 1]").results().get(0).taskId());
        assertEquals(3, answer("[2, 1]").results().get(0).taskId());
    }

    @Test
    void jobCompleteRejectsEveryUnansweredTaskAndAbortIsIgnored() throws MalformedFrameException {
        ledger.sent(batch(1, 2));
        ledger.sent(batch(3));
        assertEquals(List.of(), answer("[3]").results());
        assertEquals(List.of(Result.untimed(1, Status.REJECTED, 0), Result.untimed(2, Status.REJECTED, 0),
                Result.untimed(3, Status.REJECTED, 0)), answer("[4]").results());
        assertNull(answer("[2, 1]"));
    }
}
