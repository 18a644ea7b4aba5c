package dev.asynccom.transport.zmq;

import dev.asynccom.core.UserError;
import org.zeromq.ZMQ;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One side's CURVE settings, read from its key options and checked before any socket exists: the server's
 * ({@link Server}: its own secret certificate and the folder of the client and worker certificates it admits)
 * or a client's or worker's ({@link Client}: its own secret certificate and the server's public one). Every
 * socket between them applies its side's setup before it binds or connects: the server's sockets as CURVE
 * servers, the others as CURVE clients. Immutable.
 *
 * <p>Applying a setup also sets the socket's ZMQ_RCVHWM to {@value #RECEIVE_HWM} (unlimited), because of
 * jeromq #1009: in jeromq 0.6.0 a CURVE socket whose receive queue is full when its engine decrypts a message
 * queues the message's ciphertext (a 0x07 "MESSAGE" command frame) in its place once room comes free, so under
 * backpressure one message per stall is lost and a frame of garbage is delivered ({@code StreamEngine}'s
 * {@code decodeAndPush} keeps the decoded message, but {@code restartInput} pushes {@code decoder.msg()}, the
 * encrypted one; plain sockets decode in place and lose nothing). Measured here: 200,000 8-byte messages,
 * high-water marks of 10, a receiver pausing 20 ms every 10,000: 39,974 replaced over PUSH/PULL, 39,953 over
 * DEALER/ROUTER; with marks of 1,000, 45; with an unlimited receive queue, none. So CURVE sockets take no
 * backpressure at the receiver: what a peer may have in flight must be bounded by the protocol (a worker's
 * credit, a client's in-flight limit), not by the socket. The send side's high-water mark still applies.
 */
public sealed interface CurveSetup permits CurveSetup.Server, CurveSetup.Client {
    /** ZMQ_RCVHWM of every CURVE socket: unlimited, see jeromq #1009 above. */
    int RECEIVE_HWM = 0;

    /** This side's own certificate, with its secret key. */
    CurveCertificate own();

    /**
     * The sentence refusing key options with {@code --codec seed}, to throw: the seed's topology stays PUSH/PULL
     * for the original Python peers, which have no CURVE.
     */
    static UserError refusedWithSeedCodec() {
        return new UserError("--curve-secret, --curve-server and --curve-allow need the binary codec: the seed "
                + "protocol (--codec seed) is the original Python peers', which have no CURVE");
    }

    /**
     * The server's setup from its options, or empty when neither is given (a plain server).
     *
     * @param curveSecret {@code --curve-secret}: the server's own secret certificate, or null
     * @param curveAllow  {@code --curve-allow}: the folder of the certificates it admits, or null
     * @throws UserError when only one is given, or a file or the folder is unusable (one sentence naming it)
     */
    static Optional<Server> forServer(Path curveSecret, Path curveAllow) {
        if (curveSecret == null && curveAllow == null) {
            return Optional.empty();
        }
        if (curveSecret == null) {
            throw new UserError("--curve-allow needs --curve-secret FILE too, the server's own secret certificate "
                    + "(keygen writes one)");
        }
        if (curveAllow == null) {
            throw new UserError("--curve-secret on a server needs --curve-allow DIR too, the folder of the client "
                    + "and worker certificates it admits");
        }
        CurveCertificate own = CurveCertificate.readSecret(curveSecret, "--curve-secret");
        CurveAdmission.checkAllowFolder(curveAllow);
        return Optional.of(new Server(own, curveAllow));
    }

    /**
     * A client's or worker's setup from its options, or empty when neither is given (a plain client).
     *
     * @param curveSecret {@code --curve-secret}: this side's own secret certificate, or null
     * @param curveServer {@code --curve-server}: the server's public certificate, or null
     * @throws UserError when only one is given, a file is unusable, or both hold the same key (one sentence)
     */
    static Optional<Client> forClient(Path curveSecret, Path curveServer) {
        if (curveSecret == null && curveServer == null) {
            return Optional.empty();
        }
        if (curveSecret == null) {
            throw new UserError("--curve-server needs --curve-secret FILE too, this side's own secret certificate "
                    + "(keygen writes one; the server must have its public one in its --curve-allow folder)");
        }
        if (curveServer == null) {
            throw new UserError("--curve-secret needs --curve-server FILE too, the server's public certificate");
        }
        CurveCertificate own = CurveCertificate.readSecret(curveSecret, "--curve-secret");
        CurveCertificate server = CurveCertificate.readPublic(curveServer, "--curve-server");
        if (own.publicKey().equals(server.publicKey())) {
            throw new UserError("--curve-secret " + curveSecret + " and --curve-server " + curveServer
                    + " hold the same key: give this side a key pair of its own (keygen)");
        }
        return Optional.of(new Client(own, server, curveServer));
    }

    /**
     * The server's side: its sockets are CURVE servers and admit only the keys of the certificates in
     * {@code allowFolder} (through a {@link CurveAdmission} on their context).
     *
     * @param own         the server's certificate, with its secret key
     * @param allowFolder the folder of the admitted client and worker certificates
     */
    record Server(CurveCertificate own, Path allowFolder) implements CurveSetup {
        public Server {
            Objects.requireNonNull(allowFolder, "allowFolder");
            if (!own.hasSecret()) {
                throw new IllegalArgumentException("a CURVE server needs its secret key");
            }
        }

        /**
         * Makes {@code socket} a CURVE server with this side's key; call before it binds, on the thread that
         * owns it, after the socket's other options (it sets ZMQ_RCVHWM to {@link #RECEIVE_HWM}, jeromq #1009).
         * Then {@link CurveAdmission#watch} the socket too, so the peers refused before their key is checked
         * are counted and logged as well.
         *
         * @param admission the admission running on the socket's context: without one, jeromq lets every key
         *                  in (a CURVE server with no ZAP handler does not check keys at all)
         * @throws IllegalStateException when {@code admission} is closed or runs on another context
         */
        public void apply(ZMQ.Socket socket, CurveAdmission admission) {
            admission.requireServes(socket);
            socket.setRcvHWM(RECEIVE_HWM);
            socket.setCurveServer(true);
            socket.setCurveSecretKey(own.secretKeyBytes());
        }
    }

    /**
     * A client's or a worker's side: its sockets are CURVE clients of the server whose public key they know.
     *
     * @param own        this side's certificate, with its secret key (its public one is in the server's
     *                   allow-list folder)
     * @param server     the server's public certificate
     * @param serverFile the file it came from, for sentences ({@code --curve-server FILE}), or null
     */
    record Client(CurveCertificate own, CurveCertificate server, Path serverFile) implements CurveSetup {
        public Client {
            Objects.requireNonNull(server, "server");
            if (!own.hasSecret()) {
                throw new IllegalArgumentException("a CURVE client needs its secret key");
            }
        }

        /**
         * Makes {@code socket} a CURVE client of the server; call before it connects, on the thread that owns
         * it, after the socket's other options (it sets ZMQ_RCVHWM to {@link #RECEIVE_HWM}, jeromq #1009). Then
         * {@link HandshakeMonitor#watchConnecting} it, so a refusal is told at once.
         */
        public void apply(ZMQ.Socket socket) {
            socket.setRcvHWM(RECEIVE_HWM);
            socket.setCurvePublicKey(own.publicKeyBytes());
            socket.setCurveSecretKey(own.secretKeyBytes());
            socket.setCurveServerKey(server.publicKeyBytes());
        }
    }
}
