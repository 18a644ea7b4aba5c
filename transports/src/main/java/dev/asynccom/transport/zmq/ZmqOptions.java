package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.transport.codec.BinaryCodec;
import dev.asynccom.transport.codec.WireCodec;

import java.util.Objects;

/**
 * Settings shared by {@link ZmqClientTransport} and {@link ZmqServerTransport}.
 *
 * @param codec         the wire format; both ends must use the same one
 * @param sendHwm       ZMQ_SNDHWM of every PUSH socket, in messages (0 = unlimited): where backpressure starts
 * @param receiveHwm    ZMQ_RCVHWM of every PULL socket, in messages (0 = unlimited)
 * @param lingerMillis  ZMQ_LINGER of every socket: how long unsent messages may still be flushed after close,
 *                      in milliseconds (-1 = until delivered); set deliberately because jeromq's
 *                      {@code ZContext} gives its sockets 0, which drops them
 * @param maxReplyPeers most reply-to endpoints a server keeps a PUSH socket open to; the least recently
 *                      used one is closed (lingering) beyond that, so peers cannot make it open sockets
 *                      without bound
 * @param clock         the time source of send and receive timeouts
 */
public record ZmqOptions(WireCodec codec, int sendHwm, int receiveHwm, int lingerMillis, int maxReplyPeers,
                         NanoClock clock) {
    public static final int DEFAULT_HWM = 1000;
    public static final int DEFAULT_LINGER_MILLIS = 2000;
    public static final int DEFAULT_MAX_REPLY_PEERS = 1024;

    public ZmqOptions {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(clock, "clock");
        if (sendHwm < 0 || receiveHwm < 0) {
            throw new IllegalArgumentException("high-water marks must be 0 (unlimited) or more, got send "
                    + sendHwm + " and receive " + receiveHwm);
        }
        if (lingerMillis < -1) {
            throw new IllegalArgumentException("linger must be -1 (forever) or more milliseconds, got " + lingerMillis);
        }
        if (maxReplyPeers < 1) {
            throw new IllegalArgumentException("a server needs at least 1 reply peer, got " + maxReplyPeers);
        }
    }

    /** The binary codec, high-water marks of 1000 messages, 2 s of linger, 1024 reply peers, the system clock. */
    public static ZmqOptions defaults() {
        return new ZmqOptions(new BinaryCodec(), DEFAULT_HWM, DEFAULT_HWM, DEFAULT_LINGER_MILLIS,
                DEFAULT_MAX_REPLY_PEERS, NanoClock.system());
    }

    public ZmqOptions withCodec(WireCodec codec) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, maxReplyPeers, clock);
    }

    public ZmqOptions withHwm(int sendHwm, int receiveHwm) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, maxReplyPeers, clock);
    }

    public ZmqOptions withLingerMillis(int lingerMillis) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, maxReplyPeers, clock);
    }
}
