/**
 * Wire formats, bytes to batches and back: the versioned {@code binary} codec of {@code docs/WIRE.md},
 * the worker protocol's frames built on it ({@link dev.asynccom.transport.codec.WorkerFrames}), and the
 * original Python system's JSON ({@code seed}). Codecs are stateless and bounded: a malformed
 * or oversized frame is rejected with {@link dev.asynccom.transport.codec.MalformedFrameException}, never a crash.
 */
package dev.asynccom.transport.codec;
