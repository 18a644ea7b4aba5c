/**
 * Building blocks for the threads of the engines and transports: the one idle strategy every waiting
 * loop uses ({@link dev.asynccom.core.concurrent.BackoffIdler}, owned by the thread that idles) and the
 * in-flight count a shutdown waits on ({@link dev.asynccom.core.concurrent.InFlightTracker}, safe from any thread).
 */
package dev.asynccom.core.concurrent;
