package dev.asynccom.transport.zmq;

import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.handler.NoopHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.transport.codec.BinaryCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reply-to hole stays closed: a client that names another address in its frames gets nothing sent
 * there. A plain TCP listener stands for "a host and port of the client's choosing"; it must see no
 * connection at all, while the client itself is answered over its own connection.
 */
class NoDialedAddressTest {
    @Test
    @Timeout(60)
    void aClientNamingAnotherAddressGetsNothingSentThere() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ZmqServerTransport transport = new ZmqServerTransport("tcp://127.0.0.1:0", ZmqOptions.defaults());
             ServerEngine server = new ServerEngine(transport, WorkerStrategies.create("platform", 2),
                     new NoopHandler(DelayMap.builder(1).put("10.0.0.1", "foo", 1, 0).build())).start();
             ZContext context = new ZContext()) {
            String target = "tcp://127.0.0.1:" + listener.getLocalPort();
            ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
            dealer.setLinger(0);
            dealer.setHandshakeIvl(Sockets.HANDSHAKE_IVL_MILLIS);
            dealer.setReceiveTimeOut(10_000);
            dealer.connect(transport.boundEndpoint());

            dealer.send(versionOneFrameNaming(target)); // the old format, whose server dialled its reply-to
            byte[] current = new BinaryCodec().encodeTasks(new TaskBatch(2, List.of(new Task(42, "10.0.0.1", "foo"))));
            dealer.send(current);

            byte[] answer = dealer.recv(0);
            assertNotNull(answer, "the client is answered over its own connection");
            ResultBatch results = new BinaryCodec().decodeResults(answer);
            assertEquals(List.of(42L), results.results().stream().map(Result::taskId).toList());
            assertEquals(Status.OK, results.results().getFirst().status());

            listener.setSoTimeout((int) TimeUnit.SECONDS.toMillis(2));
            assertThrows(SocketTimeoutException.class, listener::accept,
                    "nothing connects to the address the frame named");
            assertEquals(1, server.stats().malformedFrames(), "the version 1 frame is refused and counted");
        }
    }

    /** A task frame of format version 1: header, batch id, reply-to, one task. */
    private static byte[] versionOneFrameNaming(String replyTo) {
        byte[] to = replyTo.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'A', 'C', 1, 1});
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1).array());
        out.write(to.length);
        out.writeBytes(to);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(1).array());
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(41).array());
        out.write(8);
        out.writeBytes("10.0.0.1".getBytes(StandardCharsets.US_ASCII));
        out.write(3);
        out.writeBytes("foo".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
