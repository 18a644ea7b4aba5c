package dev.asynccom.core;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client transport a test plays the server of: every batch sent is kept with the clock's time at
 * the send, answered at once with OK results when {@code echo} is on, and the test can {@link #answer}
 * results itself. Receives wait on a real queue at most a millisecond at a time, so a manual clock
 * never makes them sleep long, and count themselves so a test knows the receiver came round again.
 * {@link #refuseSendsAfter} makes it a server that stops taking batches (backpressure): each refused send
 * waits a real millisecond at most and returns false.
 */
public final class ScriptedClientTransport implements ClientTransport {
    /** One batch as sent, and when by the clock. */
    public record Sent(TaskBatch batch, long atNanos) {
    }

    private final NanoClock clock;
    private final boolean echo;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ResultBatch> answers = new LinkedBlockingQueue<>();
    private final AtomicLong receives = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile int acceptedSends = Integer.MAX_VALUE;

    public ScriptedClientTransport(NanoClock clock, boolean echo) {
        this.clock = clock;
        this.echo = echo;
    }

    /** The batches sent so far, in order. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Hands the client results, as if the server sent them. */
    public void answer(Result... results) {
        answers.add(new ResultBatch(null, List.of(results)));
    }

    /** From now on, takes only the first {@code accepted} batches of the run and refuses every later send. */
    public void refuseSendsAfter(int accepted) {
        this.acceptedSends = accepted;
    }

    /** Sends refused so far. */
    public long refusedSends() {
        return refused.get();
    }

    /** How many times the client has asked for results so far. */
    public long receives() {
        return receives.get();
    }

    @Override
    public boolean send(TaskBatch batch, long timeoutNanos) throws InterruptedException {
        if (sent.size() >= acceptedSends) {
            refused.incrementAndGet();
            TimeUnit.NANOSECONDS.sleep(Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(1)));
            return false;
        }
        sent.add(new Sent(batch, clock.nanoTime()));
        if (echo) {
            answers.add(new ResultBatch(null, batch.tasks().stream()
                    .map(task -> new Result(task.id(), Status.OK, 1, 0, 0, 0)).toList()));
        }
        return true;
    }

    @Override
    public ResultBatch receive(long timeoutNanos) throws InterruptedException {
        receives.incrementAndGet();
        return answers.poll(Math.min(timeoutNanos, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
    }
}
