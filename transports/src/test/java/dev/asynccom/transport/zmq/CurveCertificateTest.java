package dev.asynccom.transport.zmq;

import dev.asynccom.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZCert;
import org.zeromq.ZConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificate files as ZeroMQ's tools write them, and one sentence for each way a file can be wrong. */
class CurveCertificateTest {
    private static final String OPTION = "--curve-secret";

    @TempDir
    Path dir;

    private final CurveCertificate pair = CurveCertificate.generate();

    private Path secretFile() throws IOException {
        Path file = dir.resolve("alice_secret");
        pair.writeSecret(file);
        return file;
    }

    /** Writes {@code lines} as an owner-only file, so only its content can be wrong. */
    private Path file(String name, List<String> lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, lines, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The sentence of the error reading {@code file} as a secret certificate; asserts it is one line. */
    private static String secretError(Path file) {
        UserError e = assertThrows(UserError.class, () -> CurveCertificate.readSecret(file, OPTION));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e.getMessage();
    }

    @Test
    void writtenPairReadsBackAsTheSameKeys() throws IOException {
        Path secret = secretFile();
        Path publicFile = dir.resolve("alice");
        pair.writePublic(publicFile);

        assertEquals(pair, CurveCertificate.readSecret(secret, OPTION));
        assertEquals(pair.publicOnly(), CurveCertificate.readPublic(publicFile, "--curve-server"));
        assertNull(CurveCertificate.readPublic(publicFile, "--curve-server").secretKey());
    }

    @Test
    void filesAreWhatJeromqReadsAndWrites() throws IOException {
        Path secret = secretFile();
        ZConfig read = ZConfig.load(secret.toString());
        assertEquals(pair.publicKey(), read.getValue("curve/public-key"));
        assertEquals(pair.secretKey(), read.getValue("curve/secret-key"));

        ZCert theirs = new ZCert();
        Path theirFile = dir.resolve("bob");
        theirs.savePublic(theirFile.toString());
        assertEquals(theirs.getPublicKeyAsZ85(), CurveCertificate.readPublic(theirFile, "--curve-server").publicKey());
    }

    @Test
    void secretFileIsOwnerOnlyAndPublicFileIsReadable() throws IOException {
        Path secret = secretFile();
        Path publicFile = dir.resolve("alice");
        pair.writePublic(publicFile);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        assertTrue(Files.getPosixFilePermissions(publicFile).contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ));
    }

    @Test
    void anExistingFileIsNeverReplaced() throws IOException {
        Path secret = secretFile();
        String before = Files.readString(secret);

        assertThrows(FileAlreadyExistsException.class, () -> CurveCertificate.generate().writeSecret(secret));
        assertEquals(before, Files.readString(secret));
    }

    @Test
    void secretKeyNeverShowsInToString() {
        assertFalse(pair.toString().contains(pair.secretKey()), pair.toString());
        assertTrue(pair.toString().contains(pair.publicKey()), pair.toString());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nobody_secret");

        assertEquals("--curve-secret " + missing + ": no such file", secretError(missing));
    }

    @Test
    void secretFileOthersCanReadIsRefusedWithTheChmodThatFixesIt() throws IOException {
        Path secret = secretFile();
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals("--curve-secret " + secret + " holds a secret key but can be read by group or others "
                + "(rw-r--r--): run chmod 600 " + secret, secretError(secret));
    }

    @Test
    void secretFileOthersCanChangeIsRefusedToo() throws IOException {
        Path secret = secretFile();
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw--w----"));

        assertTrue(secretError(secret).contains("can be changed by group or others (rw--w----): run chmod 600"));
    }

    @Test
    void publicFileWhereASecretIsNeededNamesTheSecretOne() throws IOException {
        Path publicFile = dir.resolve("alice");
        pair.writePublic(publicFile);

        assertEquals("--curve-secret " + publicFile + " holds only a public key: give the secret certificate "
                + "(alice_secret, as keygen writes it)", secretError(publicFile));
    }

    @Test
    void secretFileWhereAPeersPublicOneIsNeededIsRefused() throws IOException {
        Path secret = secretFile();

        UserError e = assertThrows(UserError.class, () -> CurveCertificate.readPublic(secret, "--curve-server"));
        assertEquals("--curve-server " + secret + " holds a secret key: give this side only the public certificate "
                + "(alice) and keep the secret one on its own host", e.getMessage());
    }

    @Test
    void fileWithoutACurveSectionIsNotACertificate() throws IOException {
        Path file = file("notes", List.of("# my keys", "metadata", "    name = \"x\""));

        assertEquals("--curve-secret " + file + " is not a ZeroMQ certificate: it has no curve section with a "
                + "public-key (keygen and jeromq's ZCert write one)", secretError(file));
    }

    @Test
    void lineThatIsNotZplIsNamedByFileAndLineWithoutQuotingIt() throws IOException {
        Path file = file("bad_secret", List.of("curve", "    public-key=\"" + pair.publicKey() + "\""));

        UserError e = assertThrows(UserError.class, () -> CurveCertificate.readSecret(file, OPTION));
        assertEquals(file + ":2: not a ZPL line: expected a name, or name = value (one space either side of =, "
                + "the value in quotes or not)", e.getMessage());
        assertFalse(e.getMessage().contains(pair.publicKey()));
    }

    @Test
    void keyOfTheWrongLengthIsNamedByLine() throws IOException {
        Path file = file("short_secret", List.of("curve", "    public-key = \"abc\""));

        assertEquals(file + ":2: the public-key is not 40 characters of Z85 (it has 3)", secretError(file));
    }

    @Test
    void keyWithACharacterOutsideZ85IsNamedByLine() throws IOException {
        String key = "~" + pair.publicKey().substring(1);
        Path file = file("odd_secret", List.of("curve", "    public-key = \"" + key + "\""));

        assertEquals(file + ":2: the public-key has a character that is not Z85 ('~' at 1)", secretError(file));
    }

    @Test
    void publicKeyThatIsNotTheSecretKeysIsNamedByLine() throws IOException {
        CurveCertificate other = CurveCertificate.generate();
        Path file = file("mixed_secret", List.of("curve", "    public-key = \"" + other.publicKey() + "\"",
                "    secret-key = \"" + pair.secretKey() + "\""));

        assertEquals(file + ":2: the public-key does not belong to the secret-key on line 3 (was the file edited, or "
                + "two certificates mixed?)", secretError(file));
    }

    @Test
    void binaryFileIsNotACertificate() throws IOException {
        Path file = dir.resolve("image_secret");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertEquals("--curve-secret " + file + " is not a text file, so not a ZeroMQ certificate", secretError(file));
    }

    @Test
    void indentationOtherThanFourSpacesIsNamed() throws IOException {
        Path tab = file("tab_secret", List.of("curve", "\tpublic-key = \"" + pair.publicKey() + "\""));
        Path two = file("two_secret", List.of("curve", "  public-key = \"" + pair.publicKey() + "\""));

        assertEquals(tab + ":2: indented with a tab: ZPL indents by 4 spaces", secretError(tab));
        assertEquals(two + ":2: indented by 2 spaces: ZPL indents by multiples of 4", secretError(two));
    }

    @Test
    void folderIsNotAFile() {
        assertEquals("--curve-secret " + dir + " is a folder: give a certificate file", secretError(dir));
    }

    @Test
    void commentsQuotesAndCrlfAreFine() throws IOException {
        Path file = file("czmq_secret", List.of("#   ZeroMQ CURVE **Secret** Certificate\r", "\r",
                "metadata\r", "curve    # keys\r", "    public-key = '" + pair.publicKey() + "'   # mine\r",
                "    secret-key = \"" + pair.secretKey() + "\"\r"));

        assertEquals(pair, CurveCertificate.readSecret(file, OPTION));
    }

    @Test
    void publicKeyIsDerivedFromTheSecretAsNaClDoes() {
        for (int i = 0; i < 20; i++) {
            CurveCertificate generated = CurveCertificate.generate();
            assertEquals(generated.publicKey(), CurveCertificate.publicKeyOf(generated.secretKey()));
        }
    }
}
