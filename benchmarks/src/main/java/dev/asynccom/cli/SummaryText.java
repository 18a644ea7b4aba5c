package dev.asynccom.cli;

import dev.asynccom.core.client.RunEnd;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.workload.CommandList;
import org.HdrHistogram.Histogram;

import java.io.PrintWriter;
import java.util.Locale;

/** The client's human-readable summary of a run, as it prints it on stdout. */
final class SummaryText {
    /** Missing task ids listed by name; the rest are counted. */
    static final int MISSING_IDS_SHOWN = 20;

    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 100};
    private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9", "max"};

    private SummaryText() {
    }

    /**
     * Prints the counts (with why the missing are missing), the resends, the response sum, makespan and rate,
     * the latency table and, when some are missing, the first missing ids with their commands and lines.
     *
     * @param perBatch whether results came from the seed protocol, which answers one sum per batch
     * @param commands the command list the run sent, to name missing tasks by command and file line
     */
    static void print(PrintWriter out, RunSummary s, boolean perBatch, CommandList commands) {
        out.printf(Locale.ROOT, "tasks         %d (sent %d)%n", s.tasks(), s.sent());
        out.printf(Locale.ROOT, "ok            %d%n", s.ok());
        out.printf(Locale.ROOT, "unknown       %d%n", s.unknownCommand());
        out.printf(Locale.ROOT, "failed        %d%n", s.failed());
        out.printf(Locale.ROOT, "rejected      %d%n", s.rejected());
        out.printf(Locale.ROOT, "missing       %d%s%n", s.missing(), s.missing() > 0 ? " (" + whyMissing(s) + ")" : "");
        out.printf(Locale.ROOT, "duplicates    %d%n", s.duplicates());
        if (s.resent() > 0) {
            out.printf(Locale.ROOT, "resent        %d (task sends after the first, --retry-after)%n", s.resent());
            out.printf(Locale.ROOT, "resend dups   %d (a resent task answered again: ignored, no error)%n",
                    s.resendDuplicates());
        }
        if (s.unknownIds() > 0) {
            out.printf(Locale.ROOT, "stray results %d (naming no task of this run, ignored: left over from an earlier client?)%n",
                    s.unknownIds());
        }
        if (s.malformedFrames() > 0) {
            out.printf(Locale.ROOT, "bad frames    %d (could not be decoded, dropped)%n", s.malformedFrames());
        }
        out.printf(Locale.ROOT, "response sum  %d%n", s.responseSum());
        out.printf(Locale.ROOT, "makespan      %.3f s%n", s.makespanNanos() / 1e9);
        out.printf(Locale.ROOT, "throughput    %.1f tasks/s%n", s.tasksPerSecond());
        printLatencies(out, s, perBatch);
        if (s.missing() > 0) {
            out.println("missing ids   " + missingIds(s, commands));
        }
        out.flush();
    }

    /** {@code --deadline passed; 10 of them never sent}: how the run ended, and what was never sent. */
    static String whyMissing(RunSummary s) {
        String end = switch (s.end()) {
            case ANSWERED -> "every task sent was answered";
            case SILENT -> "no result came for --timeout";
            case DEADLINE -> "--deadline passed";
            case STOPPED -> "stopped by SIGINT or SIGTERM";
        };
        if (s.notSent() == 0) {
            return end;
        }
        String notSent = s.notSent() + (s.notSent() == s.missing() ? " never sent" : " of them never sent");
        if (s.sendingStopped()) {
            notSent += ": sending stopped after a send was blocked for --timeout on backpressure";
        }
        return s.end() == RunEnd.ANSWERED ? notSent : end + "; " + notSent;
    }

    private static void printLatencies(PrintWriter out, RunSummary s, boolean perBatch) {
        out.printf(Locale.ROOT, "latency (ms) %12s %12s %12s %12s %12s%n", (Object[]) PERCENTILE_NAMES);
        var l = s.latencies();
        row(out, "end-to-end", l.endToEnd());
        row(out, "uncorrected", l.uncorrected());
        if (perBatch) {
            out.println("  split       none: a seed server reports no timings");
            out.println("note: the seed protocol answers each batch with one sum and names no task, so latency is per "
                    + "batch, answers are attributed to batches oldest first (approximate when batches finish out of "
                    + "order), and an unknown command cannot be told from an ok one.");
            return;
        }
        row(out, "transport", l.transport());
        row(out, "queue wait", l.queueWait());
        row(out, "service", l.service());
        row(out, "overshoot", l.overshoot());
    }

    private static void row(PrintWriter out, String name, Histogram h) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-11s", name));
        for (double p : PERCENTILES) {
            line.append(h.getTotalCount() == 0 ? String.format(Locale.ROOT, " %12s", "-")
                    : String.format(Locale.ROOT, " %12.3f", h.getValueAtPercentile(p) / 1e6));
        }
        out.println(line);
    }

    /**
     * {@code 10000000005 (137.72.95.1:foo, line 6), ... and 120 more}: the first {@value #MISSING_IDS_SHOWN}
     * missing ids, each with its command and the line of the commands file it came from (task {@code i} of a
     * run is command {@code i % size}, since --repeat sends the file again and again).
     */
    static String missingIds(RunSummary s, CommandList commands) {
        long[] ids = s.missingIds();
        int shown = Math.min(ids.length, MISSING_IDS_SHOWN);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            int command = (int) ((ids[i] - s.firstTaskId()) % commands.size());
            text.append(i == 0 ? "" : ", ").append(ids[i]).append(" (").append(commands.host(command)).append(':')
                    .append(commands.command(command)).append(", line ").append(commands.line(command)).append(')');
        }
        if (s.missing() > shown) {
            text.append(" ... and ").append(s.missing() - shown).append(" more");
        }
        return text.toString();
    }

    /** The exit code of a run: missing beats not-ok; resend duplicates count against neither. */
    static int exitCode(RunSummary s) {
        if (s.missing() > 0) {
            return ExitCodes.MISSING;
        }
        if (s.ok() != s.tasks() || s.duplicates() > 0) {
            return ExitCodes.NOT_ALL_OK;
        }
        return ExitCodes.OK;
    }
}
