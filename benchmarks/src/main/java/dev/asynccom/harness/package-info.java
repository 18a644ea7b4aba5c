/**
 * The launcher behind {@code java -jar benchmarks.jar}: the default suite, the user's JMH options over
 * it, running JMH (which owns the forks) and writing the results folder; and the capacity search
 * ({@link dev.asynccom.harness.CapacitySearch}), which offers a system open-loop rates step by step
 * ({@link dev.asynccom.harness.LoadStep}). Both run on the calling thread.
 */
package dev.asynccom.harness;
