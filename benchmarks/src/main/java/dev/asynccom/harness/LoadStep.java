package dev.asynccom.harness;

/**
 * One measured step of a capacity search: offers a system an open-loop rate long enough for steady
 * state (warm-up discarded) and says what it saw. The search calls it from one thread, one step at a
 * time; an implementation owns whatever client, server or simulation it drives.
 */
@FunctionalInterface
public interface LoadStep {
    /** Offers {@code ratePerSecond} tasks per second for one step; {@code slo} names the percentile to report. */
    StepResult run(double ratePerSecond, Slo slo) throws InterruptedException;
}
