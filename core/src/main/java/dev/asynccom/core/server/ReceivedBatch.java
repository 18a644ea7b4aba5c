package dev.asynccom.core.server;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.concurrent.InFlightTracker;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.strategy.BatchWork;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One received batch as a strategy sees it: runs a task with the server's current handler, times it,
 * and delivers its result to the {@link ResultSender}. Worker threads call {@link #runTask} and
 * {@link #rejectTask}, each index once; a batch of a transport that answers whole batches collects its
 * results and delivers them together when the last task ends.
 */
final class ReceivedBatch implements BatchWork {
    /** What every batch of one server shares. */
    record Context(Supplier<TaskHandler> handler, ResultSender sender, InFlightTracker inFlight, NanoClock clock,
                   boolean wholeBatches, LongAdder rejected) {
    }

    private final TaskBatch batch;
    private final long receivedNanos;
    private final Context context;
    private final Result[] results;
    private final AtomicInteger remaining;

    ReceivedBatch(TaskBatch batch, long receivedNanos, Context context) {
        this.batch = batch;
        this.receivedNanos = receivedNanos;
        this.context = context;
        this.results = context.wholeBatches() ? new Result[batch.size()] : null;
        this.remaining = context.wholeBatches() ? new AtomicInteger(batch.size()) : null;
    }

    @Override
    public int size() {
        return batch.size();
    }

    @Override
    public void runTask(int index) {
        Task task = batch.tasks().get(index);
        NanoClock clock = context.clock();
        long start = clock.nanoTime();
        TaskOutcome outcome;
        try {
            outcome = context.handler().get().handle(task);
        } catch (Throwable failure) {
            outcome = new TaskOutcome(Status.FAILED, 0, 0);
        }
        long end = clock.nanoTime();
        deliver(index, new Result(task.id(), outcome.status(), outcome.response(), start - receivedNanos,
                end - start, outcome.plannedNanos()));
    }

    @Override
    public void rejectTask(int index) {
        deliver(index, new Result(batch.tasks().get(index).id(), Status.REJECTED, 0,
                context.clock().nanoTime() - receivedNanos, 0, 0));
    }

    @Override
    public Task task(int index) {
        return batch.tasks().get(index);
    }

    @Override
    public void completeTask(int index, Result remote) {
        long inServer = context.clock().nanoTime() - receivedNanos;
        long service = Math.max(0, remote.serviceNanos());
        deliver(index, new Result(batch.tasks().get(index).id(), remote.status(), remote.response(),
                Math.max(0, inServer - service), remote.serviceNanos(), remote.plannedNanos()));
    }

    private void deliver(int index, Result result) {
        if (result.status() == Status.REJECTED) {
            context.rejected().increment();
        }
        if (results == null) {
            context.sender().deliver(batch.client(), result);
        } else {
            results[index] = result;
            if (remaining.decrementAndGet() == 0) {
                context.sender().deliverWhole(batch.client(), Arrays.asList(results));
            }
        }
        context.inFlight().exit();
    }
}
