package dev.asynccom.core.workload;

import java.util.List;
import java.util.Objects;

/**
 * What a lenient load produced: the value built from the good lines, and the lines it skipped.
 *
 * @param value   what was loaded from the lines that parse
 * @param skipped the lines that did not parse, in file order
 * @param <T>     the loaded type ({@link DelayMap}, {@link CommandList})
 */
public record LoadReport<T>(T value, List<SkippedLine> skipped) {
    public LoadReport {
        Objects.requireNonNull(value, "value");
        skipped = List.copyOf(skipped);
    }

    /** How many lines were skipped. */
    public int skippedCount() {
        return skipped.size();
    }
}
