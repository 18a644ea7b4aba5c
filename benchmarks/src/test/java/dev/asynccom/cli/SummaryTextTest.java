package dev.asynccom.cli;

import dev.asynccom.core.client.Latencies;
import dev.asynccom.core.client.RunEnd;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.workload.CommandList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client's summary says why tasks are missing, names each by command and file line, and counts resends. */
class SummaryTextTest {
    private static final long FIRST_ID = 30_000_000_000L;

    @TempDir
    Path dir;

    /** Six tasks (a file of three sent twice), {@code ok} of them ok, the rest missing: ids from {@code missingIds}. */
    private static RunSummary summary(long sent, long ok, long resent, long resendDuplicates, long duplicates,
                                      RunEnd end, boolean sendingStopped, long... missingIds) {
        return new RunSummary(6, sent, resent, ok, 0, 0, 0, 6 - ok, duplicates, resendDuplicates, 0, 0, ok, FIRST_ID,
                missingIds, end, sendingStopped, 1_000_000_000L, Double.NaN, Latencies.create());
    }

    private static String printed(RunSummary s, CommandList commands) {
        StringWriter text = new StringWriter();
        SummaryText.print(new PrintWriter(text), s, false, commands);
        return text.toString();
    }

    @Test
    void missingTasksAreNamedByCommandAndFileLineAcrossRepeats() {
        Path file = CliRig.write(dir.resolve("commands.txt"),
                List.of("# three commands", "137.72.95.0:foo", "", "137.72.95.1:bar", "137.72.95.2:baz"));
        CommandList commands = ClientCommand.load(file);
        // Task 4 is the second round's command 1 (bar, line 4); task 2 is baz on line 5.
        RunSummary s = summary(6, 4, 0, 0, 0, RunEnd.SILENT, false, FIRST_ID + 2, FIRST_ID + 4);

        String text = printed(s, commands);

        assertTrue(text.contains("missing ids   30000000002 (137.72.95.2:baz, line 5), "
                + "30000000004 (137.72.95.1:bar, line 4)\n"), text);
        assertTrue(text.contains("missing       2 (no result came for --timeout)\n"), text);
    }

    @Test
    void theMissingLineSaysHowTheRunEndedAndWhatWasNeverSent() {
        assertEquals("--deadline passed", SummaryText.whyMissing(summary(6, 2, 0, 0, 0, RunEnd.DEADLINE, false)));
        assertEquals("stopped by SIGINT or SIGTERM; 2 of them never sent",
                SummaryText.whyMissing(summary(4, 1, 0, 0, 0, RunEnd.STOPPED, false)));
        assertEquals("3 never sent: sending stopped after a send was blocked for --timeout on backpressure",
                SummaryText.whyMissing(summary(3, 3, 0, 0, 0, RunEnd.ANSWERED, true)));
        assertEquals("no result came for --timeout; 3 of them never sent: sending stopped after a send was blocked "
                + "for --timeout on backpressure", SummaryText.whyMissing(summary(3, 1, 0, 0, 0, RunEnd.SILENT, true)));
    }

    @Test
    void resendDuplicatesArePrintedButAreNoErrorWhilePlainDuplicatesAre() {
        CommandList commands = CommandList.of(List.of("10.0.0.1:a", "10.0.0.2:b", "10.0.0.3:c"));
        RunSummary resent = summary(6, 6, 3, 2, 0, RunEnd.ANSWERED, false);
        String text = printed(resent, commands);
        assertTrue(text.contains("resent        3 "), text);
        assertTrue(text.contains("resend dups   2 "), text);
        assertEquals(ExitCodes.OK, SummaryText.exitCode(resent));

        assertEquals(ExitCodes.NOT_ALL_OK, SummaryText.exitCode(summary(6, 6, 3, 2, 1, RunEnd.ANSWERED, false)));
        assertEquals(ExitCodes.MISSING, SummaryText.exitCode(summary(6, 5, 3, 0, 0, RunEnd.STOPPED, false, FIRST_ID)));
        assertFalse(printed(summary(6, 6, 0, 0, 0, RunEnd.ANSWERED, false), commands).contains("resent"),
                "a run that resent nothing says nothing of resends");
    }
}
