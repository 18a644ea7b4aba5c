package dev.asynccom.transport.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.asynccom.core.AllocationMeter;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.WorkerMessage;
import dev.asynccom.core.WorkerMessage.Control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker protocol's decoders, on both ends of a link, on any bytes (Jazzer; {@code README.md}, "Fuzzing"):
 * a frame decodes to a message that {@link WorkerFrames} encodes back to the same bytes, or is rejected with
 * {@link MalformedFrameException}; never another exception, never more allocation than its size accounts for.
 */
class WorkerFramesFuzzTest {
    private static final String WORKER = "w";
    private static final AllocationMeter METER = new AllocationMeter(64, 64 << 10);
    private static final BinaryCodec BINARY = new BinaryCodec();

    @FuzzTest
    void framesFromAWorkerDecodeToWhatEncodesToTheSameBytesOrAreRejected(byte[] frame) {
        WorkerMessage message = METER.call("decodeFromWorker", frame.length, () -> fromWorker(frame));
        if (message == null) {
            return;
        }
        assertEquals(WORKER, message.worker());
        byte[] encoded = switch (message) {
            case WorkerMessage.Results results -> WorkerFrames.results(results.results());
            case WorkerMessage.Ready ready -> {
                assertTrue(ready.credit() >= 0, "credit " + ready.credit());
                yield WorkerFrames.ready(ready.credit(), ready.label());
            }
            case WorkerMessage.Signal signal -> {
                assertNotEquals(Control.DISCONNECT, signal.control(), "only a server disconnects");
                yield WorkerFrames.control(signal.control());
            }
        };
        assertArrayEquals(frame, encoded, "the decoded " + message.getClass().getSimpleName() + " encoded again");
    }

    @FuzzTest
    void framesFromTheServerDecodeToWhatEncodesToTheSameBytesOrAreRejected(byte[] frame) {
        Control[] control = new Control[1];
        TaskBatch tasks = METER.call("decodeFromServer", frame.length, () -> fromServer(frame, control));
        if (tasks != null) {
            assertNull(control[0], "tasks and a control at once");
            // The binary codec's canonical form, of which what our server sends (batch id 0) is one case.
            assertArrayEquals(frame, BINARY.encodeTasks(tasks), "the decoded tasks encoded again");
            assertEquals(tasks.tasks(), fromServer(WorkerFrames.tasks(tasks.tasks()), control).tasks());
        } else if (control[0] != null) {
            assertArrayEquals(frame, WorkerFrames.control(control[0]), "the decoded " + control[0] + " encoded again");
        }
    }

    /** The message, or null when the frame is rejected. */
    private static WorkerMessage fromWorker(byte[] frame) {
        try {
            WorkerMessage message = WorkerFrames.decodeFromWorker(WORKER, frame);
            assertNotNull(message);
            return message;
        } catch (MalformedFrameException rejected) {
            return null;
        }
    }

    /** The tasks, or null with {@code control[0]} set for a control frame, or null and null when rejected. */
    private static TaskBatch fromServer(byte[] frame, Control[] control) {
        try {
            TaskBatch tasks = WorkerFrames.decodeFromServer(frame, control);
            assertTrue(tasks != null || control[0] != null, "neither tasks nor a control");
            return tasks;
        } catch (MalformedFrameException rejected) {
            control[0] = null;
            return null;
        }
    }
}
