/**
 * What a run writes and how it is read back: trial records from the JMH forks, {@code latency.csv},
 * capacity records and the capacity, curve and decision files, {@code results.json}, the percentile
 * files, the environment, and the analyses built on them (ideal bounds, rankings that declare ties, the
 * decision, comparisons). Plain data and files; no threads.
 */
package dev.asynccom.results;
