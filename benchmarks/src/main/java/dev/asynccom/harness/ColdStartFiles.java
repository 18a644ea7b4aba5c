package dev.asynccom.harness;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data files of a cold-start run and of the AOT training run, written so that the original Python seed reads
 * them too: its parser takes only the commands {@code foo} and {@code bar} (the seed's own examples), so the map
 * is {@value #HOSTS} hosts x {@code foo}/{@code bar}, each with response 1 and no delay, and the commands file
 * cycles through them. The sum of the responses is then the number of tasks answered, which is how the seed's
 * client accounts for its tasks (it prints that sum).
 */
public final class ColdStartFiles {
    public static final String SERVER_FILE = "server_data.txt";
    public static final String CLIENT_FILE = "client_data.txt";
    static final int HOSTS = 256;
    private static final String[] COMMANDS = {"foo", "bar"};

    private ColdStartFiles() {
    }

    /** Writes {@link #SERVER_FILE} and a {@link #CLIENT_FILE} of {@code tasks} lines into {@code folder}. */
    public static void write(Path folder, int tasks) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(folder.resolve(SERVER_FILE), StandardCharsets.US_ASCII)) {
            for (int host = 0; host < HOSTS; host++) {
                for (String command : COMMANDS) {
                    w.write(host(host) + ":" + command + ":1:0\n");
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(folder.resolve(CLIENT_FILE), StandardCharsets.US_ASCII)) {
            for (int i = 0; i < tasks; i++) {
                int key = i % (HOSTS * COMMANDS.length);
                w.write(host(key / COMMANDS.length) + ":" + COMMANDS[key % COMMANDS.length] + "\n");
            }
        }
    }

    private static String host(int i) {
        return "10.0." + (i >> 8) + "." + (i & 0xff);
    }

    /** A port free on 127.0.0.1 at the moment of asking. */
    public static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
