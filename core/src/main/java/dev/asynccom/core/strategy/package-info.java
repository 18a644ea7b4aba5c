/**
 * How tasks run concurrently ({@link dev.asynccom.core.strategy.WorkerStrategy}): a pool of platform
 * threads, a virtual thread per task, a fork-join pool, or the original system's thread per command.
 * Each strategy owns its worker threads; the server's receive thread is the only caller of
 * {@code execute}.
 */
package dev.asynccom.core.strategy;
