package dev.asynccom.loop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a {@code server} process's stderr that whatever starts one as a child process reads: the line it
 * prints once it is ready ({@code asynccom server: serving tcp://127.0.0.1:PORT with ...}), whose endpoint is the
 * one to dial, and its exit line's counts ({@code ... N tasks in B batches received, M results sent ...}).
 */
public final class ServerLines {
    private static final Pattern SERVING = Pattern.compile("asynccom server: serving (tcp://\\S+) with ");
    private static final Pattern COUNTS = Pattern.compile("(\\d+) tasks in \\d+ batches received, (\\d+) results sent");

    private ServerLines() {
    }

    /** The endpoint the server bound, if {@code line} is its ready line; otherwise {@code null}. */
    public static String endpoint(String line) {
        Matcher serving = SERVING.matcher(line);
        return serving.find() ? serving.group(1) : null;
    }

    /** The tasks received and the results sent, if {@code line} is the exit line that counts them; otherwise null. */
    public static long[] counts(String line) {
        Matcher counts = COUNTS.matcher(line);
        return counts.find() ? new long[] {Long.parseLong(counts.group(1)), Long.parseLong(counts.group(2))} : null;
    }
}
