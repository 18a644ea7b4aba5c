package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.transport.zmq.CurveCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code keygen}: writes a new CURVE key pair as the two certificate files of ZeroMQ's own tools (jeromq's
 * {@code ZCert}): {@code DIR/NAME}, the public certificate, and {@code DIR/NAME_secret}, created readable and
 * writable by its owner only. Never replaces a file. Runs on the calling thread.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Writes a new CURVE key pair for --curve-secret, --curve-server and --curve-allow: <out>/<name>, the "
                        + "public certificate, and <out>/<name>_secret, the secret one, created readable by its "
                        + "owner only (rw-------). Both are ZeroMQ certificate files, as jeromq's ZCert and czmq's "
                        + "zcert write them. An existing file is never replaced.",
                "Give each side its own pair: the server keeps server_secret and hands out server (its "
                        + "--curve-server); each client and worker keeps its own _secret file and its public one goes "
                        + "into the server's --curve-allow folder.",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  keygen --out keys --name server",
                "  keygen --out keys --name worker1",
                ""})
public final class KeygenCommand implements Callable<Integer> {
    /** A name that is one plain file name on every system. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write the two files to; created if missing.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "Name of the pair: the public file's name (letters, digits, '.', '_' and '-'; the secret "
                    + "file adds " + CurveCertificate.SECRET_SUFFIX + ").")
    String name;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches() || name.endsWith(CurveCertificate.SECRET_SUFFIX)) {
            throw new UserError("--name " + UserError.quote(name) + " is not a key name: use up to 100 letters, "
                    + "digits, '.', '_' and '-', starting with a letter or digit and not ending in "
                    + CurveCertificate.SECRET_SUFFIX);
        }
        OutputPaths.createFolder(out, "--out");
        Path publicFile = out.resolve(name);
        Path secretFile = out.resolve(name + CurveCertificate.SECRET_SUFFIX);
        for (Path file : new Path[] {publicFile, secretFile}) {
            if (Files.exists(file)) {
                throw alreadyThere(file);
            }
        }
        CurveCertificate pair = CurveCertificate.generate();
        try {
            pair.writeSecret(secretFile);
        } catch (FileAlreadyExistsException e) {
            throw alreadyThere(secretFile);
        } catch (IOException e) {
            Files.deleteIfExists(secretFile); // created by this command (CREATE_NEW), and maybe half-written
            throw OutputPaths.failed(secretFile, e);
        }
        try {
            pair.writePublic(publicFile);
        } catch (IOException e) {
            Files.deleteIfExists(secretFile); // half a pair is no use; this command created it a moment ago
            if (e instanceof FileAlreadyExistsException) {
                throw alreadyThere(publicFile);
            }
            throw OutputPaths.failed(publicFile, e);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("wrote %s (public certificate: hand it out) and %s (secret: keep it on this host)%n",
                publicFile, secretFile);
        stdout.printf("public key %s%n", pair.publicKey());
        if (Files.getFileAttributeView(secretFile, PosixFileAttributeView.class) == null) {
            stdout.printf("this file system has no POSIX permissions: make sure only you can read %s%n", secretFile);
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private UserError alreadyThere(Path file) {
        return new UserError("--out " + out + " already holds " + file.getFileName() + ": keygen never replaces a "
                + "key (peers may trust it); remove it first or give another --name");
    }
}
