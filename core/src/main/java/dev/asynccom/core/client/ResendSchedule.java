package dev.asynccom.core.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

/**
 * Which batches of a run to send again, and when (Lazy Pirate): a batch with a task still unanswered
 * {@code retryAfter} after its last send goes out again, as it was, at most {@code retries} times. Since every
 * send waits the same {@code retryAfter}, sends fall due in the order they happened, so the schedule is a queue
 * of sends that the receiver looks at the head of, never a scan of every batch.
 *
 * <p>Ownership: the sender thread calls {@link #sent}, {@link #nextResend} and {@link #resent}; the receiving
 * thread calls {@link #collectDue} and {@link #pending}, and owns the per-batch count of resends asked for.
 * Two lock-free queues hand entries between them: sends to the receiver, batches to resend to the sender.
 * {@link #timesResent} is safe from any thread.
 */
final class ResendSchedule {
    /** One send of a batch, in the order the sender made them. */
    private record Sending(int batch, long atNanos) {
    }

    private final long retryAfterNanos;
    private final int retries;
    private final Queue<Sending> sends = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> toResend = new ConcurrentLinkedQueue<>();
    /** Resends asked for per batch: the receiver's. */
    private final int[] asked;
    /** Resends made per batch, raised before each resend goes out so that a quick answer finds it counted. */
    private final AtomicIntegerArray made;
    private long askedInAll;
    private final AtomicLong handledInAll = new AtomicLong();

    ResendSchedule(int batches, long retryAfterNanos, int retries) {
        this.retryAfterNanos = retryAfterNanos;
        this.retries = retries;
        this.asked = new int[batches];
        this.made = new AtomicIntegerArray(batches);
    }

    /** Sender: {@code batch} was handed to the transport (first time or again) at {@code atNanos}. */
    void sent(int batch, long atNanos) {
        sends.add(new Sending(batch, atNanos));
    }

    /**
     * Sender: the next batch to send again, counted as resent from now on, or -1 when none is due. Call
     * {@link #resent} once it went out or did not.
     */
    int nextResend() {
        Integer batch = toResend.poll();
        if (batch == null) {
            return -1;
        }
        made.incrementAndGet(batch);
        return batch;
    }

    /** Sender: the resend {@link #nextResend} gave went out at {@code atNanos}, or was not {@code delivered}. */
    void resent(int batch, long atNanos, boolean delivered) {
        if (delivered) {
            sent(batch, atNanos);
        } else {
            made.decrementAndGet(batch);
        }
        // After the send is queued: pending() reads this count first, then the queue.
        handledInAll.incrementAndGet();
    }

    /**
     * Receiver: every send at least {@code retryAfter} old leaves the schedule; its batch is asked to be sent
     * again when {@code unanswered} says a task of it still has no answer and it has retries left.
     */
    void collectDue(long nowNanos, IntPredicate unanswered) {
        for (Sending head; (head = sends.peek()) != null && nowNanos - head.atNanos() >= retryAfterNanos; ) {
            sends.poll();
            int batch = head.batch();
            if (asked[batch] < retries && unanswered.test(batch)) {
                asked[batch]++;
                askedInAll++;
                toResend.add(batch);
            }
        }
    }

    /**
     * Receiver: whether a resend may still come: one asked for and not yet made, or a send not yet due
     * (its batch may turn out unanswered when it is).
     */
    boolean pending() {
        return askedInAll > handledInAll.get() || !sends.isEmpty();
    }

    /** How many times {@code batch} has been sent again (or is being sent again right now). */
    int timesResent(int batch) {
        return made.get(batch);
    }
}
