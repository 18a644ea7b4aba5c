package dev.asynccom.transport.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.asynccom.core.AllocationMeter;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seed codec's decoders on any bytes (Jazzer; {@code README.md}, "Fuzzing"): a frame decodes to what
 * docs/WIRE.md says a server or client makes of it, which encodes and decodes back to the same tasks or sum, or
 * is rejected with {@link MalformedFrameException}; never another exception, never more tasks than its bytes
 * hold, never more allocation than its size accounts for.
 */
class PythonJsonCodecFuzzTest {
    /** The shortest task frame, {@code [1,"",["a:b"]]}, is 14 bytes; each further task adds at least 6 ({@code ,"a:b"}). */
    private static final int SMALLEST_TASK_BYTES = 6;
    private static final int TASK_FRAME_OVERHEAD = 8;
    private static final AllocationMeter METER = new AllocationMeter(64, 64 << 10);
    private static final PythonJsonCodec CODEC = new PythonJsonCodec();

    @FuzzTest
    void taskFramesDecodeToTasksThatRoundTripOrAreRejected(byte[] frame) {
        Object decoded = METER.call("decodeTasks", frame.length, () -> {
            try {
                return CODEC.decodeTasks(frame);
            } catch (MalformedFrameException rejected) {
                return rejected;
            }
        });
        if (decoded instanceof MalformedFrameException) {
            return;
        }
        if (decoded == null) {
            assertControlFrame(frame);
            return;
        }
        TaskBatch batch = (TaskBatch) decoded;
        List<Task> tasks = batch.tasks();
        assertTrue((long) tasks.size() * SMALLEST_TASK_BYTES + TASK_FRAME_OVERHEAD <= frame.length,
                tasks.size() + " tasks decoded from " + frame.length + " bytes");
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            assertEquals(i, task.id(), "ids are positions in the batch");
            assertTrue(!task.host().isEmpty() && !task.command().isEmpty() && task.command().indexOf(':') < 0,
                    "an <ip>:<cmd> split at the last colon: " + task);
            assertTrue(Utf8.length(task.host()) <= WireCodec.MAX_STRING_BYTES
                    && Utf8.length(task.command()) <= WireCodec.MAX_STRING_BYTES, "within the string limit: " + task);
        }
        assertEquals(tasks, decodeTasks(CODEC.encodeTasks(batch)).tasks(), "the decoded tasks encoded again");
        // A server with remote workers forwards a seed client's tasks in the binary format.
        assertNotNull(WorkerFrames.tasks(tasks));
    }

    @FuzzTest
    void answerFramesDecodeToOneSumThatRoundTripsOrAreRejected(byte[] frame) {
        ResultBatch answer = METER.call("decodeResults", frame.length, () -> decodeResults(frame));
        if (answer == null) {
            return;
        }
        switch (answer.size()) {
            case 0 -> assertControlFrame(frame); // JOB_ABORT
            case 1 -> {
                Result result = answer.results().getFirst();
                assertEquals(PythonJsonCodec.UNATTRIBUTED, result.taskId());
                if (result.status() == Status.OK) {
                    assertEquals(answer, decodeResults(CODEC.encodeResults(answer)), "the sum encoded again");
                } else {
                    assertEquals(Status.REJECTED, result.status(), "only JOB_COMPLETE is not a sum");
                    assertControlFrame(frame);
                }
            }
            default -> fail(answer.size() + " results from one seed answer");
        }
    }

    /** A frame decoded as control: a JSON array that starts with JOB_ABORT or JOB_COMPLETE. */
    private static void assertControlFrame(byte[] frame) {
        Object kind = null;
        try {
            if (StrictJsonReader.parse(frame) instanceof List<?> message && !message.isEmpty()) {
                kind = message.getFirst();
            }
        } catch (MalformedFrameException e) {
            fail("a frame decoded as control is not JSON: " + e.getMessage());
        }
        assertTrue(Long.valueOf(PythonJsonCodec.JOB_ABORT).equals(kind)
                || Long.valueOf(PythonJsonCodec.JOB_COMPLETE).equals(kind), "control frame of kind " + kind);
    }

    /** The batch, or null when the frame is rejected or carries no tasks. */
    private static TaskBatch decodeTasks(byte[] frame) {
        try {
            return CODEC.decodeTasks(frame);
        } catch (MalformedFrameException rejected) {
            return null;
        }
    }

    private static ResultBatch decodeResults(byte[] frame) {
        try {
            return CODEC.decodeResults(frame);
        } catch (MalformedFrameException rejected) {
            return null;
        }
    }
}
