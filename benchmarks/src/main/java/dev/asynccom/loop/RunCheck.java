package dev.asynccom.loop;

import dev.asynccom.core.client.RunSummary;

import java.util.Arrays;

/** The check every benchmark makes of each run: a figure of a run that lost or doubled a task is no figure. */
public final class RunCheck {
    private RunCheck() {
    }

    /**
     * Returns {@code summary} when every task came back once with ok and the responses add up to
     * {@code expectedResponseSum}; otherwise throws, naming {@code run} and every count.
     */
    public static RunSummary requireEveryTaskOk(RunSummary summary, long expectedResponseSum, String run) {
        if (summary.allOk() && summary.missing() == 0 && summary.responseSum() == expectedResponseSum) {
            return summary;
        }
        throw new IllegalStateException("the run of " + run + " did not answer every task once with ok: "
                + summary.ok() + " ok of " + summary.tasks() + ", " + summary.missing() + " missing (first ids "
                + Arrays.toString(Arrays.copyOf(summary.missingIds(), Math.min(10, summary.missingIds().length)))
                + "), " + summary.duplicates() + " duplicates, " + summary.unknownCommand() + " unknown command, "
                + summary.failed() + " failed, " + summary.rejected() + " rejected, " + summary.unknownIds()
                + " unknown ids, " + summary.malformedFrames() + " malformed frames, response sum "
                + summary.responseSum() + " (expected " + expectedResponseSum + ")");
    }
}
