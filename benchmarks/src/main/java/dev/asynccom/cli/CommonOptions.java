package dev.asynccom.cli;

import dev.asynccom.transport.codec.WireCodec;
import dev.asynccom.transport.zmq.ZmqOptions;
import picocli.CommandLine.Option;

/** Options that the client and the server share; mixed into both with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--codec", paramLabel = "binary|seed", defaultValue = "binary", converter = CodecConverter.class,
            description = {"Wire format; both ends must use the same one (default: ${DEFAULT-VALUE}).",
                    "binary: compact, names every task, results return over the task connection (docs/WIRE.md).",
                    "seed: the original Python system's JSON, to talk to it; one answer (a sum) per batch."})
    WireCodec codec;

    /** The ZeroMQ settings the transports use: the defaults with the chosen codec. */
    ZmqOptions zmqOptions() {
        return ZmqOptions.defaults().withCodec(codec);
    }

    /** Reads {@code --codec}. */
    static final class CodecConverter extends ParsingConverter<WireCodec> {
        CodecConverter() {
            super(WireCodec::byName);
        }
    }
}
