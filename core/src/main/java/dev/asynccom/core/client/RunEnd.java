package dev.asynccom.core.client;

/** Why a client run ended: what a {@link RunSummary}'s missing tasks are missing for. */
public enum RunEnd {
    /** Every task sent was answered (tasks never sent, if sending stopped early, are still missing). */
    ANSWERED,
    /** Once everything was sent and no resend was left to make, no result came for the timeout. */
    SILENT,
    /** The deadline passed, counted from the first send, however recently a result came. */
    DEADLINE,
    /** {@link ClientEngine#stop()} was called (the command line client: SIGINT or SIGTERM). */
    STOPPED
}
