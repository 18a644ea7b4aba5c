/**
 * The in-process transport: bounded queues between a client and a server in one JVM, no
 * serialization. The queues are the only shared state; each side's threads are the engines'.
 */
package dev.asynccom.transport.inproc;
