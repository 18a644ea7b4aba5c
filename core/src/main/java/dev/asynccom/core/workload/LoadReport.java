package dev.asynccom.core.workload;

import java.util.List;
import java.util.Objects;

/**
 * What a load produced: the value built from the good lines, the lines it skipped (lenient loads only) and
 * the keys defined more than once (server files only).
 *
 * @param value     what was loaded from the lines that parse
 * @param skipped   the lines that did not parse, in file order
 * @param redefined the keys a later line defined again, in the order of those lines
 * @param <T>       the loaded type ({@link DelayMap}, {@link CommandList})
 */
public record LoadReport<T>(T value, List<SkippedLine> skipped, List<RedefinedKey> redefined) {
    public LoadReport {
        Objects.requireNonNull(value, "value");
        skipped = List.copyOf(skipped);
        redefined = List.copyOf(redefined);
    }

    /** A report without redefined keys. */
    public LoadReport(T value, List<SkippedLine> skipped) {
        this(value, skipped, List.of());
    }

    /** How many lines were skipped. */
    public int skippedCount() {
        return skipped.size();
    }
}
