package dev.asynccom.core.strategy;

/**
 * A snapshot of a {@link RemoteWorkerStrategy}'s counters.
 *
 * @param workersJoined     workers that joined (a worker that joins again after being declared dead counts again)
 * @param workersLeft       workers that said goodbye and left after answering what they held
 * @param workersDead       workers declared dead after a silence past their liveness
 * @param tasksRedelivered  tasks a dead worker held, handed out again
 * @param duplicatesDropped results of tasks already answered (late results of a dead worker's tasks), dropped
 * @param remoteResults     tasks answered by workers
 * @param rejectedAtStop    tasks that never left the server before it stopped, answered REJECTED
 * @param outstanding       tasks accepted and not yet answered
 */
public record RemoteWorkerStats(long workersJoined, long workersLeft, long workersDead, long tasksRedelivered,
                                long duplicatesDropped, long remoteResults, long rejectedAtStop, long outstanding) {
}
