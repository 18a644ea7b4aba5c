package dev.asynccom.results;

/** How a candidate's value compares with the baseline's, as {@code compare} prints it. */
public enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    /** The change is within the error bounds or the threshold. */
    WITHIN_NOISE("~"),
    /** One side has no value. */
    NO_DATA("n/a"),
    /** Shown, not judged: a burst's latency percentile ({@link ComparedMetric#judgedFor}). */
    NOT_JUDGED("not judged");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
