package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.transport.codec.WireCodec;
import dev.asynccom.transport.zmq.CurveSetup;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The key options, mixed into {@code server}, {@code client} and {@code worker}: with them every socket
 * between these sides is CURVE (encrypted, and the server admits only the keys it was given). Read and
 * checked before any socket exists; without them everything is plain.
 */
public final class CurveOptions {
    @Option(names = "--curve-secret", paramLabel = "FILE",
            description = "This side's own secret certificate (keygen writes one, readable by its owner only); "
                    + "with it every socket to the other side is CURVE.")
    Path secret;

    @Option(names = "--curve-server", paramLabel = "FILE",
            description = "On clients and workers: the server's public certificate.")
    Path server;

    @Option(names = "--curve-allow", paramLabel = "DIR",
            description = "On the server: the folder of the public certificates of the clients and workers it "
                    + "admits; a change to it takes effect at the next handshake.")
    Path allow;

    /** The server's setup, or {@code null} for a plain server. */
    CurveSetup.Server forServer(WireCodec codec) {
        if (server != null) {
            throw new UserError("--curve-server is for clients and workers: a server gives its own --curve-secret "
                    + "and the --curve-allow folder of the keys it admits");
        }
        CurveSetup.Server setup = CurveSetup.forServer(secret, allow).orElse(null);
        requireBinary(setup, codec);
        return setup;
    }

    /** A client's or worker's setup, or {@code null} for a plain one. */
    CurveSetup.Client forClient(WireCodec codec) {
        if (allow != null) {
            throw new UserError("--curve-allow is for the server: a client or worker gives its own --curve-secret "
                    + "and the server's public certificate, --curve-server");
        }
        CurveSetup.Client setup = CurveSetup.forClient(secret, server).orElse(null);
        requireBinary(setup, codec);
        return setup;
    }

    private static void requireBinary(CurveSetup setup, WireCodec codec) {
        if (setup != null && codec != null && codec.seedTopology()) {
            throw CurveSetup.refusedWithSeedCodec();
        }
    }
}
