package dev.asynccom.transport.zmq;

import dev.asynccom.core.UserError;
import org.zeromq.SocketType;
import org.zeromq.ZAuth;
import org.zeromq.ZConfig;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The server's admission of CURVE peers: jeromq's ZAP handler ({@link ZAuth}, configured with
 * {@code configureCurve(folder)}, so its {@code ZCertStore}) on one context, admitting only the public keys of
 * the certificates in the allow-list folder. Every refused attempt is counted and logged (address and key) in
 * a {@link RefusalLog}.
 *
 * <p>Changes to the folder take effect without a restart, at the next handshake: jeromq 0.6.0's
 * {@code SimpleCurveAuth} gives its {@code ZCertStore} the content-hashing fingerprinter, and the store walks
 * the folder on every key check, reloading when a file was added, removed or changed (for a folder, the sorted
 * list of its names is hashed). There is no watcher thread, and a connection already admitted stays connected
 * when its certificate is removed: removal refuses its next handshake.
 *
 * <p>jeromq's store has rough edges this class covers. A file it cannot parse throws out of the ZAP thread
 * (killing it, so every later handshake would wait for an answer that never comes): here such a check is
 * caught and refuses the key, and every key, until the file is fixed or removed, with a line saying so. A file
 * without a public key is skipped by jeromq with a warning on stdout, at every handshake, and a secret
 * certificate's key is admitted like a public one's. So {@link #start} refuses a folder with such files, or with a
 * secret certificate, in one sentence naming the file; what is added later is jeromq's to read.
 *
 * <p>Lifecycle: start it on the server's context before any CURVE socket of that context binds (a CURVE server
 * socket on a context without a ZAP handler admits every key; {@link CurveSetup.Server#apply} refuses to
 * configure one without an admission), close it after those sockets are closed and before the context is.
 * One per context. Thread-safe: jeromq's ZAP thread checks keys; {@link #refused()} and {@link #admitted()} may
 * be read from any thread.
 */
public final class CurveAdmission implements AutoCloseable {
    /** The contexts with an admission running: jeromq's ZAP endpoint is one per context. */
    private static final Set<zmq.Ctx> RUNNING = Collections.synchronizedSet(
            Collections.newSetFromMap(new WeakHashMap<>()));

    private final ZContext context;
    private final zmq.Ctx ctx;
    private final Path folder;
    private final RefusalLog log;
    private final ZAuth zauth;
    private final AllowListAuth curve;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int certificatesAtStart;

    private CurveAdmission(ZContext context, zmq.Ctx ctx, Path folder, RefusalLog log, int certificates) {
        this.context = context;
        this.ctx = ctx;
        this.folder = folder;
        this.log = log;
        this.certificatesAtStart = certificates;
        this.curve = new AllowListAuth();
        Map<String, ZAuth.Auth> auths = Map.of(
                ZMQ.Socket.Mechanism.CURVE.name(), curve,
                // Sockets without a mechanism never ask (jeromq asks ZAP for NULL only with a ZAP domain set).
                ZMQ.Socket.Mechanism.NULL.name(), new ZAuth.SimpleNullAuth(),
                // No PLAIN sockets here; a mechanism missing from the map would end jeromq's ZAP thread.
                ZMQ.Socket.Mechanism.PLAIN.name(), new DenyAll());
        this.zauth = new ZAuth(context, "asynccom-curve-admission", auths);
        zauth.configureCurve(folder.toString());
    }

    /**
     * Starts admitting the keys in {@code server}'s allow-list folder on {@code context}.
     *
     * @param log where refused attempts are counted and told
     * @throws UserError             when the folder or a file in it is unusable (one sentence naming it)
     * @throws IllegalStateException when {@code context} already has an admission
     */
    public static CurveAdmission start(ZContext context, CurveSetup.Server server, RefusalLog log) {
        Objects.requireNonNull(log, "log");
        int certificates = checkAllowFolder(server.allowFolder());
        zmq.Ctx ctx = ctxOf(context);
        if (!RUNNING.add(ctx)) {
            throw new IllegalStateException("this context already has a CURVE admission (jeromq has one ZAP "
                    + "handler per context)");
        }
        CurveAdmission admission;
        try {
            admission = new CurveAdmission(context, ctx, server.allowFolder(), log, certificates);
        } catch (RuntimeException e) {
            RUNNING.remove(ctx);
            throw e;
        }
        if (!admission.curve.configured) {
            admission.close();
            throw new UserError("--curve-allow " + server.allowFolder() + " cannot be loaded by jeromq's "
                    + "certificate store: is every file in it a certificate keygen wrote?");
        }
        return admission;
    }

    /**
     * Checks the allow-list folder as {@link #start} will load it: a readable folder whose files (in
     * sub-folders too, as jeromq's store walks them) are all public certificates jeromq reads the same way.
     *
     * @return the number of certificates in it
     * @throws UserError naming the folder or the first bad file
     */
    static int checkAllowFolder(Path folder) {
        if (!Files.exists(folder)) {
            throw new UserError("--curve-allow " + folder + ": no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new UserError("--curve-allow " + folder + " is a file, not a folder: give the folder of the "
                    + "client and worker certificates to admit");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException cause = e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause();
            throw new UserError("--curve-allow " + folder + " cannot be read: " + UserError.reason(cause), cause);
        }
        for (Path file : files) {
            CurveCertificate certificate = CurveCertificate.read(file, "--curve-allow");
            if (certificate.hasSecret()) {
                throw new UserError("--curve-allow " + folder + " holds a secret certificate, " + file
                        + ": keep only public certificates there (a secret key belongs on its own host only)");
            }
            requireJeromqReadsTheSameKey(file, certificate);
        }
        return files.size();
    }

    /** jeromq's store reads certificates with its own parser: make sure it finds the same key. */
    private static void requireJeromqReadsTheSameKey(Path file, CurveCertificate certificate) {
        String read;
        try {
            read = ZConfig.load(file.toString()).getValue("curve/public-key");
        } catch (IOException | RuntimeException e) {
            read = null;
        }
        if (!certificate.publicKey().equals(read)) {
            throw new UserError("--curve-allow " + file + " is read differently by jeromq's certificate store: "
                    + "write it as keygen does");
        }
    }

    /** The number of certificates the folder held when the admission started. */
    public int certificatesAtStart() {
        return certificatesAtStart;
    }

    /** The allow-list folder. */
    public Path folder() {
        return folder;
    }

    /** Attempts refused so far: keys not admitted, and those the {@link #watch}ed sockets refused. */
    public long refused() {
        return log.refused();
    }

    /** Handshakes whose key was admitted so far. */
    public long admitted() {
        return curve.admitted.get();
    }

    /**
     * Watches a CURVE server socket of this admission's context for the peers that fail before their key is
     * checked (a peer without CURVE, a peer with another server's key) and counts and logs them here too.
     * Call before the socket binds, on its owner thread; close the monitor when the socket is closed.
     */
    public HandshakeMonitor watch(ZMQ.Socket socket) {
        requireServes(socket);
        return HandshakeMonitor.watchBound(context, socket, true, log);
    }

    /** Throws unless this admission is running and checks the keys of {@code socket}'s context. */
    void requireServes(ZMQ.Socket socket) {
        if (closed.get()) {
            throw new IllegalStateException("this CURVE admission is closed");
        }
        if (socket.getCtx() != ctx) {
            throw new IllegalStateException("this CURVE admission runs on another context than the socket's, "
                    + "so it would not check the socket's peers");
        }
    }

    /**
     * Stops admitting (jeromq's ZAP thread ends) and tells the refused attempts not yet logged. Call after the
     * CURVE sockets are closed and before the context is. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!context.isClosed()) {
                zauth.close();
            }
        } finally {
            RUNNING.remove(ctx);
            log.flush();
        }
    }

    private static zmq.Ctx ctxOf(ZContext context) {
        ZMQ.Socket probe = context.createSocket(SocketType.PAIR);
        try {
            return probe.getCtx();
        } finally {
            context.destroySocket(probe);
        }
    }

    /**
     * jeromq's CURVE check (ZCertStore over the folder), counting what it admits and logging what it refuses.
     * Runs on jeromq's ZAP thread only.
     */
    private final class AllowListAuth implements ZAuth.Auth {
        private final ZAuth.SimpleCurveAuth store = new ZAuth.SimpleCurveAuth();
        private final AtomicLong admitted = new AtomicLong();
        private volatile boolean configured;

        @Override
        public boolean configure(ZMsg configuration, boolean verbose) {
            try {
                configured = store.configure(configuration, verbose);
            } catch (RuntimeException unreadable) {
                configured = false;
            }
            return configured;
        }

        @Override
        public boolean authorize(ZAuth.ZapRequest request, boolean verbose) {
            String why;
            try {
                if (store.authorize(request, verbose)) {
                    admitted.incrementAndGet();
                    return true;
                }
                why = "has no certificate in --curve-allow " + folder;
            } catch (RuntimeException unreadable) {
                why = "was not checked: --curve-allow " + folder + " holds a file jeromq cannot read (" + badFile()
                        + "), so no key is admitted until it is fixed or removed";
            }
            log.refused(request.address, "refused " + request.address + ": key " + request.clientKey + " " + why);
            return false;
        }

        private String badFile() {
            try {
                checkAllowFolder(folder);
                return "it changed while being read";
            } catch (UserError e) {
                return e.getMessage();
            }
        }
    }

    /** Refuses every PLAIN user: no socket here uses PLAIN. */
    private static final class DenyAll implements ZAuth.Auth {
        @Override
        public boolean configure(ZMsg configuration, boolean verbose) {
            return true;
        }

        @Override
        public boolean authorize(ZAuth.ZapRequest request, boolean verbose) {
            return false;
        }
    }
}
