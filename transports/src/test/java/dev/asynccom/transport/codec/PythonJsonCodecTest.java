package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonJsonCodecTest {
    private final PythonJsonCodec codec = new PythonJsonCodec();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void encodesTaskBatchAsPyzmqDoes() {
        String json = new String(codec.encodeTasks(BinaryCodecTest.EXAMPLE_TASKS), StandardCharsets.UTF_8);
        assertTrue(json.matches("\\[1, \"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\", "
                + "\\[\"137\\.72\\.95\\.0:foo\", \"137\\.72\\.95\\.1:bar\"]]"), json);
    }

    @Test
    void taskBatchRoundTripsWithUnicodeAndEscapesGivingIdsInBatchOrder() throws MalformedFrameException {
        List<Task> tasks = List.of(new Task(40, "10.0.0.1", "命令😀"), new Task(41, "h\"q\\", "tab\tnl\ndel\u007f"));
        byte[] frame = codec.encodeTasks(new TaskBatch(9, "ignored", tasks));
        for (byte b : frame) {
            assertTrue(b >= 0x20 && b < 0x7F, "pure printable ASCII, as Python's json.dumps writes");
        }
        TaskBatch decoded = codec.decodeTasks(frame);
        assertNull(decoded.client());
        assertEquals(List.of(new Task(0, "10.0.0.1", "命令😀"), new Task(1, "h\"q\\", "tab\tnl\ndel\u007f")),
                decoded.tasks());
    }

    @Test
    void largestBatchRoundTripsAndOneOverTheFrameLimitIsRefused() throws MalformedFrameException {
        String longest = "h".repeat(WireCodec.MAX_STRING_BYTES);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < WireCodec.MAX_TASKS; i++) {
            tasks.add(new Task(i, i == 0 ? longest : "10.0.0." + (i & 0xFF), i == 1 ? longest : "bar"));
        }
        TaskBatch decoded = codec.decodeTasks(codec.encodeTasks(new TaskBatch(1, null, tasks)));
        assertEquals(tasks, decoded.tasks());
        List<Task> huge = tasks.stream().map(t -> new Task(t.id(), longest, "c")).toList();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.encodeTasks(new TaskBatch(1, null, huge)));
        assertTrue(e.getMessage().contains("frame limit"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[1, \"a-b\", [\"1.2.3.4:foo\", \"1.2.3.5:bar\"]]",
            "[1,\"a-b\",[\"1.2.3.4:foo\",\"1.2.3.5:bar\"]]",
            " \r\n\t[ 1 ,\n\t\"a-b\" ,[ \"1.2.3.4:foo\"\r\n, \"1.2.3.5:bar\" ] ]\n "})
    void acceptsAnyJsonWhiteSpace(String json) throws MalformedFrameException {
        TaskBatch batch = codec.decodeTasks(utf8(json));
        assertEquals(List.of(new Task(0, "1.2.3.4", "foo"), new Task(1, "1.2.3.5", "bar")), batch.tasks());
        assertEquals(codec.decodeTasks(utf8("[1, \"a-b\", [\"x:y\"]]")).batchId(), batch.batchId(),
                "the batch id is derived from the seed's id string");
    }

    @Test
    void decodesEscapesAndRawUtf8Alike() throws MalformedFrameException {
        TaskBatch escaped = codec.decodeTasks(utf8("[1, \"id\", [\"h\\u00e9\\/x:\\ud83d\\ude00\\\"\"]]"));
        TaskBatch raw = codec.decodeTasks(utf8("[1, \"id\", [\"hé/x:😀\\\"\"]]"));
        assertEquals(new Task(0, "hé/x", "😀\""), escaped.tasks().get(0));
        assertEquals(escaped, raw);
    }

    @Test
    void encodesOneSumPerBatchOfTheOkResponses() throws MalformedFrameException {
        ResultBatch results = new ResultBatch(null, List.of(Result.untimed(1, Status.OK, 3),
                Result.untimed(2, Status.UNKNOWN_COMMAND, 0), Result.untimed(3, Status.OK, 4)));
        assertEquals("[2, 7]", new String(codec.encodeResults(results), StandardCharsets.UTF_8));
        assertEquals(List.of(Result.untimed(PythonJsonCodec.UNATTRIBUTED, Status.OK, 7)),
                codec.decodeResults(codec.encodeResults(results)).results());
    }

    @Test
    void decodesAnswersAndControlMessages() throws MalformedFrameException {
        assertEquals(List.of(Result.untimed(-1, Status.OK, -5)), codec.decodeResults(utf8("[2,-5]")).results());
        assertEquals(List.of(Result.untimed(-1, Status.REJECTED, 0)),
                codec.decodeResults(utf8("[4, \"done\", []]")).results());
        assertEquals(List.of(), codec.decodeResults(utf8("[3]")).results());
        assertNull(codec.decodeTasks(utf8("[3, \"abort\"]")), "control frames carry no tasks");
        assertNull(codec.decodeTasks(utf8("[4]")));
        assertFalse(codec.namesTasks());
        assertTrue(codec.seedTopology());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", " ", "[", "[]", "[2, 1] x", "[2, 1]]", "[2, 1],", "[2, 1,]", "[2 1]", "[2, 1.0]", "[2, 1e3]", "[2, 01]",
            "[2, -]", "[2, true]", "[2, null]", "[2, {}]", "{\"a\": 1}", "[2, \"7\"]", "[2]", "[2, 1, 2]",
            "[2, 4294967296]", "[2, 99999999999999999999]", "[5, 1]", "[0]", "[\"2\", 1]", "[1, \"id\", []]",
            "[1, \"id\", [\"nocolon\"]]", "[1, \"id\", [\":foo\"]]", "[1, \"id\", [7]]", "[1, 5, [\"a:b\"]]",
            "[1, \"id\", [\"a:b\"], 1]", "[1, \"id\", [\"a:b\\x\"]]", "[1, \"id\", [\"a:b\\u12\"]]",
            "[1, \"id\", [\"a:b]]", "[1, \"id\", [\"a:\tb\"]]", "[4, [[[[1]]]]]", "[1, \"id\", [\"a:b\"]]"})
    void rejectsAnythingButTheSeedShapes(String json) {
        boolean isTaskFrame = json.startsWith("[1");
        assertThrows(MalformedFrameException.class, () -> {
            if (isTaskFrame && json.equals("[1, \"id\", [\"a:b\"]]")) {
                codec.decodeResults(utf8(json)); // a well-formed task frame is not an answer
            } else if (isTaskFrame) {
                codec.decodeTasks(utf8(json));
            } else {
                codec.decodeResults(utf8(json));
            }
        }, json);
    }

    @Test
    void rejectsInvalidUtf8AndOverlongHosts() {
        byte[] badUtf8 = utf8("[1, \"id\", [\"h\u00e9:c\"]]");
        badUtf8[13] = (byte) 0x41; // é's lead byte replaced: a lone continuation byte
        assertThrows(MalformedFrameException.class, () -> codec.decodeTasks(badUtf8));
        String host = "h".repeat(WireCodec.MAX_STRING_BYTES + 1);
        assertThrows(MalformedFrameException.class, () -> codec.decodeTasks(utf8("[1, \"id\", [\"" + host + ":c\"]]")));
        assertThrows(IllegalArgumentException.class,
                () -> codec.encodeTasks(new TaskBatch(1, null, List.of(new Task(1, host, "c")))));
    }
}
