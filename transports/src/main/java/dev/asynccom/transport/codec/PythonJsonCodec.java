package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seed's protocol ({@code seed/README.md}), so the original Python client and server interoperate
 * with ours: one UTF-8 JSON array per frame, {@code [1, "<uuid4>", ["<ip>:<cmd>", ...]]} for a batch and
 * {@code [2, <sum of responses>]} for its answer; {@code [3, ...]} (JOB_ABORT) and {@code [4, ...]}
 * (JOB_COMPLETE) are control frames.
 *
 * <p>Seed answers name no tasks, so {@link #decodeResults} returns <em>unattributed</em> results (task id
 * {@link #UNATTRIBUTED}) that {@link PythonBatchLedger} attributes: {@code [2, sum]} gives one {@link Status#OK}
 * result carrying the sum, {@code [4, ...]} one {@link Status#REJECTED} result (the job is over: no further
 * answers will come), {@code [3, ...]} an empty batch (the seed's client ignores it). A decoded task frame's
 * tasks get ids 0..n-1, since the server only echoes sums. Stateless and thread-safe.
 */
public final class PythonJsonCodec implements WireCodec {
    public static final String NAME = "seed";
    public static final int TASK = 1;
    public static final int TASK_DONE = 2;
    public static final int JOB_ABORT = 3;
    public static final int JOB_COMPLETE = 4;
    /** The task id of a result decoded from a seed answer, before {@link PythonBatchLedger} attributes it. */
    public static final long UNATTRIBUTED = -1;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean seedTopology() {
        return true;
    }

    @Override
    public boolean namesTasks() {
        return false;
    }

    /** Writes pyzmq's current form: {@code ", "} separators, non-ASCII as {@code \\uXXXX} escapes. */
    @Override
    public byte[] encodeTasks(TaskBatch batch) {
        List<Task> tasks = batch.tasks();
        if (tasks.size() > MAX_TASKS) {
            throw new IllegalArgumentException(tasks.size() + " tasks in one batch, over the limit of " + MAX_TASKS);
        }
        StringBuilder json = new StringBuilder(48 + 24 * tasks.size()).append('[').append(TASK).append(", \"")
                .append(uuid4()).append("\", [");
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            Utf8.checkedLength(t.host(), "host");
            Utf8.checkedLength(t.command(), "command");
            escape(escape(json.append(i == 0 ? "\"" : ", \""), t.host()).append(':'), t.command()).append('"');
        }
        if (json.length() + 2 > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("task batch encodes to " + (json.length() + 2) + " bytes, over the "
                    + MAX_FRAME_BYTES + "-byte frame limit");
        }
        return ascii(json.append("]]"));
    }

    @Override
    public TaskBatch decodeTasks(byte[] frame) throws MalformedFrameException {
        List<?> message = message(frame);
        long kind = (Long) message.get(0);
        if (kind == JOB_ABORT || kind == JOB_COMPLETE) {
            return null;
        }
        if (kind != TASK) {
            throw new MalformedFrameException("seed message of kind " + kind + " where a task batch (kind 1) was expected");
        }
        if (message.size() != 3 || !(message.get(1) instanceof String id) || !(message.get(2) instanceof List<?> keys)) {
            throw new MalformedFrameException("a seed task message is [1, \"<id>\", [\"<ip>:<cmd>\", ...]]");
        }
        if (keys.isEmpty() || keys.size() > MAX_TASKS) {
            throw new MalformedFrameException("seed task message holds " + keys.size() + " commands, outside 1.."
                    + MAX_TASKS);
        }
        Task[] tasks = new Task[keys.size()];
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = task(i, keys.get(i));
        }
        return new TaskBatch(fnv1a64(id), null, List.of(tasks));
    }

    /** Writes {@code [2, sum]}, the sum of the {@link Status#OK} responses (the seed's "commands it knew"). */
    @Override
    public byte[] encodeResults(ResultBatch results) {
        long sum = 0;
        for (Result r : results.results()) {
            if (r.status() == Status.OK) {
                sum += r.response();
            }
        }
        return ascii(new StringBuilder(16).append('[').append(TASK_DONE).append(", ").append(sum).append(']'));
    }

    @Override
    public ResultBatch decodeResults(byte[] frame) throws MalformedFrameException {
        List<?> message = message(frame);
        long kind = (Long) message.get(0);
        if (kind == JOB_ABORT) {
            return new ResultBatch(null, List.of());
        }
        if (kind == JOB_COMPLETE) {
            return new ResultBatch(null, List.of(Result.untimed(UNATTRIBUTED, Status.REJECTED, 0)));
        }
        if (kind != TASK_DONE) {
            throw new MalformedFrameException("seed message of kind " + kind + " where an answer (kind 2) was expected");
        }
        if (message.size() != 2 || !(message.get(1) instanceof Long sum)) {
            throw new MalformedFrameException("a seed answer is [2, <integer sum>]");
        }
        if (sum != (int) (long) sum) {
            throw new MalformedFrameException("seed answer sum " + sum + " does not fit a 32-bit response");
        }
        return new ResultBatch(null, List.of(Result.untimed(UNATTRIBUTED, Status.OK, (int) (long) sum)));
    }

    /** A JSON array whose first element is a known kind; what follows is checked per kind. */
    private static List<?> message(byte[] frame) throws MalformedFrameException {
        if (!(StrictJsonReader.parse(frame) instanceof List<?> message) || message.isEmpty()
                || !(message.get(0) instanceof Long kind)) {
            throw new MalformedFrameException("a seed message is a JSON array starting with its integer kind");
        }
        if (kind < TASK || kind > JOB_COMPLETE) {
            throw new MalformedFrameException("unknown seed message kind " + kind + ", expected 1 to 4");
        }
        return message;
    }

    private static Task task(int index, Object key) throws MalformedFrameException {
        if (!(key instanceof String s)) {
            throw new MalformedFrameException("seed command " + index + " is not a string");
        }
        Task task;
        try {
            task = Task.of(index, s);
        } catch (IllegalArgumentException e) {
            throw new MalformedFrameException("seed command " + index + " is not an <ip>:<cmd> pair");
        }
        if (Utf8.length(task.host()) > MAX_STRING_BYTES || Utf8.length(task.command()) > MAX_STRING_BYTES) {
            throw new MalformedFrameException("seed command " + index + " has a host or command over "
                    + MAX_STRING_BYTES + " bytes of UTF-8");
        }
        return task;
    }

    /**
     * A version-4 UUID from a fast non-cryptographic generator: the seed uses it only as a label, and
     * {@link UUID#randomUUID()}'s SecureRandom would cost more than encoding the batch.
     */
    private static String uuid4() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = random.nextLong() & ~0xF000L | 0x4000L;
        long lsb = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    /** 64-bit FNV-1a of the seed's batch id string: a stable batch id for a batch the peer named by a string. */
    private static long fnv1a64(String s) {
        long hash = 0xcbf2_9ce4_8422_2325L;
        for (int i = 0; i < s.length(); i++) {
            hash = (hash ^ s.charAt(i)) * 0x100_0000_01b3L;
        }
        return hash;
    }

    /** Appends {@code s} escaped for a JSON string as Python's {@code json.dumps} does: ASCII only. */
    private static StringBuilder escape(StringBuilder json, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> json.append('\\').append(c);
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20 || c >= 0x7F) {
                        json.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json;
    }

    private static byte[] ascii(StringBuilder json) {
        return json.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
