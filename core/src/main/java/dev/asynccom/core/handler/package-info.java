/**
 * What a task does ({@link dev.asynccom.core.handler.TaskHandler}): sleep the delay the DelayMap holds,
 * burn the same time in CPU, or answer at once. A handler runs on whatever worker thread the strategy
 * gives it, many at once, and keeps no per-call state. The one thread of this package is the
 * {@link dev.asynccom.core.handler.DeadlineWaker}'s: a virtual thread that wakes sleeping virtual threads.
 */
package dev.asynccom.core.handler;
