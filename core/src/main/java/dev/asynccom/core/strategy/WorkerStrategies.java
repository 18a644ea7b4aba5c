package dev.asynccom.core.strategy;

import java.util.List;

/** Creates the built-in {@link WorkerStrategy}s by the names used on command lines and in results. */
public final class WorkerStrategies {
    private static final List<String> NAMES = List.of("platform", "virtual", "forkjoin", "seed");

    private WorkerStrategies() {
    }

    /** The built-in strategies' names. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Creates a strategy.
     *
     * @param name    {@code platform}, {@code virtual}, {@code forkjoin} or {@code seed}
     * @param workers platform: threads; virtual: concurrency limit (0 for none); forkjoin: maximum
     *                pool size; seed: batch workers
     * @throws IllegalArgumentException for an unknown name or a worker count the strategy refuses
     */
    public static WorkerStrategy create(String name, int workers) {
        return switch (name) {
            case "platform" -> new PlatformPoolStrategy(workers);
            case "virtual" -> new VirtualThreadStrategy(workers);
            case "forkjoin" -> new ForkJoinStrategy(workers);
            case "seed" -> new ThreadPerCommandStrategy(workers);
            default -> throw new IllegalArgumentException(
                    "unknown strategy '" + name + "': expected one of " + String.join(", ", NAMES));
        };
    }
}
