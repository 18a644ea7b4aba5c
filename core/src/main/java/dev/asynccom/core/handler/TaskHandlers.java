package dev.asynccom.core.handler;

import dev.asynccom.core.workload.DelayMap;

import java.util.List;

/** The built-in {@link TaskHandler}s by the names used on command lines. */
public final class TaskHandlers {
    private static final List<String> NAMES = List.of("sleep", "cpu", "noop");

    private TaskHandlers() {
    }

    /** The names {@link #create} accepts: {@code sleep}, {@code cpu}, {@code noop}. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * A new handler of the named kind answering from {@code delayMap}. {@code cpu} calibrates itself,
     * which takes about {@value CpuHandler#CALIBRATION_MILLIS} ms.
     *
     * @throws IllegalArgumentException when the name is none of {@link #names()}
     */
    public static TaskHandler create(String name, DelayMap delayMap) {
        return switch (name) {
            case "sleep" -> new SleepHandler(delayMap);
            case "cpu" -> new CpuHandler(delayMap);
            case "noop" -> new NoopHandler(delayMap);
            default -> throw new IllegalArgumentException("unknown handler '" + name + "': expected sleep, cpu or noop");
        };
    }
}
