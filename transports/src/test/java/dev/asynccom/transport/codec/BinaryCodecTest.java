package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultColumns;
import dev.asynccom.core.ResultSink;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskColumns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class BinaryCodecTest {
    /** The example of docs/WIRE.md, byte for byte. */
    static final String EXAMPLE_TASKS_HEX = """
            41 43 02 01 07 00 00 00 00 00 00 00 02 00 00 00
            01 00 00 00 00 00 00 00 0b 31 33 37 2e 37 32 2e
            39 35 2e 30 03 66 6f 6f 02 00 00 00 00 00 00 00
            0b 31 33 37 2e 37 32 2e 39 35 2e 31 03 62 61 72""";
    static final String EXAMPLE_RESULTS_HEX = """
            41 43 02 02 02 00 00 00 01 00 00 00 00 00 00 00
            00 01 00 00 00 dc 05 00 00 00 00 00 00 3a 43 0f
            00 00 00 00 00 40 42 0f 00 00 00 00 00 02 00 00
            00 00 00 00 00 01 00 00 00 00 ff ff ff ff ff ff
            ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
            ff ff""";
    public static final TaskBatch EXAMPLE_TASKS = new TaskBatch(7,
            List.of(new Task(1, "137.72.95.0", "foo"), new Task(2, "137.72.95.1", "bar")));
    static final ResultBatch EXAMPLE_RESULTS = new ResultBatch(null, List.of(
            new Result(1, Status.OK, 1, 1_500, 1_000_250, 1_000_000),
            Result.untimed(2, Status.UNKNOWN_COMMAND, 0)));

    private final BinaryCodec codec = new BinaryCodec();

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("\\s+", ""));
    }

    @Test
    void encodesTheDocumentedExampleByteForByte() throws MalformedFrameException {
        assertArrayEquals(hex(EXAMPLE_TASKS_HEX), codec.encodeTasks(EXAMPLE_TASKS));
        assertArrayEquals(hex(EXAMPLE_RESULTS_HEX), codec.encodeResults(EXAMPLE_RESULTS));
        assertEquals(EXAMPLE_TASKS, codec.decodeTasks(hex(EXAMPLE_TASKS_HEX)));
        assertEquals(EXAMPLE_RESULTS, codec.decodeResults(hex(EXAMPLE_RESULTS_HEX)));
    }

    @Test
    void resultsEncodeFromColumnsToTheSameBytesAsFromABatch() throws MalformedFrameException {
        ResultColumns columns = new ResultColumns(1);
        EXAMPLE_RESULTS.results().forEach(columns::add);
        assertArrayEquals(hex(EXAMPLE_RESULTS_HEX), codec.encodeResults(columns));
        List<Result> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add(new Result(Long.MAX_VALUE - i, Status.values()[i % Status.values().length], i * 7,
                    i * 11L, -1, Long.MIN_VALUE + i));
        }
        columns.clear();
        many.forEach(columns::add);
        byte[] frame = codec.encodeResults(columns);
        assertArrayEquals(codec.encodeResults(new ResultBatch(null, many)), frame);
        assertEquals(many, codec.decodeResults(frame).results());
    }

    @Test
    void tasksDecodeIntoColumnsAndColumnsEncodeToTheSameBytesAsTasks() throws MalformedFrameException {
        TaskBatch decoded = codec.decodeTasks(hex(EXAMPLE_TASKS_HEX));
        assertTrue(decoded.tasks() instanceof TaskColumns, "no Task object per decoded task");
        assertArrayEquals(hex(EXAMPLE_TASKS_HEX), codec.encodeTasks(decoded));
        assertArrayEquals(codec.encodeTasks(EXAMPLE_TASKS), codec.encodeTasks(decoded));
    }

    @Test
    void idsThatRunUpByOneAndIdsThatDoNotBothDecodeAsSent() throws MalformedFrameException {
        List<List<Long>> cases = List.of(List.of(7L, 8L, 9L), List.of(7L, 8L, 10L), List.of(7L, 9L, 10L),
                List.of(9L, 8L, 7L), List.of(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1),
                List.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L), List.of(5L), List.of(5L, 5L));
        for (List<Long> ids : cases) {
            List<Task> tasks = new ArrayList<>();
            for (long id : ids) {
                tasks.add(new Task(id, "10.0.0." + (id & 7), "cmd" + (id & 3)));
            }
            TaskBatch batch = new TaskBatch(3, tasks);
            TaskBatch decoded = codec.decodeTasks(codec.encodeTasks(batch));
            assertEquals(batch, decoded, ids.toString());
            TaskColumns columns = (TaskColumns) decoded.tasks();
            for (int i = 0; i < ids.size(); i++) {
                assertEquals(ids.get(i), columns.id(i), ids + " at " + i);
            }
        }
    }

    @Test
    void taskBatchRoundTripsWithUnicode() throws MalformedFrameException {
        TaskBatch batch = new TaskBatch(Long.MIN_VALUE, List.of(
                new Task(0, "hôte-ü", "命令"), new Task(Long.MAX_VALUE, "", ""), new Task(5, "h", "emoji😀")));
        TaskBatch decoded = codec.decodeTasks(codec.encodeTasks(batch));
        assertEquals(batch, decoded);
        assertNull(decoded.client(), "the transport names the client, not the frame");
    }

    @Test
    void largestBatchOfLongestStringsRoundTrips() throws MalformedFrameException {
        String host = "h".repeat(WireCodec.MAX_STRING_BYTES - 2) + "é"; // 253 + 2 bytes
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < WireCodec.MAX_TASKS; i++) {
            tasks.add(new Task(i, i == 0 ? host : "10.0.0." + (i & 0xFF), i == 1 ? host : "foo"));
        }
        TaskBatch batch = new TaskBatch(1, tasks);
        assertEquals(batch, codec.decodeTasks(codec.encodeTasks(batch)));
    }

    @Test
    void resultsRoundTripEveryStatusAndExtremeValues() throws MalformedFrameException {
        List<Result> results = new ArrayList<>();
        for (Status s : Status.values()) {
            results.add(new Result(s.ordinal(), s, Integer.MIN_VALUE, Long.MAX_VALUE, 0, -1));
        }
        results.add(Result.untimed(Long.MAX_VALUE, Status.OK, Integer.MAX_VALUE));
        ResultBatch batch = new ResultBatch(null, results);
        assertEquals(batch, codec.decodeResults(codec.encodeResults(batch)));
        ResultBatch empty = new ResultBatch(null, List.of());
        assertEquals(empty, codec.decodeResults(codec.encodeResults(empty)));
    }

    @Test
    void resultsDecodedIntoASinkAreTheDecodedBatchsAndAMalformedFrameGivesItNone() throws MalformedFrameException {
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(new Result(1000 + i, Status.values()[i % Status.values().length], i, 10 * i, 20 * i, 30 * i - 1));
        }
        byte[] frame = codec.encodeResults(new ResultBatch(null, results));
        List<Result> sunk = new ArrayList<>();
        assertEquals(5, codec.decodeResults(frame, ResultSink.into(sunk)));
        assertEquals(results, sunk);
        assertEquals(codec.decodeResults(frame).results(), sunk);
        // The last result's status is bad: the sink must not see the four good ones before it.
        byte[] badLast = withByte(frame, BinaryCodec.RESULTS_FIXED_BYTES + 4 * BinaryCodec.RESULT_BYTES + 8, 99);
        List<Result> none = new ArrayList<>();
        assertThrows(MalformedFrameException.class, () -> codec.decodeResults(badLast, ResultSink.into(none)));
        assertEquals(List.of(), none);
    }

    @Test
    void encodingRefusesStringsAndBatchesOverTheLimits() {
        String tooLong = "é".repeat(128); // 256 bytes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encodeTasks(new TaskBatch(1, null, List.of(new Task(1, "h", tooLong)))));
        assertTrue(e.getMessage().contains("256 bytes"), e.getMessage());
        List<Task> tooMany = new ArrayList<>();
        for (int i = 0; i <= WireCodec.MAX_TASKS; i++) {
            tooMany.add(new Task(i, "h", "c"));
        }
        assertThrows(IllegalArgumentException.class, () -> codec.encodeTasks(new TaskBatch(1, null, tooMany)));
    }

    @Test
    void everyTruncationOfAValidFrameIsRejected() {
        for (byte[] frame : List.of(hex(EXAMPLE_TASKS_HEX), hex(EXAMPLE_RESULTS_HEX))) {
            for (int length = 0; length < frame.length; length++) {
                byte[] cut = Arrays.copyOf(frame, length);
                assertThrows(MalformedFrameException.class, () -> {
                    if (frame[3] == BinaryCodec.KIND_TASKS) {
                        codec.decodeTasks(cut);
                    } else {
                        codec.decodeResults(cut);
                    }
                }, "length " + length);
            }
        }
    }

    @Test
    void wrongMagicVersionKindStatusOrTrailingBytesAreRejected() {
        byte[] tasks = hex(EXAMPLE_TASKS_HEX);
        assertTasksRejected(withByte(tasks, 0, 'X'), "magic");
        assertTasksRejected(withByte(tasks, 2, 3), "version");
        assertTasksRejected(withByte(tasks, 2, 1), "upgrade that peer");
        assertTasksRejected(withByte(tasks, 3, BinaryCodec.KIND_RESULTS), "kind");
        assertTasksRejected(Arrays.copyOf(tasks, tasks.length + 1), "unexpected bytes");
        byte[] results = hex(EXAMPLE_RESULTS_HEX);
        assertResultsRejected(withByte(results, 8 + 8, Status.values().length), "status");
        assertResultsRejected(Arrays.copyOf(results, results.length + 1), "results need");
        assertResultsRejected(tasks, "kind");
    }

    @Test
    void countsOverTheLimitAreRejectedBeforeAllocating() {
        byte[] tasks = hex(EXAMPLE_TASKS_HEX);
        int countAt = 4 + 8;
        assertTasksRejected(withInt(tasks, countAt, Integer.MAX_VALUE), "outside");
        assertTasksRejected(withInt(tasks, countAt, WireCodec.MAX_TASKS), "truncated"); // within limit, frame too short
        assertTasksRejected(withInt(tasks, countAt, 0), "outside");
        assertResultsRejected(withInt(hex(EXAMPLE_RESULTS_HEX), 4, -1), "outside");
    }

    @Test
    void oversizedFrameIsRejected() {
        byte[] huge = Arrays.copyOf(hex(EXAMPLE_TASKS_HEX), WireCodec.MAX_FRAME_BYTES + 1);
        assertTasksRejected(huge, "over the");
        assertResultsRejected(huge, "over the");
    }

    @Test
    void invalidUtf8IsRejectedNotReplaced() {
        byte[] tasks = hex(EXAMPLE_TASKS_HEX);
        int hostAt = 4 + 8 + 4 + 8 + 1;
        assertTasksRejected(withByte(tasks, hostAt, 0xC3), "UTF-8"); // a lead byte followed by ASCII
    }

    private void assertTasksRejected(byte[] frame, String messagePart) {
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> codec.decodeTasks(frame));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private void assertResultsRejected(byte[] frame, String messagePart) {
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> codec.decodeResults(frame));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static byte[] withByte(byte[] frame, int at, int value) {
        byte[] copy = frame.clone();
        copy[at] = (byte) value;
        return copy;
    }

    private static byte[] withInt(byte[] frame, int at, int value) {
        byte[] copy = frame.clone();
        for (int i = 0; i < 4; i++) {
            copy[at + i] = (byte) (value >>> 8 * i);
        }
        return copy;
    }
}
