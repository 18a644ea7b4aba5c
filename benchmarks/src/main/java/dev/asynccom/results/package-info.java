/**
 * What a run writes and how it is read back: trial records from the JMH forks, {@code latency.csv},
 * the percentile files, the environment, and the analyses built on them (ideal bounds, rankings,
 * comparisons). Plain data and files; no threads.
 */
package dev.asynccom.results;
