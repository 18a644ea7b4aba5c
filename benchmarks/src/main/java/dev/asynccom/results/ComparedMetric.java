package dev.asynccom.results;

import java.util.Optional;

/** A metric that {@code compare} judges, the column holding its error bound, and which way is better. */
public enum ComparedMetric {
    THROUGHPUT(LatencyCsv.THROUGHPUT, LatencyCsv.THROUGHPUT_ERROR, true),
    MAKESPAN(LatencyCsv.MAKESPAN_MS, LatencyCsv.MAKESPAN_MS_ERROR, false),
    E2E_P50(LatencyCsv.E2E_P50_US, LatencyCsv.E2E_P50_US_ERROR, false),
    E2E_P99(LatencyCsv.E2E_P99_US, LatencyCsv.E2E_P99_US_ERROR, false),
    E2E_P999(LatencyCsv.E2E_P999_US, LatencyCsv.E2E_P999_US_ERROR, false),
    UNCORRECTED_P99(LatencyCsv.UNCORRECTED_P99_US, LatencyCsv.UNCORRECTED_P99_US_ERROR, false);

    private final String column;
    private final String errorColumn;
    private final boolean higherIsBetter;

    ComparedMetric(String column, String errorColumn, boolean higherIsBetter) {
        this.column = column;
        this.errorColumn = errorColumn;
        this.higherIsBetter = higherIsBetter;
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
