/**
 * The client engine: one sender thread sends the command list in batches, at once or on an
 * open-loop schedule, and resends what stays unanswered ({@link dev.asynccom.core.client.ResendSchedule}),
 * while the calling thread receives, matches every result to its task and records latencies in
 * HdrHistograms ({@link dev.asynccom.core.client.Latencies}); a {@link dev.asynccom.core.client.RunSummary}
 * accounts for every task and says how the run ended.
 */
package dev.asynccom.core.client;
