package dev.asynccom.results;

import dev.asynccom.core.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the files and folders a command line names for output before any work starts, so a run is never
 * lost to an output it could not write: a folder where a file is wanted, a file where a folder is, a parent
 * that is a file, no permission, a file to append to that is not text or holds other columns. Stateless.
 */
public final class OutputPaths {
    /** How much of a file to append to is read to find its first line. */
    private static final int MAX_HEADER_BYTES = 1 << 16;

    private OutputPaths() {
    }

    /**
     * {@code file}, if it can be created or replaced: not a folder, writable, or else its folder exists or
     * can be created.
     *
     * @param option how the command line named it ({@code --hgrm}), for the sentence
     * @throws UserError saying why not
     */
    public static Path requireWritableFile(Path file, String option) {
        return requireWritable(file, option, false);
    }

    /**
     * {@code dir}, if files can be written into it: a writable folder, or a path where one can be created.
     *
     * @throws UserError saying why not
     */
    public static Path requireWritableFolder(Path dir, String option) {
        return requireWritable(dir, option, true);
    }

    private static Path requireWritable(Path path, String option, boolean folder) {
        if (Files.exists(path)) {
            if (Files.isDirectory(path) != folder) {
                throw new UserError(option + " " + path
                        + (folder ? " is a file, not a folder" : " is a folder: give a file name"));
            }
            if (!Files.isWritable(path)) {
                throw new UserError(option + " " + path + " cannot be written" + (folder ? " into" : "")
                        + ": permission denied");
            }
            return path;
        }
        requireCreatable(path, option);
        return path;
    }

    /**
     * Creates {@code dir} (and its parents) before any work, once {@link #requireWritableFolder} accepts it.
     *
     * @throws UserError when it cannot be created after all (a file system that refuses even root)
     */
    public static Path createFolder(Path dir, String option) {
        requireWritableFolder(dir, option);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError(option + " " + dir + " cannot be created: " + UserError.reason(e), e);
        }
    }

    /**
     * {@code file}, if a row can be appended to it: {@link #requireWritableFile}, and when it holds
     * anything, UTF-8 text whose first line is {@code header}.
     *
     * @throws UserError saying why not
     */
    public static Path requireAppendable(Path file, String option, String header) {
        requireWritableFile(file, option);
        if (!Files.exists(file)) {
            return file;
        }
        String first;
        try {
            first = firstLine(file);
        } catch (CharacterCodingException e) {
            throw new UserError(option + " " + file + " is not a text file, so a row cannot be appended to it: "
                    + "give a new file or one written by earlier runs");
        } catch (IOException e) {
            throw new UserError(option + " " + file + " cannot be read: " + UserError.reason(e), e);
        }
        if (first != null && !first.equals(header)) {
            throw new UserError(option + " " + file + " holds other columns than the rows it would get, so a "
                    + "row cannot be appended to it: give a new file or one written by earlier runs");
        }
        return file;
    }

    /**
     * A write to {@code file} that failed once the work was done, as an exception naming the file, which
     * {@link dev.asynccom.cli.CliErrors} reports with {@link dev.asynccom.cli.ExitCodes#OUTPUT_FAILED}.
     */
    public static IOException failed(Path file, IOException e) {
        FileSystemException named = new FileSystemException(file.toString(), null, UserError.reason(e));
        named.initCause(e);
        return named;
    }

    /** The first line of {@code file} (null when it is empty), decoded strictly: control bytes are not text. */
    private static String firstLine(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(MAX_HEADER_BYTES);
        }
        if (head.length == 0) {
            return null;
        }
        int end = 0;
        while (end < head.length && head[end] != '\n') {
            byte b = head[end];
            if ((b >= 0 && b < 0x20 && b != '\r' && b != '\t') || b == 0x7F) {
                throw new CharacterCodingException();
            }
            end++;
        }
        String line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(head, 0, end)).toString();
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Fails unless the nearest existing folder above {@code path} is a folder this process may write into. */
    private static void requireCreatable(Path path, String option) {
        Path ancestor = path.toAbsolutePath().getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return;
        }
        if (!Files.isDirectory(ancestor)) {
            throw new UserError(option + " " + path + " cannot be created: " + ancestor + " is a file, not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new UserError(option + " " + path + " cannot be created in " + ancestor + ": permission denied");
        }
    }
}
