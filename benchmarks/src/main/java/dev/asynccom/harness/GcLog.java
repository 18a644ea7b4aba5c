package dev.asynccom.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM started with {@code -Xlog:gc:file=FILE} wrote there (the JDK's unified logging at info, one line
 * per pause: {@code [1.448s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 41M->31M(64M) 59.769ms}):
 * the collector, the pauses of the run and the heap after the last of them, and the heap after an explicit
 * full collection ({@code jcmd <pid> GC.run}, logged with the cause {@code Diagnostic Command}, or
 * {@code System.gc()}), which is the live heap at that moment. Serial, Parallel and G1 write this format; a
 * collector that writes another (ZGC) reads as no pauses.
 *
 * @param collector        {@code G1}, {@code Serial}, {@code Parallel}...; empty when the log does not say
 * @param pauses           pauses of the run, the explicit collection left out
 * @param pauseMillis      their total length
 * @param heapAfterLastKib heap in use after the run's last pause; empty when there was none
 * @param liveHeapKib      heap in use after the last explicit full collection; empty when there was none
 */
public record GcLog(String collector, long pauses, double pauseMillis, OptionalLong heapAfterLastKib,
                    OptionalLong liveHeapKib) {
    private static final Pattern USING = Pattern.compile("\\[gc\\s*] Using (\\S+)");
    private static final Pattern PAUSE = Pattern.compile(
            "\\[gc\\s*] GC\\(\\d+\\) Pause .*?(\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\) (\\d+(?:\\.\\d+)?)ms$");
    /** The wall-clock decorator ({@code -Xlog:gc:file=FILE:time,tags}) that opens a line: when the pause ended. */
    private static final Pattern TIME = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT[^\\]]+)]");
    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /** The causes of an explicit collection: {@code jcmd GC.run} (JDK 21 to 25), {@code System.gc()}. */
    private static final List<String> EXPLICIT = List.of("(Diagnostic Command)", "(System.gc())");

    /** The log of {@code file}; all empty when there is no such file (the JVM never started). */
    public static GcLog read(Path file) throws IOException {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException none) {
            return parse(List.of());
        }
    }

    /**
     * The pauses that ended between {@code from} and {@code to}, of a log written with the wall-clock decorator
     * ({@code -Xlog:gc:file=FILE:time,tags}); lines without it are left out. No file reads as no pauses.
     */
    public static Pauses within(Path file, Instant from, Instant to) throws IOException {
        try {
            return within(Files.readAllLines(file, StandardCharsets.UTF_8), from, to);
        } catch (NoSuchFileException none) {
            return new Pauses(0, 0);
        }
    }

    static Pauses within(List<String> lines, Instant from, Instant to) {
        long pauses = 0;
        double millis = 0;
        for (String line : lines) {
            Matcher time = TIME.matcher(line);
            Matcher pause = PAUSE.matcher(line);
            if (!time.find() || !pause.find()) {
                continue;
            }
            Instant ended;
            try {
                ended = OffsetDateTime.parse(time.group(1), TIME_FORMAT).toInstant();
            } catch (DateTimeParseException notATime) {
                continue;
            }
            if (!ended.isBefore(from) && !ended.isAfter(to)) {
                pauses++;
                millis += Double.parseDouble(pause.group(5));
            }
        }
        return new Pauses(pauses, millis);
    }

    /** Pauses of a stretch of a run: how many, and their total length. */
    public record Pauses(long count, double millis) {
    }

    /** The log of these lines. */
    static GcLog parse(List<String> lines) {
        String collector = "";
        long pauses = 0;
        double millis = 0;
        OptionalLong after = OptionalLong.empty();
        OptionalLong live = OptionalLong.empty();
        for (String line : lines) {
            Matcher using = USING.matcher(line);
            if (using.find()) {
                collector = using.group(1);
                continue;
            }
            Matcher pause = PAUSE.matcher(line);
            if (!pause.find()) {
                continue;
            }
            long heapAfter = kibibytes(Long.parseLong(pause.group(3)), pause.group(4));
            if (EXPLICIT.stream().anyMatch(line::contains)) {
                live = OptionalLong.of(heapAfter);
            } else {
                pauses++;
                millis += Double.parseDouble(pause.group(5));
                after = OptionalLong.of(heapAfter);
            }
        }
        return new GcLog(collector, pauses, millis, after, live);
    }

    private static long kibibytes(long value, String unit) {
        return switch (unit) {
            case "K" -> value;
            case "M" -> value << 10;
            default -> value << 20;
        };
    }
}
