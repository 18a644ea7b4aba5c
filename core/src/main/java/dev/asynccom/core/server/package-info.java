/**
 * The server engine: its receive thread takes batches from the transport and hands them to the
 * strategy, each client up to its share (the rest waits in that client's queue, owned by the receive
 * thread), workers deliver results to its single result-sender thread, which merges them per client
 * and keeps a backlog for each client that pushes back, and the engine's lifecycle (start, swaps,
 * drain on shutdown) ties the two together.
 */
package dev.asynccom.core.server;
