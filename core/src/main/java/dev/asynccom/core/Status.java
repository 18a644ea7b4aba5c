package dev.asynccom.core;

/** How a task ended on the server. The order is part of the binary wire format: append only. */
public enum Status {
    /** The handler ran the command and answered its response. */
    OK,
    /** The server's {@link dev.asynccom.core.workload.DelayMap} has no entry for the task's {@code host:command}. */
    UNKNOWN_COMMAND,
    /** The handler threw; the task ran but has no valid response. */
    FAILED,
    /** The server refused the task without running it (shutting down, or over a limit). */
    REJECTED;

    private static final Status[] VALUES = values();

    /** The status with the given wire code, or {@code null} if there is none. */
    public static Status ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    /** Lower-case name with spaces, as printed in summaries ({@code unknown command}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
