package dev.asynccom.transport.zmq;

import dev.asynccom.core.UserError;
import org.zeromq.ZCert;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyAgreement;

/**
 * A CURVE key pair (or a public key alone) and its certificate files, in the format of ZeroMQ's own tools:
 * jeromq's {@code ZCert.savePublic}/{@code saveSecret} (and czmq's zcert) write a ZPL file (the ZeroMQ
 * Property Language) with a {@code curve} section holding {@code public-key} and, in the secret file,
 * {@code secret-key}, each 40 characters of Z85. Convention: the public file is {@code NAME}, the secret
 * one {@code NAME_secret}. Immutable; {@link #toString()} never shows the secret key.
 *
 * <p>The reader accepts the part of ZPL that jeromq's {@code ZConfig} reads the same way (names, {@code
 * name = value} with the value quoted or not, indentation by multiples of 4 spaces, {@code #} comments), so a
 * file it accepts means the same to jeromq's {@code ZCertStore}. Every problem is a {@link UserError}: a bad
 * line names file and line ({@code keys/a_secret:7: ...}), the rest name the option and the file.
 *
 * @param publicKey the public key, 40 characters of Z85
 * @param secretKey the secret key, 40 characters of Z85, or {@code null} for a public certificate
 */
public record CurveCertificate(String publicKey, String secretKey) {
    /** The suffix of a secret certificate's file name, as ZeroMQ's tools write it. */
    public static final String SECRET_SUFFIX = "_secret";
    /** Length of a key in Z85 text. */
    public static final int Z85_KEY_LENGTH = 40;
    /** Certificates are a few hundred bytes; a larger file is the wrong file, and is not read whole. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final String Z85_ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final String NAME = "[0-9a-zA-Z$\\-_@.&+/]+";
    private static final Pattern CONTAINER = Pattern.compile("(" + NAME + ") *(#.*)?");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(" + NAME + ") = (?:\"([^\"]*)\"|'([^']*)'|([^\"'#]*?)) *(#.*)?");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /**
     * @throws IllegalArgumentException when a key is not 40 characters of Z85, or the public key is not the
     *                                  secret key's
     */
    public CurveCertificate {
        Objects.requireNonNull(publicKey, "publicKey");
        String problem = z85Problem(publicKey);
        if (problem == null && secretKey != null) {
            problem = z85Problem(secretKey);
            if (problem == null && !publicKeyOf(secretKey).equals(publicKey)) {
                problem = "the public key does not belong to the secret key";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** A new key pair from the system's secure random source. */
    public static CurveCertificate generate() {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        return new CurveCertificate(pair.publicKey, pair.secretKey);
    }

    /** Whether this certificate holds the secret key too. */
    public boolean hasSecret() {
        return secretKey != null;
    }

    /** This certificate without its secret key: what peers may be given. */
    public CurveCertificate publicOnly() {
        return hasSecret() ? new CurveCertificate(publicKey, null) : this;
    }

    /** The public key's 32 bytes, as jeromq's socket options take it. */
    public byte[] publicKeyBytes() {
        return ZMQ.Curve.z85Decode(publicKey);
    }

    /**
     * The secret key's 32 bytes, as jeromq's socket options take it.
     *
     * @throws IllegalStateException for a public certificate
     */
    public byte[] secretKeyBytes() {
        if (secretKey == null) {
            throw new IllegalStateException("a public certificate has no secret key");
        }
        return ZMQ.Curve.z85Decode(secretKey);
    }

    /** The public key only: a secret key must never reach a log line or an exception message. */
    @Override
    public String toString() {
        return "CurveCertificate[publicKey=" + publicKey + (hasSecret() ? ", with secret key" : "") + "]";
    }

    // ---- reading

    /**
     * This side's own certificate: {@code file} must be a secret certificate (as {@code keygen} writes
     * {@code NAME_secret}) that only its owner can read.
     *
     * @param option how the command line named the file ({@code --curve-secret}), for the sentences
     * @throws UserError when the file is missing, holds only a public key, is not a certificate (naming file
     *                   and line), or group or others have any permission on it (saying which {@code chmod}
     *                   fixes it)
     */
    public static CurveCertificate readSecret(Path file, String option) {
        requireRegularFile(file, option);
        CurveCertificate certificate = parse(file, option);
        if (!certificate.hasSecret()) {
            throw new UserError(option + " " + file + " holds only a public key: give the secret certificate"
                    + secretNameHint(file));
        }
        Set<PosixFilePermission> permissions = posixPermissions(file, option);
        if (permissions != null && permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
            boolean readable = permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ);
            throw new UserError(option + " " + file + " holds a secret key but can be "
                    + (readable ? "read" : "changed") + " by group or others ("
                    + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
        }
        return certificate;
    }

    /**
     * A peer's public certificate (the server's, for {@code --curve-server}).
     *
     * @throws UserError when the file is missing or not a certificate (naming file and line), or holds a
     *                   secret key: a peer's secret must not be copied to this host
     */
    public static CurveCertificate readPublic(Path file, String option) {
        requireRegularFile(file, option);
        CurveCertificate certificate = parse(file, option);
        if (certificate.hasSecret()) {
            String name = file.getFileName().toString();
            String publicName = name.endsWith(SECRET_SUFFIX)
                    ? " (" + name.substring(0, name.length() - SECRET_SUFFIX.length()) + ")" : "";
            throw new UserError(option + " " + file + " holds a secret key: give this side only the public "
                    + "certificate" + publicName + " and keep the secret one on its own host");
        }
        return certificate;
    }

    /**
     * A certificate of either kind, without the checks that depend on its use (the allow-list folder holds
     * public certificates).
     *
     * @throws UserError when the file is missing or not a certificate
     */
    public static CurveCertificate read(Path file, String option) {
        requireRegularFile(file, option);
        return parse(file, option);
    }

    private static void requireRegularFile(Path file, String option) {
        if (Files.isDirectory(file)) {
            throw new UserError(option + " " + file + " is a folder: give a certificate file");
        }
        if (!Files.exists(file)) {
            throw new UserError(option + " " + file + ": no such file");
        }
    }

    /** The file's POSIX permissions, or null on a file system without them. */
    private static Set<PosixFilePermission> posixPermissions(Path file, String option) {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return null;
        }
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new UserError(option + " " + file + " cannot be read: " + UserError.reason(e), e);
        }
    }

    private static String secretNameHint(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SECRET_SUFFIX) ? "" : " (" + name + SECRET_SUFFIX + ", as keygen writes it)";
    }

    private static CurveCertificate parse(Path file, String option) {
        List<String> lines = readText(file, option);
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        List<String> path = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (line.charAt(indent) == '\t') {
                throw lineError(file, number, "indented with a tab: ZPL indents by 4 spaces");
            }
            if (indent % 4 != 0) {
                throw lineError(file, number, "indented by " + indent
                        + " spaces: ZPL indents by multiples of 4");
            }
            int level = indent / 4;
            if (level > path.size()) {
                throw lineError(file, number, "indented deeper than the line before it allows");
            }
            path.subList(level, path.size()).clear();
            String rest = line.substring(indent).stripTrailing();
            Matcher container = CONTAINER.matcher(rest);
            Matcher keyValue = KEY_VALUE.matcher(rest);
            String name;
            if (container.matches()) {
                name = container.group(1);
            } else if (keyValue.matches()) {
                name = keyValue.group(1);
                String value = keyValue.group(2) != null ? keyValue.group(2)
                        : keyValue.group(3) != null ? keyValue.group(3) : keyValue.group(4).strip();
                String key = String.join("/", path) + (path.isEmpty() ? "" : "/") + name;
                Integer earlier = lineOf.putIfAbsent(key, number);
                if (earlier != null) {
                    throw lineError(file, number, key + " is defined again, after line " + earlier);
                }
                values.put(key, value);
            } else {
                // Not quoted: the line may be a mangled secret-key.
                throw lineError(file, number, "not a ZPL line: expected a name, or name = value "
                        + "(one space either side of =, the value in quotes or not)");
            }
            path.add(name);
        }
        String publicKey = values.get("curve/public-key");
        if (publicKey == null) {
            throw new UserError(option + " " + file + " is not a ZeroMQ certificate: it has no curve section with "
                    + "a public-key (keygen and jeromq's ZCert write one)");
        }
        requireZ85(file, lineOf.get("curve/public-key"), "public-key", publicKey);
        String secretKey = values.get("curve/secret-key");
        if (secretKey != null) {
            requireZ85(file, lineOf.get("curve/secret-key"), "secret-key", secretKey);
            if (!publicKeyOf(secretKey).equals(publicKey)) {
                throw lineError(file, lineOf.get("curve/public-key"), "the public-key does not "
                        + "belong to the secret-key on line " + lineOf.get("curve/secret-key")
                        + " (was the file edited, or two certificates mixed?)");
            }
        }
        return new CurveCertificate(publicKey, secretKey);
    }

    private static List<String> readText(Path file, String option) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new UserError(option + " " + file + " is " + size + " bytes, too large to be a certificate");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UserError(option + " " + file + " cannot be read: " + UserError.reason(e), e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.lines().toList();
        } catch (CharacterCodingException e) {
            throw new UserError(option + " " + file + " is not a text file, so not a ZeroMQ certificate");
        }
    }

    /** A bad line, as the project's data files name one: {@code file:line: problem}. */
    private static UserError lineError(Path file, int line, String problem) {
        return new UserError(file + ":" + line + ": " + problem);
    }

    private static void requireZ85(Path file, int line, String name, String key) {
        String problem = z85Problem(key);
        if (problem != null) {
            throw lineError(file, line, "the " + name + " " + problem);
        }
    }

    /** What is wrong with {@code key} as a Z85 CURVE key, or null. */
    private static String z85Problem(String key) {
        if (key.length() != Z85_KEY_LENGTH) {
            return "is not " + Z85_KEY_LENGTH + " characters of Z85 (it has " + key.length() + ")";
        }
        for (int group = 0; group < Z85_KEY_LENGTH; group += 5) {
            long value = 0;
            for (int i = group; i < group + 5; i++) {
                int digit = Z85_ALPHABET.indexOf(key.charAt(i));
                if (digit < 0) {
                    return "has a character that is not Z85 (" + UserError.quote(String.valueOf(key.charAt(i)))
                            + " at " + (i + 1) + ")";
                }
                value = value * 85 + digit;
            }
            if (value > 0xFFFF_FFFFL) {
                return "is not Z85: characters " + (group + 1) + " to " + (group + 5) + " encode more than 4 bytes";
            }
        }
        return null;
    }

    /**
     * The public key of {@code secretKey} (Z85 in, Z85 out): X25519 of the secret scalar and the base point 9,
     * which is what NaCl's {@code crypto_box_keypair} (and so jeromq) computes.
     */
    static String publicKeyOf(String secretKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519,
                    ZMQ.Curve.z85Decode(secretKey))));
            agreement.doPhase(factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                    BigInteger.valueOf(9))), true);
            return ZMQ.Curve.z85Encode(agreement.generateSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute X25519 (JDK 11+ can)", e);
        }
    }

    // ---- writing

    /**
     * Writes the public certificate to {@code file}, which must not exist, readable by everyone the umask
     * allows (it is meant to be handed out).
     *
     * @throws FileAlreadyExistsException when {@code file} exists: a key is never replaced
     */
    public void writePublic(Path file) throws IOException {
        write(file, PosixFilePermissions.fromString("rw-r--r--"), writer -> zcert().savePublic(writer));
    }

    /**
     * Writes the secret certificate to {@code file}, which must not exist, created with owner-only
     * permissions (rw-------) from the start, so there is no moment when others can read it. On a file system
     * without POSIX permissions it is created with the folder's defaults.
     *
     * @throws IllegalStateException     for a public certificate
     * @throws FileAlreadyExistsException when {@code file} exists: a key is never replaced
     */
    public void writeSecret(Path file) throws IOException {
        if (!hasSecret()) {
            throw new IllegalStateException("a public certificate has no secret key to write");
        }
        write(file, PosixFilePermissions.fromString("rw-------"), writer -> zcert().saveSecret(writer));
    }

    private ZCert zcert() {
        return new ZCert(publicKey, secretKey);
    }

    private interface Content {
        void writeTo(Writer writer) throws IOException;
    }

    private static void write(Path file, Set<PosixFilePermission> permissions, Content content) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Path folder = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileAttributeView(folder, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                != null;
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes);
             Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
            content.writeTo(writer);
        }
    }
}
