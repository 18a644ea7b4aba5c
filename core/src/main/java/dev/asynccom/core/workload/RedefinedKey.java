package dev.asynccom.core.workload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A server-file key defined on two lines: the later line's response and wait replace the earlier's, as
 * in the seed, which a load reports rather than keeps silent.
 *
 * @param key         {@code host:command}
 * @param line        the 1-based line that defines it again, and wins
 * @param earlierLine the line whose definition it replaces
 */
public record RedefinedKey(String key, int line, int earlierLine) {
    public RedefinedKey {
        Objects.requireNonNull(key, "key");
    }

    /** {@code map.txt:7: 10.0.0.1:foo is defined again, after map.txt:3; the later line wins}. */
    public String sentence(Path file) {
        return file + ":" + line + ": " + key + " is defined again, after " + file + ":" + earlierLine
                + "; the later line wins";
    }
}
