/**
 * One client-server loop in one JVM: its configuration, named with the benchmark's parameter names
 * ({@link dev.asynccom.loop.LoopConfig}), and the wiring of client and server over the chosen transport
 * ({@link dev.asynccom.loop.LoopLink}). The benchmarks and the harness run loops through it.
 */
package dev.asynccom.loop;
