package dev.asynccom.core.workload;

/** How a data file is loaded when a line does not parse. */
public enum LoadMode {
    /** The first bad line fails the load, naming file and line. */
    STRICT,
    /** Bad lines are skipped and listed ({@link LoadReport#skipped()}), as the seed silently skipped them. */
    LENIENT
}
