package dev.asynccom.core.workload;

import java.util.Objects;

/**
 * A line a lenient load skipped because it does not parse.
 *
 * @param line    the 1-based line number in the file
 * @param text    the line as read, without its line terminator
 * @param problem what is wrong with it, as {@link InputFormatException#problem()} would say
 */
public record SkippedLine(int line, String text, String problem) {
    public SkippedLine {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(problem, "problem");
    }
}
