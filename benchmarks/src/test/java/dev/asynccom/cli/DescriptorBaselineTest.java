package dev.asynccom.cli;

import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.workload.CommandList;
import dev.asynccom.transport.zmq.ZmqClientTransport;
import dev.asynccom.transport.zmq.ZmqOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that come and go leave nothing open on the server: its descriptors (read from
 * {@code /proc/<pid>/fd} of a real {@code server} JVM) return to what they were before the first client.
 * Before results returned over the task connection, each client left a PUSH socket to its reply-to
 * endpoint behind, about 4 descriptors a client.
 */
class DescriptorBaselineTest {
    private static final int CLIENTS = 200;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void serverDescriptorsReturnToTheirBaselineAfterClientsLeave() throws Exception {
        Path map = CliRig.write(dir.resolve("map.txt"), CliRig.mapLines(16, 1, "0"));
        Path commands = CliRig.write(dir.resolve("commands.txt"), CliRig.commandLines(16));
        CommandList list = CommandList.load(commands);
        try (CliRig.Server server = CliRig.startServer("fd-server", map, "tcp://127.0.0.1:1", 4)) {
            long pid = server.process().pid();
            runClient(server.endpoint(), list); // the first one also warms up jeromq's lazily made parts
            int baseline = settledDescriptors(pid, -1);
            for (int c = 0; c < CLIENTS; c++) {
                runClient(server.endpoint(), list);
            }
            int after = settledDescriptors(pid, baseline);
            assertEquals(baseline, after, CLIENTS + " clients came and went: descriptors before and after");
        }
    }

    private static void runClient(String endpoint, CommandList commands) throws InterruptedException {
        try (ZmqClientTransport transport = new ZmqClientTransport(endpoint, ZmqOptions.defaults())) {
            RunSummary summary = new ClientEngine(transport, ClientOptions.DEFAULTS.withBatchSize(4)).run(commands);
            assertEquals(16, summary.ok(), summary.toString());
        }
    }

    /** The server's open descriptors once the count holds still (the ROUTER drops a closed peer's pipe soon after). */
    private static int settledDescriptors(long pid, int target) throws IOException, InterruptedException {
        int last = count(pid);
        for (int i = 0; i < 50 && last != target; i++) {
            Thread.sleep(100);
            int now = count(pid);
            if (now == last && target < 0) {
                return now;
            }
            last = now;
        }
        assertTrue(last > 0);
        return last;
    }

    private static int count(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }
}
