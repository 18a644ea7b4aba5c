package dev.asynccom.transport.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.asynccom.core.AllocationMeter;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.TaskBatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary codec's decoders on any bytes (Jazzer; {@code README.md}, "Fuzzing"): a frame decodes to a batch
 * that encodes back to the same bytes, or is rejected with {@link MalformedFrameException}; never another
 * exception, never a batch of more tasks or results than its bytes hold, never more allocation than its size
 * accounts for. Written against the public decode and encode API only, so it holds for any version of the
 * format that is canonical (one encoding per batch).
 */
class BinaryCodecFuzzTest {
    /** docs/WIRE.md: a task is at least its 8-byte id and two length bytes. */
    private static final int SMALLEST_TASK_BYTES = 10;
    /** docs/WIRE.md: a result is exactly 37 bytes, after an 8-byte header and count. */
    private static final int RESULT_BYTES = 37;
    private static final int RESULTS_FIXED_BYTES = 8;
    /** A task of one-byte strings is 12 bytes and becomes a Task and two Strings with their arrays (~120 bytes). */
    private static final AllocationMeter METER = new AllocationMeter(64, 64 << 10);
    private static final BinaryCodec CODEC = new BinaryCodec();

    @FuzzTest
    void taskFramesDecodeToWhatEncodesToTheSameBytesOrAreRejected(byte[] frame) {
        TaskBatch batch = METER.call("decodeTasks", frame.length, () -> decodeTasks(frame));
        if (batch == null) {
            return;
        }
        assertTrue((long) batch.size() * SMALLEST_TASK_BYTES <= frame.length,
                batch.size() + " tasks decoded from " + frame.length + " bytes");
        assertArrayEquals(frame, CODEC.encodeTasks(batch), "the decoded batch encoded again");
    }

    @FuzzTest
    void resultFramesDecodeToWhatEncodesToTheSameBytesOrAreRejected(byte[] frame) {
        ResultBatch results = METER.call("decodeResults", frame.length, () -> decodeResults(frame));
        if (results == null) {
            return;
        }
        assertTrue((long) results.size() * RESULT_BYTES + RESULTS_FIXED_BYTES == frame.length,
                results.size() + " results decoded from " + frame.length + " bytes");
        assertArrayEquals(frame, CODEC.encodeResults(results), "the decoded results encoded again");
    }

    /** The batch, or null when the frame is rejected. */
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
