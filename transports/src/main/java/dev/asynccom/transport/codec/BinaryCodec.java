package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultColumns;
import dev.asynccom.core.ResultSink;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskColumns;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The default wire format: compact, versioned, little-endian, fixed-width numbers and length-prefixed
 * UTF-8 strings. {@code docs/WIRE.md} specifies it byte by byte. Thread-safe; its only state is the caches of
 * hosts and commands decoded and encoded lately ({@link RecentStrings}, {@link EncodedStrings}), shared by every
 * instance.
 */
public final class BinaryCodec implements WireCodec {
    public static final String NAME = "binary";
    /** First two bytes of every frame: ASCII {@code "AC"}. */
    public static final byte MAGIC_0 = 'A';
    public static final byte MAGIC_1 = 'C';
    /**
     * Version 2 dropped the task frame's reply-to endpoint (results return over the connection the tasks
     * came in on); version 1 frames are refused with a sentence saying so.
     */
    public static final int VERSION = 2;
    public static final int KIND_TASKS = 1;
    public static final int KIND_RESULTS = 2;

    static final int HEADER_BYTES = 4;
    /** Header, batch id, task count. */
    static final int TASKS_FIXED_BYTES = HEADER_BYTES + 8 + 4;
    /** Task id, host length, command length: a task with empty strings. */
    static final int MIN_TASK_BYTES = 8 + 1 + 1;
    static final int RESULTS_FIXED_BYTES = HEADER_BYTES + 4;
    /** Task id, status, response, queue wait, service, planned. */
    static final int RESULT_BYTES = 8 + 1 + 4 + 8 + 8 + 8;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final RecentStrings STRINGS = new RecentStrings();
    private static final EncodedStrings ENCODED = new EncodedStrings();

    @Override
    public String name() {
        return NAME;
    }

    /** Encodes from the batch's columns; a batch of {@link Task}s is put into columns first. */
    @Override
    public byte[] encodeTasks(TaskBatch batch) {
        TaskColumns tasks = TaskColumns.of(batch.tasks());
        int count = tasks.size();
        checkCount(count, "tasks");
        long size = TASKS_FIXED_BYTES;
        for (int i = 0; i < count; i++) {
            size += MIN_TASK_BYTES + Utf8.checkLength(ENCODED.utf8(tasks.host(i)).length, tasks.host(i), "host")
                    + Utf8.checkLength(ENCODED.utf8(tasks.command(i)).length, tasks.command(i), "command");
        }
        byte[] frame = allocate(size, "task batch");
        int p = header(frame, KIND_TASKS);
        LONG.set(frame, p, batch.batchId());
        INT.set(frame, p + 8, count);
        p += 12;
        for (int i = 0; i < count; i++) {
            LONG.set(frame, p, tasks.id(i));
            p = putBytes(frame, p + 8, ENCODED.utf8(tasks.host(i)));
            p = putBytes(frame, p, ENCODED.utf8(tasks.command(i)));
        }
        return frame;
    }

    @Override
    public TaskBatch decodeTasks(byte[] frame) throws MalformedFrameException {
        int p = checkHeader(frame, KIND_TASKS);
        need(frame, p, 8 + 4, "the batch id and task count");
        long batchId = (long) LONG.get(frame, p);
        int count = (int) INT.get(frame, p + 8);
        p += 12;
        if (count < 1 || count > MAX_TASKS) {
            throw new MalformedFrameException("task count " + Integer.toUnsignedString(count) + " is outside 1.."
                    + MAX_TASKS);
        }
        if ((long) count * MIN_TASK_BYTES > frame.length - p) {
            throw new MalformedFrameException("frame truncated: " + count + " tasks need at least "
                    + (long) count * MIN_TASK_BYTES + " bytes, " + (frame.length - p) + " left");
        }
        long[] ids = null; // until an id breaks the run from the first one up by one, as a client numbers them
        long firstId = 0;
        String[] hosts = new String[count];
        String[] commands = new String[count];
        for (int i = 0; i < count; i++) {
            need(frame, p, 8 + 1, "a task's id and host length");
            long id = (long) LONG.get(frame, p);
            if (i == 0) {
                firstId = id;
            } else if (ids == null && id != firstId + i) {
                ids = new long[count];
                for (int j = 0; j < i; j++) {
                    ids[j] = firstId + j;
                }
            }
            if (ids != null) {
                ids[i] = id;
            }
            int hostLength = frame[p + 8] & 0xFF;
            p += 9;
            need(frame, p, hostLength + 1, "a task's host and command length");
            String host = STRINGS.decode(frame, p, hostLength);
            p += hostLength;
            int commandLength = frame[p++] & 0xFF;
            need(frame, p, commandLength, "a task's command");
            hosts[i] = host;
            commands[i] = STRINGS.decode(frame, p, commandLength);
            p += commandLength;
        }
        if (p != frame.length) {
            throw new MalformedFrameException((frame.length - p) + " unexpected bytes after the last task at offset " + p);
        }
        // No Task object per task, and no id column when the ids run up by one.
        return new TaskBatch(batchId, ids != null ? new TaskColumns(ids, hosts, commands)
                : TaskColumns.slice(firstId, hosts, commands, 0, count));
    }

    @Override
    public byte[] encodeResults(ResultBatch results) {
        List<Result> list = results.results();
        checkCount(list.size(), "results");
        byte[] frame = allocate(RESULTS_FIXED_BYTES + (long) list.size() * RESULT_BYTES, "result batch");
        int p = header(frame, KIND_RESULTS);
        INT.set(frame, p, list.size());
        p += 4;
        for (Result r : list) {
            LONG.set(frame, p, r.taskId());
            frame[p + 8] = (byte) r.status().ordinal();
            INT.set(frame, p + 9, r.response());
            LONG.set(frame, p + 13, r.queueWaitNanos());
            LONG.set(frame, p + 21, r.serviceNanos());
            LONG.set(frame, p + 29, r.plannedNanos());
            p += RESULT_BYTES;
        }
        return frame;
    }

    /** The same frame as {@link #encodeResults(ResultBatch)}, written from the columns. */
    @Override
    public byte[] encodeResults(ResultColumns results) {
        int count = results.size();
        checkCount(count, "results");
        byte[] frame = allocate(RESULTS_FIXED_BYTES + (long) count * RESULT_BYTES, "result batch");
        int p = header(frame, KIND_RESULTS);
        INT.set(frame, p, count);
        p += 4;
        for (int i = 0; i < count; i++) {
            LONG.set(frame, p, results.taskId(i));
            frame[p + 8] = (byte) results.status(i).ordinal();
            INT.set(frame, p + 9, results.response(i));
            LONG.set(frame, p + 13, results.queueWaitNanos(i));
            LONG.set(frame, p + 21, results.serviceNanos(i));
            LONG.set(frame, p + 29, results.plannedNanos(i));
            p += RESULT_BYTES;
        }
        return frame;
    }

    @Override
    public ResultBatch decodeResults(byte[] frame) throws MalformedFrameException {
        int count = checkResults(frame);
        List<Result> results = new ArrayList<>(count);
        emitResults(frame, count, ResultSink.into(results));
        return new ResultBatch(null, results);
    }

    /** Checks the whole frame first, so {@code sink} sees all of its results or none. */
    @Override
    public int decodeResults(byte[] frame, ResultSink sink) throws MalformedFrameException {
        int count = checkResults(frame);
        emitResults(frame, count, sink);
        return count;
    }

    /** Hands the {@code count} results of a frame {@link #checkResults} passed to {@code sink}. */
    private static void emitResults(byte[] frame, int count, ResultSink sink) {
        for (int i = 0, p = RESULTS_FIXED_BYTES; i < count; i++, p += RESULT_BYTES) {
            sink.accept((long) LONG.get(frame, p), Status.ofCode(frame[p + 8] & 0xFF), (int) INT.get(frame, p + 9),
                    (long) LONG.get(frame, p + 13), (long) LONG.get(frame, p + 21), (long) LONG.get(frame, p + 29));
        }
    }

    /** The result count of a well-formed result frame: its header, size and every status code checked. */
    private static int checkResults(byte[] frame) throws MalformedFrameException {
        int p = checkHeader(frame, KIND_RESULTS);
        need(frame, p, 4, "the result count");
        int count = (int) INT.get(frame, p);
        p += 4;
        if (count < 0 || count > MAX_TASKS) {
            throw new MalformedFrameException("result count " + Integer.toUnsignedString(count) + " is outside 0.."
                    + MAX_TASKS);
        }
        if ((long) count * RESULT_BYTES != frame.length - p) {
            throw new MalformedFrameException(count + " results need " + (long) count * RESULT_BYTES
                    + " bytes after the count, the frame has " + (frame.length - p));
        }
        for (int i = 0; i < count; i++, p += RESULT_BYTES) {
            if (Status.ofCode(frame[p + 8] & 0xFF) == null) {
                throw new MalformedFrameException("result " + i + " has unknown status code " + (frame[p + 8] & 0xFF));
            }
        }
        return count;
    }

    private static void checkCount(int count, String what) {
        if (count > MAX_TASKS) {
            throw new IllegalArgumentException(count + " " + what + " in one batch, over the limit of " + MAX_TASKS);
        }
    }

    private static byte[] allocate(long size, String what) {
        if (size > MAX_FRAME_BYTES) {
            throw new IllegalArgumentException(what + " encodes to " + size + " bytes, over the " + MAX_FRAME_BYTES
                    + "-byte frame limit");
        }
        return new byte[(int) size];
    }

    static int header(byte[] frame, int kind) {
        frame[0] = MAGIC_0;
        frame[1] = MAGIC_1;
        frame[2] = VERSION;
        frame[3] = (byte) kind;
        return HEADER_BYTES;
    }

    /** Writes a length byte then the bytes; the caller has checked the length fits. */
    private static int putBytes(byte[] frame, int p, byte[] utf8) {
        frame[p] = (byte) utf8.length;
        System.arraycopy(utf8, 0, frame, p + 1, utf8.length);
        return p + 1 + utf8.length;
    }

    private static int checkHeader(byte[] frame, int kind) throws MalformedFrameException {
        int found = kindOf(frame);
        if (found != kind) {
            throw new MalformedFrameException("frame kind " + found + " where kind " + kind + " ("
                    + (kind == KIND_TASKS ? "tasks" : "results") + ") was expected");
        }
        return HEADER_BYTES;
    }

    /** The kind of a frame whose size, magic and version are right. */
    static int kindOf(byte[] frame) throws MalformedFrameException {
        if (frame.length > MAX_FRAME_BYTES) {
            throw new MalformedFrameException("frame of " + frame.length + " bytes is over the " + MAX_FRAME_BYTES
                    + "-byte limit");
        }
        need(frame, 0, HEADER_BYTES, "the header");
        if (frame[0] != MAGIC_0 || frame[1] != MAGIC_1) {
            throw new MalformedFrameException(String.format("bad magic 0x%02x%02x, expected 0x%02x%02x (\"AC\")",
                    frame[0], frame[1], MAGIC_0, MAGIC_1));
        }
        if (frame[2] != VERSION) {
            throw new MalformedFrameException("unsupported version " + (frame[2] & 0xFF) + ", expected " + VERSION
                    + (frame[2] == 1 ? " (version 1 is asynccom before results returned over the task connection: "
                    + "upgrade that peer)" : ""));
        }
        return frame[3] & 0xFF;
    }

    private static void need(byte[] frame, int p, int bytes, String what) throws MalformedFrameException {
        if (frame.length - p < bytes) {
            throw new MalformedFrameException("frame truncated: " + what + " need " + bytes + " bytes at offset " + p
                    + ", " + (frame.length - p) + " left");
        }
    }
}
