/**
 * The HTML report of a results folder: one self-contained page that opens with the decision table,
 * then inline SVG charts (latency-throughput curves, latency distributions, throughput, efficiency) and
 * tables. Pure functions of the folder's data; no threads.
 */
package dev.asynccom.report;
