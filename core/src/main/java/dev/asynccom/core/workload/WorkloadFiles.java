package dev.asynccom.core.workload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a workload in the seed's two file formats, the ones {@link DelayMap#load} and
 * {@link CommandList#load} read: what {@code generate} writes and what a benchmark hands to a server
 * in another JVM.
 */
public final class WorkloadFiles {
    /** The server's file in a workload folder, named as the seed names it. */
    public static final String SERVER_FILE = "server_data.txt";
    /** The client's file in a workload folder. */
    public static final String CLIENT_FILE = "client_data.txt";

    private WorkloadFiles() {
    }

    /** Writes {@code map} as a server file, {@code <ipv4>:<command>:<response>:<wait seconds>} per line. */
    public static void writeServerFile(Path file, DelayMap map) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < map.size(); i++) {
                w.append(map.host(i)).append(':').append(map.command(i)).append(':')
                        .append(Integer.toString(map.response(i))).append(':')
                        .append(seconds(map.delayNanos(i))).append('\n');
            }
        }
    }

    /** Writes {@code commands} as a client file, {@code <ipv4>:<command>} per line. */
    public static void writeClientFile(Path file, CommandList commands) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < commands.size(); i++) {
                w.append(commands.host(i)).append(':').append(commands.command(i)).append('\n');
            }
        }
    }

    /** Nanoseconds as decimal seconds, exactly: {@code 0}, {@code 0.001}, {@code 1.5}. */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
