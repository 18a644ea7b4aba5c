package dev.asynccom.results;

import java.util.Optional;

/**
 * A metric that {@code compare} judges, the column holding its error bound, which way is better, and
 * whether it is a latency percentile.
 */
public enum ComparedMetric {
    THROUGHPUT(LatencyCsv.THROUGHPUT, LatencyCsv.THROUGHPUT_ERROR, true, false),
    MAKESPAN(LatencyCsv.MAKESPAN_MS, LatencyCsv.MAKESPAN_MS_ERROR, false, false),
    E2E_P50(LatencyCsv.E2E_P50_US, LatencyCsv.E2E_P50_US_ERROR, false, true),
    E2E_P99(LatencyCsv.E2E_P99_US, LatencyCsv.E2E_P99_US_ERROR, false, true),
    E2E_P999(LatencyCsv.E2E_P999_US, LatencyCsv.E2E_P999_US_ERROR, false, true),
    UNCORRECTED_P99(LatencyCsv.UNCORRECTED_P99_US, LatencyCsv.UNCORRECTED_P99_US_ERROR, false, true);

    private final String column;
    private final String errorColumn;
    private final boolean higherIsBetter;
    private final boolean latency;

    ComparedMetric(String column, String errorColumn, boolean higherIsBetter, boolean latency) {
        this.column = column;
        this.errorColumn = errorColumn;
        this.higherIsBetter = higherIsBetter;
        this.latency = latency;
    }

    /**
     * Whether {@code compare} judges this metric in a row of {@code load}. A burst's latency percentiles are
     * not judged: every task of a burst is submitted at once and counted from its actual send, so they measure
     * where the backlog waits (in the client's socket while the server pushes back, or in the server's
     * per-client queue), not how fast the tasks are served. The same makespan gave a p99 of 39 ms with the
     * backlog in the client and 67-98 ms with it in the server. Throughput and makespan of a burst are judged.
     */
    boolean judgedFor(String load) {
        return !latency || !"burst".equals(load);
    }

    public String column() {
        return column;
    }

    /** The column of the value's error half-width, when the file has one. */
    Optional<String> errorColumn() {
        return Optional.ofNullable(errorColumn);
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }
}
