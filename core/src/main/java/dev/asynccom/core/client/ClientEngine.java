package dev.asynccom.core.client;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.workload.CommandList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The client: sends a command list in batches over a {@link ClientTransport}, all at once (the seed's
 * burst) or at a fixed rate (open loop), and accounts for every task: a result, or missing when the
 * timeout passes. Latencies are recorded in HdrHistograms ({@link Latencies}).
 *
 * <p>Threads: {@link #run} starts one sender thread ({@code asynccom-client-send}) that owns
 * {@code transport.send}, and receives on the calling thread, which owns {@code transport.receive}.
 * Per-task state is one byte per task plus one timestamp per batch, so a million tasks in flight fit
 * in a few megabytes. A client runs one {@link #run} at a time; task ids keep growing across runs, so a
 * late result of an earlier run counts as an unknown id, never as an answer.
 */
public final class ClientEngine {
    /** The most missing task ids a {@link RunSummary} lists. */
    public static final int MAX_MISSING_IDS = 1000;
    /** The largest first task id: leaves room for runs of more than 2^62 tasks before ids overflow. */
    public static final long MAX_FIRST_TASK_ID = 1L << 62;

    private static final long RECEIVE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SPIN_BEFORE_DUE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final byte UNANSWERED = 0;

    private final ClientTransport transport;
    private final ClientOptions options;
    private final NanoClock clock;
    private long nextId;
    private volatile long sentSoFar;
    private volatile long answeredSoFar;

    /** A client on {@code transport} whose task ids start at 0. */
    public ClientEngine(ClientTransport transport, ClientOptions options, NanoClock clock) {
        this(transport, options, clock, 0);
    }

    /**
     * A client on {@code transport} whose first run's task ids start at {@code firstTaskId}. Clients that
     * may follow one another on the same result endpoint should start far apart (a random base), so that
     * late results of a client that went away count as unknown ids, never as answers to a successor's tasks.
     *
     * @param firstTaskId the first task id, from 0 to {@link #MAX_FIRST_TASK_ID}
     */
    public ClientEngine(ClientTransport transport, ClientOptions options, NanoClock clock, long firstTaskId) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (firstTaskId < 0 || firstTaskId > MAX_FIRST_TASK_ID) {
            throw new IllegalArgumentException("first task id must be from 0 to " + MAX_FIRST_TASK_ID + ", got "
                    + firstTaskId);
        }
        this.nextId = firstTaskId;
    }

    /** A client with the system clock. */
    public ClientEngine(ClientTransport transport, ClientOptions options) {
        this(transport, options, NanoClock.system());
    }

    /** Tasks handed to the transport so far in the current run; safe to read from any thread. */
    public long sentSoFar() {
        return sentSoFar;
    }

    /** Tasks answered so far in the current run; safe to read from any thread. */
    public long answeredSoFar() {
        return answeredSoFar;
    }

    /**
     * Sends {@code commands} {@code repeat} times and waits for every result, or until, after the last
     * send, no result has come for the timeout. Never hangs: a send blocked longer than the timeout ends
     * the sending, and the unsent tasks are reported missing.
     */
    public RunSummary run(CommandList commands) throws InterruptedException {
        return run(commands, options);
    }

    /** As {@link #run(CommandList)}, with {@code runOptions} for this run instead of the client's own. */
    public RunSummary run(CommandList commands, ClientOptions runOptions) throws InterruptedException {
        long total = (long) commands.size() * runOptions.repeat();
        if (total == 0) {
            throw new IllegalArgumentException("nothing to send: the command list is empty");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many tasks in one run: " + total);
        }
        Run run = new Run(commands, (int) total, nextId, runOptions);
        nextId += total;
        return run.execute();
    }

    /** The state of one run, shared by its sender thread and the receiving thread. */
    private final class Run {
        private final CommandList commands;
        private final int total;
        private final long firstId;
        private final ClientOptions options;
        private final int batchSize;
        private final int batches;
        private final AtomicLongArray batchSentNanos;
        private final byte[] state;
        private final Latencies latencies = Latencies.create();
        private volatile boolean senderDone;
        private volatile long lastSendNanos;
        private volatile boolean stopSending;
        private long startNanos;
        private SteadyRate steadyRate;
        private volatile long sent;
        private long ok, unknownCommand, failed, rejected, duplicates, unknownIds, responseSum;

        Run(CommandList commands, int total, long firstId, ClientOptions options) {
            this.options = options;
            this.batchSize = options.batchSize();
            this.commands = commands;
            this.total = total;
            this.firstId = firstId;
            this.batches = (total + batchSize - 1) / batchSize;
            this.batchSentNanos = new AtomicLongArray(batches);
            this.state = new byte[total];
        }

        RunSummary execute() throws InterruptedException {
            sentSoFar = 0;
            answeredSoFar = 0;
            startNanos = clock.nanoTime();
            steadyRate = new SteadyRate(startNanos, options.openLoop() ? options.ratePerSecond() : 0);
            Thread sender = Thread.ofPlatform().name("asynccom-client-send").daemon(true).start(this::send);
            long lastResultNanos = startNanos;
            long answered = 0;
            try {
                while (true) {
                    // Missing means silent for the whole timeout: a slow server that still answers is waited for.
                    long lastActivity = Math.max(lastSendNanos, lastResultNanos);
                    if (senderDone && (answered >= sent || clock.nanoTime() - lastActivity >= options.timeout().toNanos())) {
                        break;
                    }
                    ResultBatch results = transport.receive(RECEIVE_POLL_NANOS);
                    if (results == null) {
                        continue;
                    }
                    long now = clock.nanoTime();
                    for (Result result : results.results()) {
                        if (account(result, now)) {
                            answered++;
                            lastResultNanos = now;
                        }
                    }
                    answeredSoFar = answered;
                }
            } finally {
                stopSending = true;
                sender.join();
            }
            long end = answered == total ? lastResultNanos : clock.nanoTime();
            return summary(end - startNanos);
        }

        private void send() {
            try {
                long timeoutNanos = options.timeout().toNanos();
                double nanosPerBatch = options.openLoop() ? batchSize * 1e9 / options.ratePerSecond() : 0;
                for (int b = 0; b < batches && !stopSending; b++) {
                    if (options.openLoop()) {
                        waitUntil(startNanos + (long) (b * nanosPerBatch));
                    }
                    int from = b * batchSize;
                    int to = Math.min(total, from + batchSize);
                    List<Task> tasks = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) {
                        tasks.add(commands.task(firstId + i, i % commands.size()));
                    }
                    // Stamped before the send: a fast result may come back before send() returns.
                    batchSentNanos.set(b, clock.nanoTime());
                    if (!transport.send(new TaskBatch(firstId + from, transport.replyTo(), tasks), timeoutNanos)) {
                        break;
                    }
                    sent = to;
                    sentSoFar = to;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lastSendNanos = clock.nanoTime();
                senderDone = true;
            }
        }

        private void waitUntil(long dueNanos) {
            long left;
            while ((left = dueNanos - clock.nanoTime()) > 0 && !stopSending) {
                if (left > SPIN_BEFORE_DUE_NANOS) {
                    LockSupport.parkNanos(left - SPIN_BEFORE_DUE_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        /** Accounts one result; returns whether it answered a task for the first time. */
        private boolean account(Result result, long receivedNanos) {
            long index = result.taskId() - firstId;
            if (index < 0 || index >= total) {
                unknownIds++;
                return false;
            }
            int i = (int) index;
            int batch = i / batchSize;
            long sentNanos = batchSentNanos.get(batch);
            if (sentNanos == 0) {
                // Stamped before every send, so an unstamped batch was never sent by this run.
                unknownIds++;
                return false;
            }
            if (state[i] != UNANSWERED) {
                duplicates++;
                return false;
            }
            state[i] = (byte) (result.status().ordinal() + 1);
            switch (result.status()) {
                case OK -> {
                    ok++;
                    responseSum += result.response();
                }
                case UNKNOWN_COMMAND -> unknownCommand++;
                case FAILED -> failed++;
                case REJECTED -> rejected++;
            }
            long intended = options.openLoop()
                    ? startNanos + (long) (batch * (batchSize * 1e9 / options.ratePerSecond()))
                    : sentNanos;
            latencies.record(result, intended, sentNanos, receivedNanos);
            steadyRate.received(intended, receivedNanos);
            return true;
        }

        private RunSummary summary(long makespanNanos) {
            long answered = ok + unknownCommand + failed + rejected;
            long missing = total - answered;
            long[] missingIds = new long[(int) Math.min(missing, MAX_MISSING_IDS)];
            for (int i = 0, found = 0; i < total && found < missingIds.length; i++) {
                if (state[i] == UNANSWERED) {
                    missingIds[found++] = firstId + i;
                }
            }
            return new RunSummary(total, sent, ok, unknownCommand, failed, rejected, missing, duplicates, unknownIds,
                    transport.malformedFrames(), responseSum, missingIds, makespanNanos, steadyRate.perSecond(), latencies);
        }
    }
}
