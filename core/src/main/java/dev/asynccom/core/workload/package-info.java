/**
 * What the system is asked to do: the server's {@link dev.asynccom.core.workload.DelayMap}
 * ({@code host:command} to response and delay), the client's {@link dev.asynccom.core.workload.CommandList},
 * the data files both are read from and written to, and synthetic workloads drawn from a
 * {@link dev.asynccom.core.workload.DelayProfile}. Everything here is immutable once built and owns no thread.
 */
package dev.asynccom.core.workload;
