package dev.asynccom.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A physical limit to read the loop's numbers against: how many items per second one thread can hand to
 * another through a JDK {@link ArrayBlockingQueue}, the queue the in-process transport is built on.
 *
 * <p>The measured operation is taking one item; a producer thread owned by the state keeps the queue
 * full, and blocks (parks) when it is, as a client blocks on a full in-process link. The score is items
 * per second. Nothing else runs, so on two cores producer and consumer each have one.
 *
 * <p>Threads: JMH's benchmark thread takes; the state owns the producer thread, from trial setup to teardown.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RawQueueBenchmark {
    private static final Object ITEM = new Object();

    /** Capacity in items: 1024, as the in-process link's task queue holds 1024 batches. */
    @Param({"1024"})
    public int capacity;

    private ArrayBlockingQueue<Object> queue;
    private Thread producer;
    private volatile boolean producing;

    @Setup(Level.Trial)
    public void startProducer() {
        queue = new ArrayBlockingQueue<>(capacity);
        producing = true;
        producer = Thread.ofPlatform().name("raw-queue-producer").daemon(true).start(() -> {
            try {
                while (producing) {
                    queue.put(ITEM);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Benchmark
    public Object handOff() throws InterruptedException {
        Object item = queue.poll(1, TimeUnit.SECONDS);
        if (item == null) {
            throw new IllegalStateException("the producer stopped: no item for a second");
        }
        return item;
    }

    @TearDown(Level.Trial)
    public void stopProducer() throws InterruptedException {
        producing = false;
        // The producer may be parked in put() on a full queue: keep taking until it notices the flag.
        while (producer.isAlive()) {
            queue.poll(1, TimeUnit.MILLISECONDS);
        }
    }
}
