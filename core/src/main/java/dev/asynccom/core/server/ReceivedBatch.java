package dev.asynccom.core.server;

import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskColumns;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.concurrent.InFlightTracker;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.strategy.BatchWork;

import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * One received batch as a strategy sees it: runs a task with the server's current handler, times it,
 * and delivers its result to the {@link ResultSender}. Worker threads call {@link #runTask} and
 * {@link #rejectTask}, each index once; a batch of a transport that answers whole batches collects its
 * results and delivers them together when the last task ends. Each answer also counts down the server's
 * in-flight count and, under per-client admission, its client's ({@link ClientAdmission}), which may hand a
 * batch on in {@link #slice slices} (never one of whole batches).
 */
final class ReceivedBatch implements BatchWork {
    static {
        // What runTask uses once the handler returns, initialized before any task runs: C2 can compile runTask
        // while every call is still inside the handler (a first wave of long sleeps), and a class not yet
        // initialized then compiles to an uncommon trap that each frame parked in that code takes on waking.
        // Result was first made when the first task ended: 129,039 wake-ups of two warm runs deoptimized there.
        try {
            MethodHandles.lookup().ensureInitialized(Result.class);
        } catch (IllegalAccessException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /** What every batch of one server shares. */
    record Context(Supplier<TaskHandler> handler, ResultSender sender, InFlightTracker inFlight, NanoClock clock,
                   boolean wholeBatches, LongAdder rejected) {
    }

    private final TaskBatch batch;
    /** The batch's tasks when they came as columns (the handler then gets their fields), else null. */
    private final TaskColumns columns;
    /** This work's tasks are the batch's {@code from} to {@code from + size - 1}. */
    private final int from;
    private final int size;
    private final long receivedNanos;
    private final Context context;
    private final Result[] results;
    private final AtomicInteger remaining;
    private final AtomicInteger clientUnanswered;

    /** @param clientUnanswered its client's count of tasks unanswered, or {@code null} when none is kept */
    ReceivedBatch(TaskBatch batch, long receivedNanos, Context context, AtomicInteger clientUnanswered) {
        this(batch, 0, batch.size(), receivedNanos, context, clientUnanswered);
    }

    private ReceivedBatch(TaskBatch batch, int from, int size, long receivedNanos, Context context,
                          AtomicInteger clientUnanswered) {
        this.batch = batch;
        this.columns = batch.tasks() instanceof TaskColumns c ? c : null;
        this.from = from;
        this.size = size;
        this.receivedNanos = receivedNanos;
        this.context = context;
        this.clientUnanswered = clientUnanswered;
        this.results = context.wholeBatches() ? new Result[size] : null;
        this.remaining = context.wholeBatches() ? new AtomicInteger(size) : null;
    }

    /** Whether {@link #slice} may cut it: not when the transport answers each batch in one message. */
    boolean sliceable() {
        return !context.wholeBatches();
    }

    /**
     * Its tasks {@code start} to {@code end - 1} as work of their own, received at the same time. Only before
     * any of it was handed to a strategy, and only when {@link #sliceable}.
     */
    ReceivedBatch slice(int start, int end) {
        if (!sliceable() || start < 0 || end > size || start >= end) {
            throw new IllegalArgumentException("cannot slice " + start + " to " + end + " of " + size + " tasks");
        }
        return new ReceivedBatch(batch, from + start, end - start, receivedNanos, context, clientUnanswered);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void runTask(int index) {
        int at = from + index;
        long taskId = taskId(index);
        NanoClock clock = context.clock();
        long start = clock.nanoTime();
        TaskOutcome outcome;
        try {
            TaskHandler handler = context.handler().get();
            outcome = columns != null ? handler.handle(taskId, columns.host(at), columns.command(at))
                    : handler.handle(batch.tasks().get(at));
        } catch (Throwable failure) {
            outcome = new TaskOutcome(Status.FAILED, 0, 0);
        }
        long end = clock.nanoTime();
        deliver(index, taskId, outcome.status(), outcome.response(), start - receivedNanos, end - start,
                outcome.plannedNanos());
    }

    @Override
    public void rejectTask(int index) {
        deliver(index, taskId(index), Status.REJECTED, 0, context.clock().nanoTime() - receivedNanos, 0, 0);
    }

    private long taskId(int index) {
        return columns != null ? columns.id(from + index) : task(index).id();
    }

    @Override
    public Task task(int index) {
        return batch.tasks().get(from + index);
    }

    @Override
    public void completeTask(int index, Result remote) {
        long inServer = context.clock().nanoTime() - receivedNanos;
        long service = Math.max(0, remote.serviceNanos());
        deliver(index, taskId(index), remote.status(), remote.response(), Math.max(0, inServer - service),
                remote.serviceNanos(), remote.plannedNanos());
    }

    /** A result as its fields: a streaming transport's goes on without a {@link Result} object. */
    private void deliver(int index, long taskId, Status status, int response, long queueWaitNanos,
                         long serviceNanos, long plannedNanos) {
        if (status == Status.REJECTED) {
            context.rejected().increment();
        }
        if (results == null) {
            context.sender().deliver(batch.client(), taskId, status, response, queueWaitNanos, serviceNanos,
                    plannedNanos);
        } else {
            results[index] = new Result(taskId, status, response, queueWaitNanos, serviceNanos, plannedNanos);
            if (remaining.decrementAndGet() == 0) {
                context.sender().deliverWhole(batch.client(), List.of(results));
            }
        }
        if (clientUnanswered != null) {
            clientUnanswered.decrementAndGet();
        }
        context.inFlight().exit();
    }
}
