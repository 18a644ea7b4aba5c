/**
 * The vocabulary every part shares: a {@link dev.asynccom.core.Task} and its {@link dev.asynccom.core.Result},
 * the batches they travel in, and the transport SPI ({@link dev.asynccom.core.ClientTransport},
 * {@link dev.asynccom.core.ServerTransport}, and {@link dev.asynccom.core.WorkerTransport} with its
 * {@link dev.asynccom.core.WorkerMessage}s and {@link dev.asynccom.core.Heartbeat} for remote workers) whose
 * first sentence states which thread calls what.
 * Records here are immutable and safe to hand between threads; {@link dev.asynccom.core.NanoClock} is
 * the one source of time; {@link dev.asynccom.core.UserError} is the one type of every error a user can fix.
 */
package dev.asynccom.core;
