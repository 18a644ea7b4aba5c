/**
 * The launcher behind {@code java -jar benchmarks.jar}: the default suite, the user's JMH options over
 * it, running JMH (which owns the forks) and each capacity search in a JVM of its own
 * ({@link dev.asynccom.harness.CapacityRunner}), writing the results folder (partial when stopped: the
 * shutdown hook's thread writes it then); and the capacity search
 * ({@link dev.asynccom.harness.CapacitySearch}), which offers a system open-loop rates step by step
 * ({@link dev.asynccom.harness.LoadStep}), with its curve and pool diagnostics. Both run on the calling
 * thread ({@link dev.asynccom.harness.PoolDiagnostics} samples on a thread of its own).
 */
package dev.asynccom.harness;
