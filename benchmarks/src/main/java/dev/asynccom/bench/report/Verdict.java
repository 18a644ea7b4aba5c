package dev.asynccom.bench.report;

/** How a candidate's value compares with the baseline's, as {@code compare} prints it. */
enum Verdict {
    BETTER("better"),
    WORSE("worse"),
    /** The change is within the error bounds or the threshold. */
    WITHIN_NOISE("~"),
    /** One side has no value. */
    NO_DATA("n/a");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
