package dev.asynccom.loop;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line a {@code server} process prints on stderr once it is ready ({@code asynccom server: serving
 * tcp://127.0.0.1:PORT with ...}), read by whatever starts one as a child process and dials the endpoint it bound.
 */
public final class ServerReadyLine {
    private static final Pattern SERVING = Pattern.compile("asynccom server: serving (tcp://\\S+) with ");

    private ServerReadyLine() {
    }

    /** The endpoint the server bound, if {@code line} is its ready line; otherwise {@code null}. */
    public static String endpoint(String line) {
        Matcher serving = SERVING.matcher(line);
        return serving.find() ? serving.group(1) : null;
    }
}
