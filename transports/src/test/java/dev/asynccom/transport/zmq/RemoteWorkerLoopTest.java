package dev.asynccom.transport.zmq;

import dev.asynccom.core.Heartbeat;
import dev.asynccom.core.NanoClock;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.strategy.RemoteWorkerStrategy;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.transport.inproc.InProcLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server whose tasks run on worker engines joined over real ZeroMQ links on loopback: the worker
 * protocol end to end in one JVM (the process-level faults are tested in the benchmarks module).
 */
@Timeout(60)
class RemoteWorkerLoopTest {
    private static final SyntheticWorkload WORK = SyntheticWorkload.generate(200, DelayProfile.parse("constant:1ms"), 3);

    @Test
    void tasksRunOnTwoRemoteWorkersAndEachIsAnsweredOnce() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        InProcLink link = new InProcLink();
        ZmqWorkerEndpoint endpoint = new ZmqWorkerEndpoint("tcp://127.0.0.1:0", ZmqOptions.defaults());
        RemoteWorkerStrategy remote = new RemoteWorkerStrategy(null, 0, endpoint, Heartbeat.DEFAULTS,
                NanoClock.system(), events::add);
        try (ServerEngine server = new ServerEngine(link.server(), remote, new SleepHandler(WORK.delayMap())).start();
             ServerEngine w1 = worker(remote.endpoint(), "w1");
             ServerEngine w2 = worker(remote.endpoint(), "w2")) {
            RunSummary summary = new ClientEngine(link.newClient(),
                    ClientOptions.DEFAULTS.withRepeat(20).withTimeout(Duration.ofSeconds(20))).run(WORK.commands());

            assertEquals(4000, summary.ok(), () -> "missing " + summary.missing() + ", events " + events);
            assertEquals(0, summary.duplicates());
            assertEquals(4000, summary.responseSum());
            assertEquals(2, remote.stats().workersJoined(), events::toString);
            assertEquals(4000, remote.stats().remoteResults());
            assertTrue(summary.latencies().service().getTotalCount() == 4000, "the workers' service times came back");
        }
    }

    @Test
    void aWorkerLeavingWithGoodbyeLosesNothing() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        InProcLink link = new InProcLink();
        ZmqWorkerEndpoint endpoint = new ZmqWorkerEndpoint("tcp://127.0.0.1:0", ZmqOptions.defaults());
        RemoteWorkerStrategy remote = new RemoteWorkerStrategy(null, 0, endpoint, Heartbeat.DEFAULTS,
                NanoClock.system(), events::add);
        ZmqWorkerLink leavingLink = new ZmqWorkerLink(remote.endpoint(), 8, "leaver", Heartbeat.DEFAULTS,
                ZmqOptions.defaults(), events::add);
        ServerEngine leaver = new ServerEngine(leavingLink, WorkerStrategies.create("platform", 4),
                new SleepHandler(WORK.delayMap())).start();
        try (ServerEngine server = new ServerEngine(link.server(), remote, new SleepHandler(WORK.delayMap())).start();
             ServerEngine stayer = worker(remote.endpoint(), "stayer")) {
            ClientEngine engine = new ClientEngine(link.newClient(),
                    ClientOptions.DEFAULTS.withRepeat(20).withTimeout(Duration.ofSeconds(20)));
            java.util.concurrent.CompletableFuture<RunSummary> run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return engine.run(WORK.commands());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (engine.answeredSoFar() < 500) {
                Thread.sleep(5);
            }
            assertTrue(leavingLink.leave(Duration.ofSeconds(5)), "goodbye acknowledged");
            leaver.shutdown();
            leavingLink.close();
            RunSummary summary = run.get();

            assertEquals(4000, summary.ok(), () -> "missing " + summary.missing() + ", events " + events);
            assertEquals(0, summary.duplicates());
            assertEquals(1, remote.stats().workersLeft(), events::toString);
            assertEquals(0, remote.stats().tasksRedelivered());
        }
    }

    private static ServerEngine worker(String endpoint, String label) {
        ZmqWorkerLink link = new ZmqWorkerLink(endpoint, 8, label, Heartbeat.DEFAULTS, ZmqOptions.defaults(), e -> { });
        return new ServerEngine(link, WorkerStrategies.create("platform", 4), new SleepHandler(WORK.delayMap())).start();
    }
}
