package dev.asynccom.bench;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.concurrent.BackoffIdler;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.transport.codec.BinaryCodec;
import dev.asynccom.transport.zmq.ZmqTransports;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * jeromq alone, the ceiling of every loop benchmark over tcp: a PUSH socket sends frames to a PULL socket
 * over loopback, one thread each, and nothing else happens. The frames are the binary codec's task frames
 * for {@code tasksPerMessage} zero-delay tasks (59 bytes for 1 task, 405 for 16), so the score (messages/s)
 * and the {@code tasks} counter (tasks/s) say what a loop sending batches of that size could reach.
 *
 * <p>An invocation pushes {@value #BURST} frames and waits until the receiver has them all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class RawZmqBenchmark {
    static final int BURST = 10_000;

    @Param({"1", "16"})
    public int tasksPerMessage;

    private ZContext context;
    private ZMQ.Socket push;
    private byte[] frame;
    private Thread receiver;
    private volatile boolean receiving;
    private final AtomicLong received = new AtomicLong();
    private long sent;

    /** Tasks per second beside the messages per second of the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long tasks;
    }

    @Setup(Level.Trial)
    public void connect() {
        SyntheticWorkload workload = SyntheticWorkload.generate(tasksPerMessage, DelayProfile.parse("zero"),
                SyntheticWorkload.DEFAULT_RANDOM_SEED);
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < tasksPerMessage; i++) {
            tasks.add(workload.commands().task(1_000_000L + i, i));
        }
        frame = new BinaryCodec().encodeTasks(new TaskBatch(1, "tcp://127.0.0.1:5556", tasks));
        context = new ZContext();
        ZMQ.Socket pull = context.createSocket(SocketType.PULL);
        pull.setHandshakeIvl(ZmqTransports.HANDSHAKE_IVL_MILLIS); // as ours: a stalled handshake retried
        pull.bind("tcp://127.0.0.1:*");
        push = context.createSocket(SocketType.PUSH);
        push.setHandshakeIvl(ZmqTransports.HANDSHAKE_IVL_MILLIS);
        push.connect(pull.getLastEndpoint());
        receiving = true;
        // The receiver owns the PULL socket; it stops on the flag, never by interrupt (jeromq).
        receiver = Thread.ofPlatform().name("raw-zmq-receiver").daemon(true).start(() -> {
            pull.setReceiveTimeOut(100);
            while (receiving) {
                if (pull.recv(0) != null) {
                    received.lazySet(received.get() + 1);
                }
            }
            pull.close();
        });
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public void pushPull(Counters counters) {
        for (int i = 0; i < BURST; i++) {
            push.send(frame, 0);
        }
        sent += BURST;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        BackoffIdler idler = new BackoffIdler(1_000);
        while (received.get() < sent) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("frames lost: sent " + sent + ", received " + received.get());
            }
            idler.idle();
        }
        counters.tasks += (long) BURST * tasksPerMessage;
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        receiving = false;
        receiver.join(TimeUnit.SECONDS.toMillis(10));
        push.close();
        context.close();
    }
}
