/**
 * The launcher behind {@code java -jar benchmarks.jar}: the default suite, the user's JMH options over
 * it, running JMH (which owns the forks) and writing the results folder. Runs on the calling thread.
 */
package dev.asynccom.harness;
