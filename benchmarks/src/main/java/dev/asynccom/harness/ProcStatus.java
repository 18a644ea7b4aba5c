package dev.asynccom.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process's resident memory as Linux's {@code /proc/<pid>/status} reports it, in KiB (the kernel's "kB"):
 * {@code VmRSS}, resident now, and {@code VmHWM}, the most it was ever resident, which the kernel keeps
 * itself, so one read at any moment holds the peak up to then. Readable only while the process lives (until
 * its parent reaps it): read it before the process is stopped.
 *
 * @param rssKib  VmRSS
 * @param peakKib VmHWM
 */
public record ProcStatus(long rssKib, long peakKib) {
    private static final Pattern RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB$");
    private static final Pattern HWM = Pattern.compile("(?m)^VmHWM:\\s+(\\d+) kB$");

    /** The status of process {@code pid}; empty when it has exited, or on a system without {@code /proc}. */
    public static Optional<ProcStatus> of(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
        return parse(text);
    }

    /** The two fields of a {@code status} file's text; empty when either is absent (a zombie has neither). */
    static Optional<ProcStatus> parse(String statusText) {
        Matcher rss = RSS.matcher(statusText);
        Matcher hwm = HWM.matcher(statusText);
        if (!rss.find() || !hwm.find()) {
            return Optional.empty();
        }
        return Optional.of(new ProcStatus(Long.parseLong(rss.group(1)), Long.parseLong(hwm.group(1))));
    }
}
