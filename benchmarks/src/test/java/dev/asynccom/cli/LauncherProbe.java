package dev.asynccom.cli;

/** The main class of the small jar {@link LauncherTest} runs through {@code bin/asynccom}: says it ran, and its args. */
public final class LauncherProbe {
    private LauncherProbe() {
    }

    public static void main(String[] args) {
        System.out.println("probe ran on Java " + Runtime.version().feature() + " with " + String.join(" ", args));
    }
}
