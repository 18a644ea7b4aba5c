package dev.asynccom.transport.zmq;

import dev.asynccom.core.NanoClock;
import dev.asynccom.transport.codec.BinaryCodec;
import dev.asynccom.transport.codec.WireCodec;

import java.util.Objects;

/**
 * Settings shared by the ZeroMQ transports.
 *
 * @param codec         the wire format; both ends must use the same one
 * @param sendHwm       ZMQ_SNDHWM of every socket, in messages (0 = unlimited): where backpressure starts; also
 *                      how many messages a socket thread's outgoing queue holds
 * @param receiveHwm    ZMQ_RCVHWM of every socket, in messages (0 = unlimited); also how many received messages
 *                      a socket thread's queue holds before it stops reading
 * @param lingerMillis  ZMQ_LINGER of every socket: how long unsent messages may still be flushed after close,
 *                      in milliseconds (-1 = until delivered); set deliberately because jeromq's
 *                      {@code ZContext} gives its sockets 0, which drops them
 * @param clock         the time source of send and receive timeouts
 * @param notices       where lines about refused frames and peers go (rate-limited)
 * @param curve         this side's CURVE setup, or {@code null} for plain sockets: a {@link CurveSetup.Server}
 *                      for a server's sockets, a {@link CurveSetup.Client} for a client's or a worker's
 */
public record ZmqOptions(WireCodec codec, int sendHwm, int receiveHwm, int lingerMillis, NanoClock clock,
                         Notices notices, CurveSetup curve) {
    public static final int DEFAULT_HWM = 1000;
    public static final int DEFAULT_LINGER_MILLIS = 2000;

    public ZmqOptions {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(notices, "notices");
        if (sendHwm < 0 || receiveHwm < 0) {
            throw new IllegalArgumentException("high-water marks must be 0 (unlimited) or more, got send "
                    + sendHwm + " and receive " + receiveHwm);
        }
        if (lingerMillis < -1) {
            throw new IllegalArgumentException("linger must be -1 (forever) or more milliseconds, got " + lingerMillis);
        }
    }

    /** The binary codec, high-water marks of 1000 messages, 2 s of linger, the system clock, no notices, no CURVE. */
    public static ZmqOptions defaults() {
        return new ZmqOptions(new BinaryCodec(), DEFAULT_HWM, DEFAULT_HWM, DEFAULT_LINGER_MILLIS, NanoClock.system(),
                Notices.NONE, null);
    }

    public ZmqOptions withCodec(WireCodec codec) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, clock, notices, curve);
    }

    public ZmqOptions withHwm(int sendHwm, int receiveHwm) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, clock, notices, curve);
    }

    public ZmqOptions withLingerMillis(int lingerMillis) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, clock, notices, curve);
    }

    public ZmqOptions withNotices(Notices notices) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, clock, notices, curve);
    }

    public ZmqOptions withCurve(CurveSetup curve) {
        return new ZmqOptions(codec, sendHwm, receiveHwm, lingerMillis, clock, notices, curve);
    }
}
