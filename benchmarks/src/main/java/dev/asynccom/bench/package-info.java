/**
 * The JMH benchmarks, one idea each: the full client-server loop, the in-process loop, the loop
 * across two JVMs, and the raw JDK-queue and jeromq baselines it is measured against. JMH owns
 * their threads; a benchmark's state owns its engines and sockets.
 */
package dev.asynccom.bench;
