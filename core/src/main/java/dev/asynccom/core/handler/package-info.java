/**
 * What a task does ({@link dev.asynccom.core.handler.TaskHandler}): sleep the delay the DelayMap holds,
 * burn the same time in CPU, or answer at once. A handler runs on whatever worker thread the strategy
 * gives it, many at once, and keeps no per-call state.
 */
package dev.asynccom.core.handler;
