package dev.asynccom.cli;

import dev.asynccom.transport.zmq.CurveCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** keygen writes a pair ZeroMQ's tools can read, the secret owner-only, and never replaces a file. */
class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesBothCertificatesIntoANewFolderAndPrintsTheirPathsAndThePublicKey() throws Exception {
        Path keys = dir.resolve("keys/server-host");

        CommandRun run = CommandRun.of(new KeygenCommand(), "--out", keys.toString(), "--name", "server");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Path publicFile = keys.resolve("server");
        Path secretFile = keys.resolve("server_secret");
        CurveCertificate pair = CurveCertificate.readSecret(secretFile, "--curve-secret");
        assertEquals(pair.publicOnly(), CurveCertificate.readPublic(publicFile, "--curve-server"));
        assertEquals("wrote " + publicFile + " (public certificate: hand it out) and " + secretFile
                + " (secret: keep it on this host)\npublic key " + pair.publicKey() + "\n", run.out());
        assertEquals("", run.err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)));
        assertEquals(pair.publicKey(), ZConfig.load(publicFile.toString()).getValue("curve/public-key"));
    }

    @Test
    void eachRunMakesANewKey() {
        CommandRun.of(new KeygenCommand(), "--out", dir.toString(), "--name", "a");
        CommandRun.of(new KeygenCommand(), "--out", dir.toString(), "--name", "b");

        assertFalse(CurveCertificate.readPublic(dir.resolve("a"), "x").publicKey()
                .equals(CurveCertificate.readPublic(dir.resolve("b"), "x").publicKey()));
    }

    @Test
    void anExistingKeyIsNeverReplaced() throws Exception {
        CommandRun.of(new KeygenCommand(), "--out", dir.toString(), "--name", "worker1");
        String before = Files.readString(dir.resolve("worker1_secret"));

        CommandRun again = CommandRun.of(new KeygenCommand(), "--out", dir.toString(), "--name", "worker1");

        assertEquals(ExitCodes.BAD_INPUT, again.exitCode());
        assertTrue(again.errIsOneSentence(), again.err());
        assertEquals("asynccom keygen: --out " + dir + " already holds worker1: keygen never replaces a key (peers "
                + "may trust it); remove it first or give another --name.", again.err().strip());
        assertEquals(before, Files.readString(dir.resolve("worker1_secret")));
        assertEquals("", again.out());
    }

    @Test
    void aSecretFileAloneBlocksTheNameTooAndNothingIsWritten() throws Exception {
        Files.writeString(dir.resolve("lonely_secret"), "kept");

        CommandRun run = CommandRun.of(new KeygenCommand(), "--out", dir.toString(), "--name", "lonely");

        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("already holds lonely_secret"), run.err());
        assertFalse(Files.exists(dir.resolve("lonely")));
        assertEquals("kept", Files.readString(dir.resolve("lonely_secret")));
    }

    @Test
    void aNameThatIsNoPlainFileNameIsRefused() {
        for (String name : new String[] {"../up", "a/b", ".hidden", "x_secret", ""}) {
            CommandRun run = CommandRun.of(new KeygenCommand(), "--out", dir.toString(), "--name", name);

            assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), name);
            assertTrue(run.errIsOneSentence() && run.err().contains("--name"), run.err());
        }
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void anOutThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");

        CommandRun run = CommandRun.of(new KeygenCommand(), "--out", file.toString(), "--name", "k");

        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("asynccom keygen: --out " + file + " is a file, not a folder.", run.err().strip());
    }
}
