package dev.asynccom.transport.inproc;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's in-flight window: with {@code maxInFlight} set, the client never has more than that (plus
 * one batch) sent and unanswered, however fast the server takes batches; without it, the same run has far
 * more out at once. What the server must hold for one client is then bounded by the client, which matters
 * where sockets cannot push back (CURVE's unlimited receive queue).
 */
class ClientWindowTest {
    private static final SyntheticWorkload WORK = SyntheticWorkload.generate(1_000, DelayProfile.parse("constant:1ms"), 3);
    private static final int BATCH = 10;
    private static final int WINDOW = 100;

    @Test
    @Timeout(120)
    void theClientNeverHasMoreThanItsWindowUnanswered() throws InterruptedException {
        long windowed = mostUnanswered(ClientOptions.DEFAULTS.withBatchSize(BATCH).withRepeat(5).withMaxInFlight(WINDOW));
        assertTrue(windowed <= WINDOW + BATCH - 1, "at most the window plus one batch out, got " + windowed);
        long open = mostUnanswered(ClientOptions.DEFAULTS.withBatchSize(BATCH).withRepeat(5));
        assertTrue(open > 4 * WINDOW, "without a window far more are out at once, got " + open);
    }

    /** Runs 5,000 tasks of 1 ms through 8 threads and returns the most tasks sent and not yet answered. */
    private static long mostUnanswered(ClientOptions options) throws InterruptedException {
        InProcLink link = new InProcLink();
        CountingClient client = new CountingClient(link.newClient());
        try (ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("platform", 8),
                new SleepHandler(WORK.delayMap())).start()) {
            RunSummary summary = new ClientEngine(client, options.withTimeout(Duration.ofSeconds(30)))
                    .run(WORK.commands());
            assertEquals(5_000, summary.ok(), summary.toString());
        }
        return client.most.get();
    }

    /** Counts tasks out and results in around a real client transport. */
    private static final class CountingClient implements ClientTransport {
        private final ClientTransport inner;
        private final AtomicLong out = new AtomicLong();
        private final AtomicLong in = new AtomicLong();
        final AtomicLong most = new AtomicLong();

        CountingClient(ClientTransport inner) {
            this.inner = inner;
        }

        @Override
        public boolean send(TaskBatch batch, long timeoutNanos) throws InterruptedException {
            long unanswered = out.addAndGet(batch.size()) - in.get();
            most.accumulateAndGet(unanswered, Math::max);
            if (!inner.send(batch, timeoutNanos)) {
                out.addAndGet(-batch.size());
                return false;
            }
            return true;
        }

        @Override
        public ResultBatch receive(long timeoutNanos) throws InterruptedException {
            ResultBatch results = inner.receive(timeoutNanos);
            if (results != null) {
                in.addAndGet(results.size());
            }
            return results;
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
