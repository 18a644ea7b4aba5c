package dev.asynccom.transport.zmq;

import dev.asynccom.transport.codec.WireCodec;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SocketsTest {
    @Test
    void everySocketRetriesAStalledHandshakeWithinASecondRatherThanThirty() {
        try (ZContext context = new ZContext()) {
            for (SocketType type : new SocketType[]{SocketType.PUSH, SocketType.PULL}) {
                ZMQ.Socket socket = Sockets.open(context, type, ZmqOptions.defaults());
                assertEquals(Sockets.HANDSHAKE_IVL_MILLIS, socket.getHandshakeIvl(), type.name());
                socket.close();
            }
        }
    }

    @Test
    void everySocketCapsMessagesAtTheProtocolsFrameLimit() {
        try (ZContext context = new ZContext()) {
            for (SocketType type : new SocketType[]{SocketType.PUSH, SocketType.PULL, SocketType.ROUTER,
                    SocketType.DEALER}) {
                ZMQ.Socket socket = Sockets.open(context, type, ZmqOptions.defaults());
                assertEquals(WireCodec.MAX_FRAME_BYTES, socket.getMaxMsgSize(), type.name());
                socket.close();
            }
        }
    }
}
