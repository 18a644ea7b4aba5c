package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.WorkerMessage;
import dev.asynccom.core.WorkerMessage.Control;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The worker protocol's frames as docs/WIRE.md lays them out ("The worker protocol"). */
class WorkerFramesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void readyIsHeaderCreditAndLabelAsDocumented() throws MalformedFrameException {
        byte[] frame = WorkerFrames.ready(5, "w1");
        assertEquals("41430210" + "05000000" + "02" + "7731", HEX.formatHex(frame));
        assertEquals(new WorkerMessage.Ready("x", 5, "w1"), WorkerFrames.decodeFromWorker("x", frame));
    }

    @Test
    void controlFramesAreTheBareHeader() throws MalformedFrameException {
        assertEquals("41430211", HEX.formatHex(WorkerFrames.control(Control.HEARTBEAT)));
        assertEquals("41430212", HEX.formatHex(WorkerFrames.control(Control.GOODBYE)));
        assertEquals("41430213", HEX.formatHex(WorkerFrames.control(Control.DISCONNECT)));
        assertEquals(new WorkerMessage.Signal("x", Control.GOODBYE),
                WorkerFrames.decodeFromWorker("x", WorkerFrames.control(Control.GOODBYE)));
        Control[] control = new Control[1];
        assertNull(WorkerFrames.decodeFromServer(WorkerFrames.control(Control.DISCONNECT), control));
        assertEquals(Control.DISCONNECT, control[0]);
    }

    @Test
    void tasksAndResultsAreTheClientProtocolsFrames() throws MalformedFrameException {
        List<Task> tasks = List.of(new Task(0x1234500000000L, "137.72.95.0", "foo"));
        byte[] frame = WorkerFrames.tasks(tasks);
        assertArrayEquals(new BinaryCodec().encodeTasks(new TaskBatch(0, null, tasks)), frame);
        assertEquals(tasks, WorkerFrames.decodeFromServer(frame, new Control[1]).tasks());

        List<Result> results = List.of(new Result(0x1234500000000L, Status.OK, 1, 10, 20, 30));
        WorkerMessage decoded = WorkerFrames.decodeFromWorker("x", WorkerFrames.results(results));
        assertEquals(new WorkerMessage.Results("x", results), decoded);
    }

    @Test
    void framesAWorkerMustNotSendAreMalformed() {
        assertThrows(MalformedFrameException.class, () -> WorkerFrames.decodeFromWorker("x", WorkerFrames.control(Control.DISCONNECT)));
        assertThrows(MalformedFrameException.class, () -> WorkerFrames.decodeFromWorker("x", WorkerFrames.tasks(
                List.of(new Task(1, "h", "c")))));
        assertThrows(MalformedFrameException.class, () -> WorkerFrames.decodeFromWorker("x", HEX.parseHex("4143021100")));
        assertThrows(MalformedFrameException.class, () -> WorkerFrames.decodeFromWorker("x", HEX.parseHex("41430110050000000377")));
        assertThrows(MalformedFrameException.class, () -> WorkerFrames.decodeFromWorker("x", HEX.parseHex("41430110ffffffff00")));
        assertThrows(MalformedFrameException.class, () -> WorkerFrames.decodeFromWorker("x", HEX.parseHex("4143")));
    }
}
