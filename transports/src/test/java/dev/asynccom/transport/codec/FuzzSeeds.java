package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.WorkerMessage.Control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the seed inputs of the codec fuzz tests ({@code README.md}, "Fuzzing"). The binary ones come from the
 * encoders (the documented examples, then edits located from a frame's end, where a task's layout is known),
 * so after a change of the binary format this writes the new format's seeds; the seed format's JSON is fixed
 * by the Python seed and written literally. From the repository root, after {@code ./mvnw -B -q test-compile}:
 * <pre>
 * "$JAVA_HOME/bin/java" -cp core/target/classes:transports/target/classes:transports/target/test-classes \
 *     dev.asynccom.transport.codec.FuzzSeeds
 * </pre>
 * It replaces the files named {@code seed-*} and leaves every other file of the corpus (findings) alone.
 */
public final class FuzzSeeds {
    private static final Path INPUTS = Path.of("transports/src/test/resources/dev/asynccom/transport/codec");
    private static final BinaryCodec BINARY = new BinaryCodec();
    /** One task whose id, host and command are 8 + 1 + 3 + 1 + 3 bytes at the end of its frame. */
    private static final Task ONE_TASK = new Task(1, "h.0", "foo");
    private static final int ONE_TASK_BYTES = 16;

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        binaryTaskFrames();
        binaryResultFrames();
        workerFrames();
        seedJson();
    }

    private static void binaryTaskFrames() throws IOException {
        byte[] example = BINARY.encodeTasks(BinaryCodecTest.EXAMPLE_TASKS);
        byte[] one = WorkerFrames.tasks(List.of(ONE_TASK));
        int countAt = one.length - ONE_TASK_BYTES - 4;
        int hostAt = one.length - ONE_TASK_BYTES + 9;
        String longest = "h".repeat(WireCodec.MAX_STRING_BYTES - 2) + "é";
        write(BinaryCodecFuzzTest.class, "taskFramesDecodeToWhatEncodesToTheSameBytesOrAreRejected", Map.of(
                "seed-documented-example", example,
                "seed-unicode-and-empty-strings", WorkerFrames.tasks(List.of(new Task(0x1234500000000L, "hôte-ü", "命令😀"),
                        new Task(Long.MAX_VALUE, "", ""))),
                "seed-longest-strings", WorkerFrames.tasks(List.of(new Task(Long.MIN_VALUE, longest, longest))),
                "seed-count-65536-in-a-short-frame", withInt(one, countAt, WireCodec.MAX_TASKS),
                "seed-count-ffffffff", withInt(one, countAt, -1),
                "seed-invalid-utf8-host", withByte(one, hostAt, 0xC3),
                "seed-truncated-in-a-task", Arrays.copyOf(example, example.length - 5),
                "seed-one-byte-after-the-last-task", Arrays.copyOf(one, one.length + 1)));
    }

    private static void binaryResultFrames() throws IOException {
        byte[] example = BINARY.encodeResults(BinaryCodecTest.EXAMPLE_RESULTS);
        List<Result> extremes = new ArrayList<>();
        for (Status s : Status.values()) {
            extremes.add(new Result(s.ordinal(), s, Integer.MIN_VALUE, Long.MAX_VALUE, 0, -1));
        }
        byte[] one = WorkerFrames.results(List.of(Result.untimed(1, Status.OK, 1)));
        write(BinaryCodecFuzzTest.class, "resultFramesDecodeToWhatEncodesToTheSameBytesOrAreRejected", Map.of(
                "seed-documented-example", example,
                "seed-no-results", WorkerFrames.results(List.of()),
                "seed-every-status-and-extremes", WorkerFrames.results(extremes),
                "seed-unknown-status", withByte(one, one.length - 37 + 8, Status.values().length),
                "seed-count-65536-in-a-short-frame", withInt(one, one.length - 37 - 4, WireCodec.MAX_TASKS),
                "seed-truncated", Arrays.copyOf(example, example.length - 1)));
    }

    private static void workerFrames() throws IOException {
        byte[] ready = WorkerFrames.ready(5, "w1");
        byte[] heartbeat = WorkerFrames.control(Control.HEARTBEAT);
        byte[] goodbye = WorkerFrames.control(Control.GOODBYE);
        byte[] disconnect = WorkerFrames.control(Control.DISCONNECT);
        byte[] results = WorkerFrames.results(List.of(new Result(0x1234500000000L, Status.OK, 1, 10, 20, 30)));
        byte[] tasks = WorkerFrames.tasks(List.of(new Task(0x1234500000000L, "137.72.95.0", "foo"),
                new Task(0x1234500000001L, "137.72.95.1", "bar")));
        write(WorkerFramesFuzzTest.class, "framesFromAWorkerDecodeToWhatEncodesToTheSameBytesOrAreRejected", Map.of(
                "seed-ready", ready,
                "seed-ready-longest-label", WorkerFrames.ready(Integer.MAX_VALUE, "w".repeat(WireCodec.MAX_STRING_BYTES - 4) + "😀"),
                "seed-ready-negative-credit", withInt(ready, 4, -1),
                "seed-ready-label-past-the-end", withByte(ready, 8, 3),
                "seed-heartbeat", heartbeat,
                "seed-goodbye-with-a-body", Arrays.copyOf(goodbye, 5),
                "seed-results", results,
                "seed-disconnect", disconnect,
                "seed-tasks", tasks));
        write(WorkerFramesFuzzTest.class, "framesFromTheServerDecodeToWhatEncodesToTheSameBytesOrAreRejected", Map.of(
                "seed-tasks", tasks,
                "seed-heartbeat", heartbeat,
                "seed-goodbye", goodbye,
                "seed-disconnect", disconnect,
                "seed-disconnect-with-a-body", Arrays.copyOf(disconnect, 5),
                "seed-ready", ready,
                "seed-results", results));
    }

    private static void seedJson() throws IOException {
        String longest = "c".repeat(WireCodec.MAX_STRING_BYTES);
        Map<String, byte[]> tasks = json(
                "seed-pyzmq-batch", "[1, \"6f1e0c36-8b3e-4c52-9a43-0d0f6f1d9b7e\", [\"137.72.95.0:foo\", \"137.72.95.1:bar\"]]",
                "seed-compact", "[1,\"u\",[\"a:b\"]]",
                "seed-escapes", "[1, \"u\", [\"h\\u00e9:c\\\"\", \"a:\\ud83d\\ude00\", \"10.0.0.1:\\u547d\\u4ee4\", \"t\\t\\n:\\/\\\\\\b\\f\\r\"]]",
                "seed-raw-utf8", "[1, \"u\", [\"hôte:命令😀\"]]",
                "seed-lone-surrogate", "[1, \"u\", [\"a:\\ud800\", \"\\udc00:b\"]]",
                "seed-longest-and-over", "[1, \"u\", [\"h:" + longest + "\", \"h:" + longest + "c\"]]",
                "seed-not-host-command", "[1, \"u\", [\"nocolon\", \":c\", \"h:\", \"a:b:c\", 7, [\"a:b\"]]]",
                "seed-empty-task-list", "[1, \"u\", []]",
                "seed-white-space", " \t\r\n[ 1 ,\n\"u\" ,\t[ \"a:b\" ] ]\r\n",
                "seed-abort", "[3, \"x\"]",
                "seed-complete-nested", "[4, \"x\", [1, [2, []]]]");
        Map<String, byte[]> answers = json(
                "seed-sum", "[2, 512]",
                "seed-sum-extremes", "[2, -2147483648]",
                "seed-sum-over-32-bits", "[2, 2147483648]",
                "seed-sum-and-more", "[2, 1, 2]",
                "seed-sum-as-string", "[2, \"1\"]",
                "seed-no-sum", "[2]",
                "seed-abort-bare", "[3]",
                "seed-complete", "[4, \"done\"]");
        Map<String, byte[]> malformed = new LinkedHashMap<>(json(
                "seed-deepest", "[[[[1]]]]",
                "seed-too-deep", "[[[[[1]]]]]",
                "seed-integers", "[0, -0, 9223372036854775807, -9223372036854775807, 9223372036854775808]",
                "seed-not-integers", "[01, 1.0, 1e3, -, 1E3]",
                "seed-not-allowed", "[true, false, null, {}]",
                "seed-trailing-comma", "[1, 2,]",
                "seed-trailing-data", "[1] [2]",
                "seed-unknown-kinds", "[5, 0, -1]",
                "seed-not-an-array", "\"x\"",
                "seed-bad-escapes", "[\"\\x\", \"\\u12\", \"\\u12g4\"]",
                "seed-unterminated", "[\"abc"));
        malformed.put("seed-invalid-utf8", latin1("[1, \"u\", [\"a:\u00c3(\", \"b:\u00ed\u00a0\u0080\"]]"));
        malformed.put("seed-raw-control", latin1("[\"a\u0001b\"]"));
        write(PythonJsonCodecFuzzTest.class, "taskFramesDecodeToTasksThatRoundTripOrAreRejected", tasks, malformed);
        write(PythonJsonCodecFuzzTest.class, "answerFramesDecodeToOneSumThatRoundTripsOrAreRejected", answers, malformed);
        write(StrictJsonReaderFuzzTest.class, "anyBytesReadAsArraysStringsAndIntegersOrAreRejected", tasks, answers,
                malformed);
    }

    /** Replaces the {@code seed-*} files of the inputs folder of {@code test}'s {@code method}. */
    @SafeVarargs
    private static void write(Class<?> test, String method, Map<String, byte[]>... seeds) throws IOException {
        Path dir = INPUTS.resolve(test.getSimpleName() + "Inputs").resolve(method);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path old : files.filter(f -> f.getFileName().toString().startsWith("seed-")).toList()) {
                Files.delete(old);
            }
        }
        for (Map<String, byte[]> some : seeds) {
            for (Map.Entry<String, byte[]> seed : some.entrySet()) {
                Files.write(dir.resolve(seed.getKey()), seed.getValue());
            }
        }
        System.out.println(dir + ": " + Arrays.stream(seeds).mapToInt(Map::size).sum() + " seeds");
    }

    /** Name, JSON, name, JSON...: each as UTF-8. */
    private static Map<String, byte[]> json(String... namesAndTexts) {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            seeds.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return seeds;
    }

    /** Each char one byte, so a seed can hold bytes that are not UTF-8. */
    private static byte[] latin1(String bytes) {
        return bytes.getBytes(StandardCharsets.ISO_8859_1);
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
