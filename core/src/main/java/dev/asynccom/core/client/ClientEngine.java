package dev.asynccom.core.client;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultSink;
import dev.asynccom.core.Status;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskColumns;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.core.workload.CommandList;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * The client: sends a command list in batches over a {@link ClientTransport}, all at once (the seed's
 * burst) or at a fixed rate (open loop), and accounts for every task: a result, or missing when the run
 * ends without one. A run ends when every task sent is answered; when, with everything sent and no resend
 * left to make, no result has come for the timeout; when the deadline passes; or on {@link #stop()}.
 * With {@link ClientOptions#resends()}, a batch still partly unanswered {@code retryAfter} after its last send
 * is sent again, unchanged (Lazy Pirate). Latencies are recorded in HdrHistograms ({@link Latencies}).
 *
 * <p>Threads: {@link #run} starts one sender thread ({@code asynccom-client-send}) that owns
 * {@code transport.send}, first sends and resends alike, and receives on the calling thread, which owns
 * {@code transport.receive} and decides what to resend. Per-task state is one byte per task plus a timestamp
 * per batch (and, with resends, two counters per batch), so a million tasks in flight fit in a few megabytes.
 * A client runs one {@link #run} at a time; task ids keep growing across runs, so a late result of an
 * earlier run counts as an unknown id, never as an answer. {@link #stop()} and the progress counters are
 * safe from any thread.
 */
public final class ClientEngine {
    /** The most missing task ids a {@link RunSummary} lists. */
    public static final int MAX_MISSING_IDS = 1000;
    /** The largest first task id: leaves room for runs of more than 2^62 tasks before ids overflow. */
    public static final long MAX_FIRST_TASK_ID = 1L << 62;

    private static final long RECEIVE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SPIN_BEFORE_DUE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /**
     * The longest the sender blocks in one call to the transport or one park: a send blocked on backpressure
     * is retried in slices of this, so a stop or a deadline is seen within it rather than after the timeout.
     */
    private static final long SENDER_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** The longest park while the in-flight window is full: how late the sender notices an answer freed room. */
    private static final long WINDOW_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long RESEND_IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final byte UNANSWERED = 0;
    /** A task's byte: its first answer's status + 1 in the low bits, answers after the first above them. */
    private static final int STATUS_BITS = 3;
    private static final int STATUS_MASK = (1 << STATUS_BITS) - 1;
    private static final int MAX_EXTRA_ANSWERS = 0xFF >>> STATUS_BITS;

    private final ClientTransport transport;
    private final ClientOptions options;
    private final NanoClock clock;
    private long nextId;
    private volatile boolean stopped;
    private volatile long sentSoFar;
    private volatile long answeredSoFar;
    private volatile long resentSoFar;

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

    /** Tasks handed to the transport so far in the current run (first sends); safe to read from any thread. */
    public long sentSoFar() {
        return sentSoFar;
    }

    /** Tasks answered so far in the current run; safe to read from any thread. */
    public long answeredSoFar() {
        return answeredSoFar;
    }

    /** Task resends so far in the current run ({@link RunSummary#resent}); safe to read from any thread. */
    public long resentSoFar() {
        return resentSoFar;
    }

    /**
     * Ends the run under way as soon as its threads see it (within milliseconds): it returns its summary,
     * every unanswered task missing and {@link RunEnd#STOPPED}; a later run ends the same way at once. For a
     * shutdown hook: safe from any thread, returns without waiting.
     */
    public void stop() {
        stopped = true;
    }

    /** Whether {@link #stop()} was called. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Sends {@code commands} {@code repeat} times and waits for every result, or until the run ends otherwise
     * (see the class comment). Never hangs: a send blocked longer than the timeout ends the sending, and the
     * unsent tasks are reported missing.
     */
    public RunSummary run(CommandList commands) throws InterruptedException {
        return run(commands, options, RunListener.NONE);
    }

    /** As {@link #run(CommandList)}, with {@code runOptions} for this run instead of the client's own. */
    public RunSummary run(CommandList commands, ClientOptions runOptions) throws InterruptedException {
        return run(commands, runOptions, RunListener.NONE);
    }

    /** As {@link #run(CommandList, ClientOptions)}, telling {@code listener} what happens as it happens. */
    public RunSummary run(CommandList commands, ClientOptions runOptions, RunListener listener)
            throws InterruptedException {
        long total = (long) commands.size() * runOptions.repeat();
        if (total == 0) {
            throw new IllegalArgumentException("nothing to send: the command list is empty");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many tasks in one run: " + total);
        }
        Run run = new Run(commands, (int) total, nextId, runOptions, Objects.requireNonNull(listener, "listener"));
        nextId += total;
        return run.execute();
    }

    /** The state of one run, shared by its sender thread and the receiving thread. */
    private final class Run {
        private final CommandList commands;
        private final int total;
        private final long firstId;
        private final ClientOptions options;
        private final RunListener listener;
        private final long timeoutNanos;
        private final int batchSize;
        private final int batches;
        /** When each batch was first sent, stamped just before the send; 0 for a batch never sent. */
        private final AtomicLongArray batchSentNanos;
        /** One byte per task, the receiver's: {@link #UNANSWERED}, or its answers (see {@link #STATUS_BITS}). */
        private final byte[] state;
        /** Null without resends. */
        private final ResendSchedule resends;
        private final IntPredicate unansweredBatch = this::unanswered;
        private final Latencies latencies = Latencies.create();
        /** Takes each result of a frame as its fields (no {@code Result} each), stamping the frame's arrival. */
        private final ResultSink sink = this::take;
        /** The receiver's, per frame: when it arrived (stamped at its first result) and the tasks it answered. */
        private long frameNanos;
        private boolean frameStamped;
        private int frameAnswered;
        private volatile boolean firstSendsDone;
        private volatile boolean sendingStopped;
        private volatile boolean senderGaveUp;
        private volatile long lastSendNanos;
        private volatile boolean stopSending;
        private long startNanos;
        private SteadyRate steadyRate;
        private volatile long sent;
        /** The sender's; read once it has been joined. */
        private long resent;
        private long ok, unknownCommand, failed, rejected, duplicates, resendDuplicates, unknownIds, responseSum;

        Run(CommandList commands, int total, long firstId, ClientOptions options, RunListener listener) {
            this.options = options;
            this.listener = listener;
            this.timeoutNanos = options.timeout().toNanos();
            this.batchSize = options.batchSize();
            this.commands = commands;
            this.total = total;
            this.firstId = firstId;
            this.batches = (total + batchSize - 1) / batchSize;
            this.batchSentNanos = new AtomicLongArray(batches);
            this.state = new byte[total];
            this.resends = options.resends()
                    ? new ResendSchedule(batches, options.retryAfter().toNanos(), options.retries()) : null;
        }

        RunSummary execute() throws InterruptedException {
            sentSoFar = 0;
            answeredSoFar = 0;
            resentSoFar = 0;
            startNanos = clock.nanoTime();
            lastSendNanos = startNanos;
            steadyRate = new SteadyRate(startNanos, options.openLoop() ? options.ratePerSecond() : 0);
            Thread sender = Thread.ofPlatform().name("asynccom-client-send").daemon(true).start(this::send);
            long lastResultNanos = startNanos;
            long answered = 0;
            RunEnd end;
            try {
                while (true) {
                    long now = clock.nanoTime();
                    if (resends != null && !senderGaveUp) {
                        resends.collectDue(now, unansweredBatch);
                    }
                    end = ending(now, answered, lastResultNanos);
                    if (end != null) {
                        break;
                    }
                    frameStamped = false;
                    frameAnswered = 0;
                    if (transport.receive(RECEIVE_POLL_NANOS, sink) == 0) {
                        continue;
                    }
                    if (frameAnswered > 0) {
                        answered += frameAnswered;
                        lastResultNanos = frameNanos;
                    }
                    answeredSoFar = answered;
                }
            } finally {
                stopSending = true;
                sender.join();
            }
            long endNanos = answered == total ? lastResultNanos : clock.nanoTime();
            return summary(end, endNanos - startNanos);
        }

        /** Why the run ends now, or null when it goes on. */
        private RunEnd ending(long now, long answered, long lastResultNanos) {
            // Sending ended by itself (all sent, or given up on backpressure), not by a stop: then answered is all.
            if (firstSendsDone && answered >= sent && (sent == total || sendingStopped)) {
                return RunEnd.ANSWERED;
            }
            if (stopped) {
                return RunEnd.STOPPED;
            }
            if (options.hasDeadline() && now - startNanos >= options.deadline().toNanos()) {
                return RunEnd.DEADLINE;
            }
            // Missing means silent for the whole timeout: a slow server that still answers is waited for (up to
            // the deadline), and so is a resend still to come.
            boolean resendLeft = resends != null && !senderGaveUp && resends.pending();
            if (firstSendsDone && !resendLeft && now - Math.max(lastSendNanos, lastResultNanos) >= timeoutNanos) {
                return RunEnd.SILENT;
            }
            return null;
        }

        private boolean stopping() {
            return stopSending || stopped;
        }

        private void send() {
            try {
                if (sendFirstTimes() && resends != null) {
                    keepResending();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (!firstSendsDone) {
                    lastSendNanos = clock.nanoTime();
                    firstSendsDone = true;
                }
            }
        }

        /** Sends every batch once, in order, resends going first; false when sending must stop. */
        private boolean sendFirstTimes() throws InterruptedException {
            double nanosPerBatch = options.openLoop() ? batchSize * 1e9 / options.ratePerSecond() : 0;
            for (int b = 0; b < batches; b++) {
                if (options.openLoop() && !waitUntil(startNanos + (long) (b * nanosPerBatch))) {
                    return false;
                }
                if (!resendWhatIsDue() || stopping()) {
                    return false;
                }
                if (!awaitWindow()) {
                    return false;
                }
                // Stamped before the send: a fast result may come back before send() returns.
                batchSentNanos.set(b, clock.nanoTime());
                if (!deliver(batch(b))) {
                    return false;
                }
                long now = clock.nanoTime();
                if (resends != null) {
                    resends.sent(b, now);
                }
                int to = Math.min(total, (b + 1) * batchSize);
                sent = to;
                sentSoFar = to;
                lastSendNanos = now;
            }
            lastSendNanos = clock.nanoTime();
            firstSendsDone = true;
            return true;
        }

        /** Once every batch went out: resends as they fall due, until the run ends. */
        private void keepResending() throws InterruptedException {
            BackoffIdler idler = new BackoffIdler(RESEND_IDLE_NANOS);
            while (!stopping()) {
                int batch = resends.nextResend();
                if (batch < 0) {
                    idler.idle();
                } else if (resend(batch)) {
                    idler.reset();
                } else {
                    return;
                }
            }
        }

        /** Sends again every batch the receiver asked for; false when sending must stop. */
        private boolean resendWhatIsDue() throws InterruptedException {
            if (resends == null) {
                return true;
            }
            for (int batch; (batch = resends.nextResend()) >= 0; ) {
                if (!resend(batch)) {
                    return false;
                }
            }
            return true;
        }

        private boolean resend(int b) throws InterruptedException {
            boolean delivered = deliver(batch(b));
            long now = clock.nanoTime();
            resends.resent(b, now, delivered);
            if (delivered) {
                resent += Math.min(total, (b + 1) * batchSize) - b * batchSize;
                resentSoFar = resent;
                lastSendNanos = now;
            }
            return delivered;
        }

        /** Batch {@code b} as it goes out every time: the same batch id, the same tasks. */
        private TaskBatch batch(int b) {
            int from = b * batchSize;
            int to = Math.min(total, from + batchSize);
            int start = from % commands.size();
            if (start + (to - from) <= commands.size()) { // within one pass over the list: a view of it
                return new TaskBatch(firstId + from, commands.tasks(firstId + from, start, to - from));
            }
            long[] ids = new long[to - from];
            String[] hosts = new String[to - from];
            String[] names = new String[to - from];
            for (int i = from; i < to; i++) {
                int index = i % commands.size();
                ids[i - from] = firstId + i;
                hosts[i - from] = commands.host(index);
                names[i - from] = commands.command(index);
            }
            return new TaskBatch(firstId + from, new TaskColumns(ids, hosts, names)); // no Task object per task
        }

        /**
         * Hands {@code batch} to the transport, blocking on backpressure for at most the timeout in slices, so a
         * stop is seen meanwhile. False when the run is ending, or when the timeout passed: then sending stops
         * for good, and the listener hears it at once when tasks are left unsent.
         */
        private boolean deliver(TaskBatch batch) throws InterruptedException {
            long since = clock.nanoTime();
            while (true) {
                long left = timeoutNanos - (clock.nanoTime() - since);
                if (left <= 0) {
                    senderGaveUp = true;
                    long sentNow = sent;
                    if (sentNow < total) {
                        sendingStopped = true;
                        listener.sendingStopped(sentNow, total, options.timeout());
                    }
                    return false;
                }
                if (transport.send(batch, Math.min(left, SENDER_SLICE_NANOS))) {
                    return true;
                }
                if (stopping()) {
                    return false;
                }
            }
        }

        /**
         * Waits while {@link ClientOptions#maxInFlight} tasks are unanswered, making the resends that fall due
         * meanwhile; false to stop: a stop, or no answer for the timeout (then sending stops as on backpressure).
         */
        private boolean awaitWindow() throws InterruptedException {
            int window = options.maxInFlight();
            if (window == 0 || sent - answeredSoFar < window) {
                return true;
            }
            long answered = answeredSoFar;
            long progressNanos = clock.nanoTime();
            while (sent - answeredSoFar >= window) {
                if (stopping() || !resendWhatIsDue()) {
                    return false;
                }
                long now = clock.nanoTime();
                if (answeredSoFar != answered) {
                    answered = answeredSoFar;
                    progressNanos = now;
                } else if (now - progressNanos >= timeoutNanos) {
                    senderGaveUp = true;
                    sendingStopped = true;
                    listener.sendingStopped(sent, total, options.timeout());
                    return false;
                }
                LockSupport.parkNanos(WINDOW_PARK_NANOS);
            }
            return true;
        }

        /** Waits for an open-loop batch's time, making the resends that fall due meanwhile; false to stop. */
        private boolean waitUntil(long dueNanos) throws InterruptedException {
            long left;
            while ((left = dueNanos - clock.nanoTime()) > 0) {
                if (stopping() || !resendWhatIsDue()) {
                    return false;
                }
                if (left > SPIN_BEFORE_DUE_NANOS) {
                    LockSupport.parkNanos(Math.min(left - SPIN_BEFORE_DUE_NANOS, SENDER_SLICE_NANOS));
                } else {
                    Thread.onSpinWait();
                }
            }
            return true;
        }

        /** Whether a task of batch {@code b} has no answer yet. */
        private boolean unanswered(int b) {
            for (int i = b * batchSize, to = Math.min(total, i + batchSize); i < to; i++) {
                if (state[i] == UNANSWERED) {
                    return true;
                }
            }
            return false;
        }

        /** The sink's: one result of the frame being received. */
        private void take(long taskId, Status status, int response, long queueWaitNanos, long serviceNanos,
                          long plannedNanos) {
            if (!frameStamped) {
                frameNanos = clock.nanoTime();
                frameStamped = true;
            }
            if (account(taskId, status, response, queueWaitNanos, serviceNanos, plannedNanos, frameNanos)) {
                frameAnswered++;
            }
        }

        /** Accounts one result (as {@link Result}'s fields); returns whether it answered a task for the first time. */
        private boolean account(long taskId, Status status, int response, long queueWaitNanos, long serviceNanos,
                                long plannedNanos, long receivedNanos) {
            long index = taskId - firstId;
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
            int taskState = state[i] & 0xFF;
            if (taskState != UNANSWERED) {
                int answers = 1 + (taskState >>> STATUS_BITS);
                int sends = 1 + (resends == null ? 0 : resends.timesResent(batch));
                if (answers < sends) {
                    resendDuplicates++; // the original and a resend both answered
                } else {
                    duplicates++;
                }
                if (answers - 1 < MAX_EXTRA_ANSWERS) {
                    state[i] = (byte) (taskState + (1 << STATUS_BITS));
                }
                return false;
            }
            state[i] = (byte) ((status.ordinal() + 1) & STATUS_MASK);
            switch (status) {
                case OK -> {
                    ok++;
                    responseSum += response;
                }
                case UNKNOWN_COMMAND -> unknownCommand++;
                case FAILED -> failed++;
                case REJECTED -> rejected++;
            }
            // A resent task's latency counts from its first intended send, and its uncorrected latency from its
            // first actual send: a resend may not hide the time the lost attempt cost.
            long intended = options.openLoop()
                    ? startNanos + (long) (batch * (batchSize * 1e9 / options.ratePerSecond()))
                    : sentNanos;
            latencies.record(queueWaitNanos, serviceNanos, plannedNanos, intended, sentNanos, receivedNanos);
            steadyRate.received(intended, receivedNanos);
            return true;
        }

        private RunSummary summary(RunEnd end, long makespanNanos) {
            long answered = ok + unknownCommand + failed + rejected;
            long missing = total - answered;
            long[] missingIds = new long[(int) Math.min(missing, MAX_MISSING_IDS)];
            for (int i = 0, found = 0; i < total && found < missingIds.length; i++) {
                if (state[i] == UNANSWERED) {
                    missingIds[found++] = firstId + i;
                }
            }
            return new RunSummary(total, sent, resent, ok, unknownCommand, failed, rejected, missing, duplicates,
                    resendDuplicates, unknownIds, transport.malformedFrames(), responseSum, firstId, missingIds, end,
                    sendingStopped, makespanNanos, steadyRate.perSecond(), latencies);
        }
    }
}
