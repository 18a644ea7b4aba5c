package dev.asynccom.core;

import java.util.Objects;

/**
 * One unit of work: run {@code command} on {@code host}, as the seed's {@code <ip>:<command>} line says.
 *
 * <p>The id is chosen by the client and is unique within one client's run; every {@link Result}
 * names the id of its task so the client can account for each task exactly once.
 *
 * @param id      client-chosen identifier, unique per client run, non-negative
 * @param host    the emulated host (data only: nothing ever connects to it)
 * @param command the command to emulate on that host (no {@code ':'} or white space)
 */
public record Task(long id, String host, String command) {
    /**
     * The most bytes of UTF-8 in a host or a command: what the binary
     * wire format's one-byte length prefix can carry ({@code docs/WIRE.md}), so longer ones are refused where
     * they are read, never when they are sent.
     */
    public static final int MAX_STRING_BYTES = 255;

    public Task {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(command, "command");
    }

    /** Parses {@code host:command}, splitting at the last colon (so IPv6-free keys stay simple). */
    public static Task of(long id, String key) {
        int colon = key.lastIndexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            throw new IllegalArgumentException("not a host:command pair: '" + key + "'");
        }
        return new Task(id, key.substring(0, colon), key.substring(colon + 1));
    }

    /** The {@code host:command} key this task is looked up by. */
    public String key() {
        return host + ':' + command;
    }
}
