package dev.asynccom.cli;

import dev.asynccom.core.OpenDescriptors;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that come and go leave nothing open on the server: its sockets, pipes and other
 * non-file descriptors (read from {@code /proc/<pid>/fd} of a real {@code server} JVM) return to what
 * they were before the first client. Before results returned over the task connection, each client
 * left a PUSH socket to its reply-to endpoint behind, about 4 descriptors a client. Nor on the clients'
 * side: the 200 client transports, each with its own context, opened and closed in this JVM, leave
 * its descriptors as they were. A context terminated while its socket was still being reaped used to
 * leave a connection open on both sides once in 3,000 to 10,000 closes (see {@code Sockets.closeAndAwait}):
 * CI saw the server with one socket more.
 *
 * <p>Regular files are not counted: the JVM opens a jar or a shared library the first time a class or
 * a native method in it is needed (a code path the first client did not take, such as a rate-limited
 * log line), once per process and not per client. The message lists every descriptor that came or went.
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
            long self = ProcessHandle.current().pid();
            runClient(server.endpoint(), list); // the first one also warms up jeromq's lazily made parts
            Map<Integer, String> baseline = settled(pid, null);
            Map<Integer, String> ownBaseline = settled(self, null);
            for (int c = 0; c < CLIENTS; c++) {
                runClient(server.endpoint(), list);
            }
            Map<Integer, String> after = settled(pid, baseline);
            Map<Integer, String> ownAfter = settled(self, ownBaseline);
            assertEquals(kinds(baseline), kinds(after), CLIENTS + " clients came and went: the server's descriptors"
                    + " by kind before and after; changed: " + changes(baseline, after));
            assertEquals(kinds(ownBaseline), kinds(ownAfter), CLIENTS + " clients came and went: their JVM's"
                    + " descriptors by kind before and after; changed: " + changes(ownBaseline, ownAfter));
        }
    }

    private static void runClient(String endpoint, CommandList commands) throws InterruptedException {
        try (ZmqClientTransport transport = new ZmqClientTransport(endpoint, ZmqOptions.defaults())) {
            RunSummary summary = new ClientEngine(transport, ClientOptions.DEFAULTS.withBatchSize(4)).run(commands);
            assertEquals(16, summary.ok(), summary.toString());
        }
    }

    /**
     * The server's non-file descriptors once their count holds still (the ROUTER drops a closed peer's
     * pipe soon after), or as soon as they match {@code target}, waiting up to 20 s for that: a loaded CI
     * machine can take seconds to run the server's side of a closed connection.
     */
    private static Map<Integer, String> settled(long pid, Map<Integer, String> target)
            throws IOException, InterruptedException {
        Map<Integer, String> last = OpenDescriptors.of(pid);
        for (int i = 0; i < (target == null ? 50 : 200); i++) {
            if (target != null && kinds(last).equals(kinds(target))) {
                return last;
            }
            Thread.sleep(100);
            Map<Integer, String> now = OpenDescriptors.of(pid);
            if (target == null && kinds(now).equals(kinds(last))) {
                return now;
            }
            last = now;
        }
        assertTrue(!last.isEmpty());
        return last;
    }

    /** How many descriptors of each kind other than a regular file: "socket", "pipe", "anon_inode:[eventpoll]", ... */
    static Map<String, Integer> kinds(Map<Integer, String> descriptors) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (String target : descriptors.values()) {
            if (!target.startsWith("/")) {
                kinds.merge(kind(target), 1, Integer::sum);
            }
        }
        return kinds;
    }

    /** {@code socket:[123]} is a socket, {@code anon_inode:[eventfd]} stays as it is. */
    private static String kind(String target) {
        int bracket = target.indexOf(":[");
        return bracket > 0 && Character.isDigit(target.charAt(bracket + 2)) ? target.substring(0, bracket) : target;
    }

    private static String changes(Map<Integer, String> before, Map<Integer, String> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((fd, target) -> {
            if (!target.equals(after.get(fd))) {
                changed.add("-" + fd + "->" + target);
            }
        });
        after.forEach((fd, target) -> {
            if (!target.equals(before.get(fd))) {
                changed.add("+" + fd + "->" + target);
            }
        });
        return changed.isEmpty() ? "none" : String.join(", ", changed);
    }
}
