package dev.asynccom.loop;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.UserError;
import dev.asynccom.transport.inproc.InProcLink;
import dev.asynccom.transport.zmq.ZmqClientTransport;
import dev.asynccom.transport.zmq.ZmqOptions;
import dev.asynccom.transport.zmq.ZmqServerTransport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The two ends of one client-server link over a named transport, for a benchmark that runs both in one
 * JVM: {@code inproc} (bounded queues, no serialization), {@code zmq-tcp} (jeromq on 127.0.0.1, ephemeral
 * ports) or {@code zmq-ipc} (jeromq {@code ipc://} in a temporary folder, which jeromq emulates over
 * loopback tcp, see docs/WIRE.md). The zmq ends have a ZeroMQ context each, as two processes would.
 *
 * <p>Ownership: the engines own the ends while they run; {@link #close()} closes the client end and the
 * temporary folder once both engines stopped (the server engine closes its own end on shutdown).
 */
public final class LoopLink implements AutoCloseable {
    /** Folders an {@code ipc://} link tries before its bind's refusal stands. */
    static final int IPC_ATTEMPTS = 3;
    private final ClientTransport client;
    private final ServerTransport server;
    private final Path ipcDir;

    private LoopLink(ClientTransport client, ServerTransport server, Path ipcDir) {
        this.client = client;
        this.server = server;
        this.ipcDir = ipcDir;
    }

    /** Opens a link; {@code transport} is one of {@link LoopConfig#TRANSPORTS}. */
    public static LoopLink open(String transport) {
        return switch (transport) {
            case "inproc" -> {
                InProcLink link = new InProcLink();
                yield new LoopLink(link.newClient(), link.server(), null);
            }
            case "zmq-tcp" -> zmq("tcp://127.0.0.1:0", null);
            case "zmq-ipc" -> zmqIpc();
            default -> throw new IllegalArgumentException("unknown transport '" + transport + "': expected one of "
                    + String.join(", ", LoopConfig.TRANSPORTS));
        };
    }

    /**
     * A link over {@code ipc://} in a fresh temporary folder. jeromq serves the path on a loopback tcp port
     * derived from its hash, which another socket of the host may hold now and then: a refused bind is tried
     * again with another folder, {@value #IPC_ATTEMPTS} times in all.
     */
    private static LoopLink zmqIpc() {
        UserError refused = null;
        for (int attempt = 0; attempt < IPC_ATTEMPTS; attempt++) {
            Path dir;
            try {
                dir = Files.createTempDirectory("asynccom-ipc-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a folder for ipc endpoints", e);
            }
            try {
                return zmq("ipc://" + dir.resolve("tasks"), dir);
            } catch (UserError e) {
                refused = e;
                delete(dir);
            }
        }
        throw refused;
    }

    private static LoopLink zmq(String serverBind, Path ipcDir) {
        ZmqOptions options = ZmqOptions.defaults();
        ZmqServerTransport server = new ZmqServerTransport(serverBind, options);
        try {
            return new LoopLink(new ZmqClientTransport(server.boundEndpoint(), options), server, ipcDir);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public ClientTransport client() {
        return client;
    }

    public ServerTransport server() {
        return server;
    }

    @Override
    public void close() {
        client.close();
        if (ipcDir != null) {
            delete(ipcDir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
