package dev.asynccom.cli;

import dev.asynccom.core.UserError;

import java.util.Arrays;
import java.util.Optional;

/**
 * What the commands allow and say about endpoints, whose peers are always other processes: an
 * {@code inproc://} endpoint is refused (only sockets of one process reach it), an {@code ipc://} one is
 * explained (jeromq 0.6.0 emulates it over loopback tcp).
 */
final class ProcessEndpoints {
    private ProcessEndpoints() {
    }

    /** Refuses an {@code inproc://} endpoint where another process must connect: it never could. */
    static void requireReachable(String endpoint, String what) {
        if (endpoint != null && endpoint.startsWith("inproc://")) {
            throw new UserError(what + " " + endpoint + " is reachable only inside one process, and this command's "
                    + "peers are processes of their own: use tcp://host:port");
        }
    }

    /** The line to show when any of {@code endpoints} is {@code ipc://}: what jeromq makes of it. */
    static Optional<String> ipcNote(String... endpoints) {
        return Arrays.stream(endpoints).filter(e -> e != null && e.startsWith("ipc://")).findFirst()
                .map(e -> "note: jeromq emulates " + e + " over loopback tcp, on a port derived from the path (no "
                        + "Unix socket is made): only jeromq peers on this host reach it, as they would a loopback "
                        + "port, and the Python seed cannot");
    }
}
