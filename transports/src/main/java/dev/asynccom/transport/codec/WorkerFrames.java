package dev.asynccom.transport.codec;

import dev.asynccom.core.Result;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.WorkerMessage;
import dev.asynccom.core.WorkerMessage.Control;
import dev.asynccom.core.ResultBatch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The frames of the worker protocol ({@code docs/WIRE.md}, "The worker protocol"): the binary format's
 * header, with the task frame (kind 1, server to worker) and the result frame (kind 2, worker to server)
 * as clients and servers use them, and four kinds of its own: READY, HEARTBEAT, GOODBYE and DISCONNECT.
 * Stateless.
 */
public final class WorkerFrames {
    public static final int KIND_READY = 0x10;
    public static final int KIND_HEARTBEAT = 0x11;
    public static final int KIND_GOODBYE = 0x12;
    public static final int KIND_DISCONNECT = 0x13;
    /** READY: header, credit u32, label length u8. */
    static final int READY_FIXED_BYTES = BinaryCodec.HEADER_BYTES + 4 + 1;

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final BinaryCodec BINARY = new BinaryCodec();

    private WorkerFrames() {
    }

    /** A worker's READY: it can take {@code credit} more tasks; {@code label} (at most 255 bytes of UTF-8) says what it is. */
    public static byte[] ready(int credit, String label) {
        if (credit < 0) {
            throw new IllegalArgumentException("credit must not be negative, got " + credit);
        }
        byte[] frame = new byte[READY_FIXED_BYTES + Utf8.checkedLength(label, "label")];
        BinaryCodec.header(frame, KIND_READY);
        INT.set(frame, BinaryCodec.HEADER_BYTES, credit);
        int end = Utf8.write(label, frame, READY_FIXED_BYTES);
        frame[READY_FIXED_BYTES - 1] = (byte) (end - READY_FIXED_BYTES);
        return frame;
    }

    /** A body-less frame: the 4-byte header of {@code control}'s kind. */
    public static byte[] control(Control control) {
        byte[] frame = new byte[BinaryCodec.HEADER_BYTES];
        BinaryCodec.header(frame, switch (control) {
            case HEARTBEAT -> KIND_HEARTBEAT;
            case GOODBYE -> KIND_GOODBYE;
            case DISCONNECT -> KIND_DISCONNECT;
        });
        return frame;
    }

    /** Tasks for a worker: a task frame with batch id 0, each task's id its delivery id. */
    public static byte[] tasks(List<Task> tasks) {
        return BINARY.encodeTasks(new TaskBatch(0, tasks));
    }

    /** A worker's results: a result frame, each result naming its task's delivery id. */
    public static byte[] results(List<Result> results) {
        return BINARY.encodeResults(new ResultBatch(null, results));
    }

    /** What the server makes of a frame from {@code worker}. */
    public static WorkerMessage decodeFromWorker(String worker, byte[] frame) throws MalformedFrameException {
        int kind = BinaryCodec.kindOf(frame);
        return switch (kind) {
            case BinaryCodec.KIND_RESULTS -> new WorkerMessage.Results(worker, BINARY.decodeResults(frame).results());
            case KIND_READY -> decodeReady(worker, frame);
            case KIND_HEARTBEAT -> bodyless(worker, frame, Control.HEARTBEAT);
            case KIND_GOODBYE -> bodyless(worker, frame, Control.GOODBYE);
            default -> throw new MalformedFrameException("frame kind " + kind + " is not one a worker sends "
                    + "(results 2, ready 16, heartbeat 17, goodbye 18)");
        };
    }

    /**
     * What a worker makes of a frame from the server: the tasks of a task frame, or {@code null} with
     * {@code controlOut[0]} set for a control frame.
     */
    public static TaskBatch decodeFromServer(byte[] frame, Control[] controlOut) throws MalformedFrameException {
        int kind = BinaryCodec.kindOf(frame);
        controlOut[0] = null;
        switch (kind) {
            case BinaryCodec.KIND_TASKS -> {
                return BINARY.decodeTasks(frame);
            }
            case KIND_HEARTBEAT -> controlOut[0] = bodyless(null, frame, Control.HEARTBEAT).control();
            case KIND_GOODBYE -> controlOut[0] = bodyless(null, frame, Control.GOODBYE).control();
            case KIND_DISCONNECT -> controlOut[0] = bodyless(null, frame, Control.DISCONNECT).control();
            default -> throw new MalformedFrameException("frame kind " + kind + " is not one a server sends "
                    + "(tasks 1, heartbeat 17, goodbye 18, disconnect 19)");
        }
        return null;
    }

    private static WorkerMessage.Ready decodeReady(String worker, byte[] frame) throws MalformedFrameException {
        if (frame.length < READY_FIXED_BYTES) {
            throw new MalformedFrameException("READY frame of " + frame.length + " bytes, at least "
                    + READY_FIXED_BYTES + " expected");
        }
        int credit = (int) INT.get(frame, BinaryCodec.HEADER_BYTES);
        if (credit < 0) {
            throw new MalformedFrameException("READY with a negative credit " + credit);
        }
        int labelLength = frame[READY_FIXED_BYTES - 1] & 0xFF;
        if (frame.length != READY_FIXED_BYTES + labelLength) {
            throw new MalformedFrameException("READY frame of " + frame.length + " bytes for a label of " + labelLength
                    + ", expected " + (READY_FIXED_BYTES + labelLength));
        }
        return new WorkerMessage.Ready(worker, credit, Utf8.decode(frame, READY_FIXED_BYTES, labelLength));
    }

    private static WorkerMessage.Signal bodyless(String worker, byte[] frame, Control control)
            throws MalformedFrameException {
        if (frame.length != BinaryCodec.HEADER_BYTES) {
            throw new MalformedFrameException(control + " frame of " + frame.length + " bytes, expected "
                    + BinaryCodec.HEADER_BYTES);
        }
        return new WorkerMessage.Signal(worker, control);
    }
}
