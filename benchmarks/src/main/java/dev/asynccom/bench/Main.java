package dev.asynccom.bench;

/**
 * Entry point of {@code benchmarks.jar}: a named subcommand runs its own code; anything else (no
 * arguments, JMH options, a benchmark regex) goes to JMH.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
