package dev.asynccom.cli;

import dev.asynccom.transport.codec.WireCodec;
import dev.asynccom.transport.zmq.ZmqOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options that the client and the server share; mixed into both with {@code @Mixin}. */
public final class CommonOptions {
    @Option(names = "--codec", paramLabel = "binary|seed", defaultValue = "binary", converter = CodecConverter.class,
            description = {"Wire format; both ends must use the same one (default: ${DEFAULT-VALUE}).",
                    "binary: compact, names every task, carries the client's reply-to endpoint (docs/WIRE.md).",
                    "seed: the original Python system's JSON, to talk to it; one answer (a sum) per batch."})
    WireCodec codec;

    /** The ZeroMQ settings the transports use: the defaults with the chosen codec. */
    ZmqOptions zmqOptions() {
        return ZmqOptions.defaults().withCodec(codec);
    }

    /** Reads {@code --codec}. */
    static final class CodecConverter implements ITypeConverter<WireCodec> {
        @Override
        public WireCodec convert(String value) {
            try {
                return WireCodec.byName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
