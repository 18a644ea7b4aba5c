package dev.asynccom.transport.codec;

import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultColumns;
import dev.asynccom.core.ResultSink;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;

/**
 * Turns task and result batches into single ZeroMQ frames and back. Implementations are stateless
 * and safe to share between threads. {@code docs/WIRE.md} specifies both formats.
 *
 * <p>Encoding a batch over a limit is the caller's error ({@link IllegalArgumentException}); decoding
 * a frame over a limit, or otherwise malformed, is the peer's ({@link MalformedFrameException}, never an
 * unchecked exception, and never an allocation sized by an unchecked length).
 */
public interface WireCodec {
    /** Most tasks in one task frame, and most results in one result frame. */
    int MAX_TASKS = 65_536;
    /** Most bytes of UTF-8 in a host or a command: {@link Task#MAX_STRING_BYTES}. */
    int MAX_STRING_BYTES = Task.MAX_STRING_BYTES;
    /** Largest frame either codec reads or writes (16 MiB); also the sockets' maximum message size. */
    int MAX_FRAME_BYTES = 16 << 20;

    /** The name the codec is chosen by ({@code binary}, {@code seed}). */
    String name();

    /** Encodes one task batch as one frame. */
    byte[] encodeTasks(TaskBatch batch);

    /**
     * Decodes a task frame.
     *
     * @return the batch, or {@code null} for a well-formed control frame that carries no tasks
     */
    TaskBatch decodeTasks(byte[] frame) throws MalformedFrameException;

    /** Encodes results as one frame. */
    byte[] encodeResults(ResultBatch results);

    /**
     * Encodes the results a column buffer holds as one frame, as {@link #encodeResults(ResultBatch)} would. The
     * default builds the batch; a codec may encode the columns without a {@link dev.asynccom.core.Result} each.
     */
    default byte[] encodeResults(ResultColumns results) {
        return encodeResults(results.toBatch(null));
    }

    /** Decodes a result frame; the batch's {@code client} is {@code null} (it was the destination). */
    ResultBatch decodeResults(byte[] frame) throws MalformedFrameException;

    /**
     * Decodes a result frame into {@code sink}, result by result, as {@link #decodeResults(byte[])} would have
     * them; a malformed frame throws before {@code sink} sees any of it. The default builds the batch; a codec
     * may hand the fields over without a {@link dev.asynccom.core.Result} each.
     *
     * @return how many results {@code sink} took
     */
    default int decodeResults(byte[] frame, ResultSink sink) throws MalformedFrameException {
        return sink.acceptAll(decodeResults(frame));
    }

    /**
     * Whether peers use the seed's sockets: the client binds a PULL socket for results and the server
     * connects a PUSH socket to the one result endpoint its operator gave (the seed's protocol names no
     * client). Otherwise results return over the connection the tasks came in on.
     */
    default boolean seedTopology() {
        return false;
    }

    /**
     * Whether result frames name their tasks. When not (the seed's protocol answers one sum per batch),
     * the server must answer whole batches and the client attributes answers to its batches in order.
     */
    default boolean namesTasks() {
        return true;
    }

    /**
     * The format {@code frame} looks like, from its first bytes: {@code binary} (magic {@code "AC"}),
     * {@code seed} (a JSON array), or {@code null}. Only a hint for a line to an operator, such as a
     * likely codec mismatch; decoding decides what a frame is.
     */
    static String likelyFormat(byte[] frame) {
        if (frame.length >= 2 && frame[0] == BinaryCodec.MAGIC_0 && frame[1] == BinaryCodec.MAGIC_1) {
            return BinaryCodec.NAME;
        }
        int i = 0;
        while (i < frame.length && (frame[i] == ' ' || frame[i] == '\t' || frame[i] == '\r' || frame[i] == '\n')) {
            i++;
        }
        return i < frame.length && frame[i] == '[' ? PythonJsonCodec.NAME : null;
    }

    /** The codec called {@code name}: {@code binary} or {@code seed}. */
    static WireCodec byName(String name) {
        return switch (name) {
            case BinaryCodec.NAME -> new BinaryCodec();
            case PythonJsonCodec.NAME -> new PythonJsonCodec();
            default -> throw new IllegalArgumentException(
                    "unknown wire codec '" + name + "': expected " + BinaryCodec.NAME + " or " + PythonJsonCodec.NAME);
        };
    }
}
