/**
 * The HTML report of a results folder: one self-contained page of inline SVG charts (latency
 * distributions, throughput, efficiency) and tables. Pure functions of the folder's data; no threads.
 */
package dev.asynccom.report;
