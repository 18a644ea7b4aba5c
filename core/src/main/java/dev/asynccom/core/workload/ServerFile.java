package dev.asynccom.core.workload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One load of a server file into a {@link DelayMap} ({@link DelayMap#load} documents the format), noting
 * each key that a later line defines again. Belongs to the thread running the load.
 */
final class ServerFile implements LineReader.LineSink {
    private final DelayMap.Builder builder;
    private final LineParser parser = new LineParser();
    private final List<RedefinedKey> redefined = new ArrayList<>();
    /** The line that last defined each entry, by entry index. */
    private int[] definedAt = new int[64];

    private ServerFile(int expectedEntries) {
        this.builder = DelayMap.builder(expectedEntries);
    }

    static LoadReport<DelayMap> load(Path file, LoadMode mode) throws InputFormatException {
        ServerFile load = new ServerFile(LineReader.estimateLines(file, 24));
        List<SkippedLine> skipped = LineReader.readLines(file, mode, load);
        return new LoadReport<>(load.builder.build(), skipped, load.redefined);
    }

    @Override
    public String accept(byte[] line, int from, int to, int lineNumber) {
        String problem = parser.parseServerLine(line, from, to);
        if (problem != null) {
            return problem;
        }
        int size = builder.size();
        int entry = builder.add(parser.host, parser.command, parser.response, parser.delayNanos);
        if (entry < size) {
            redefined.add(new RedefinedKey(parser.host + ':' + parser.command, lineNumber, definedAt[entry]));
        } else if (entry == definedAt.length) {
            definedAt = Arrays.copyOf(definedAt, entry * 2);
        }
        definedAt[entry] = lineNumber;
        return null;
    }
}
