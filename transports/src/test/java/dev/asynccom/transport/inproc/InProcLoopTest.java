package dev.asynccom.transport.inproc;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.Task;
import dev.asynccom.core.TaskBatch;
import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.NoopHandler;
import dev.asynccom.core.handler.SleepHandler;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.server.ServerOptions;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.strategy.WorkerStrategy;
import dev.asynccom.core.workload.CommandList;
import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SeedFiles;
import dev.asynccom.core.workload.SyntheticWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole loop, client and server engines over the in-process link, under every strategy. */
class InProcLoopTest {
    private static final SyntheticWorkload ZERO_DELAY = SyntheticWorkload.generate(1_000, DelayProfile.parse("zero"), 7);

    private static RunSummary runLoop(WorkerStrategy strategy, TaskHandler handler, CommandList commands,
                                      ClientOptions options) throws InterruptedException {
        InProcLink link = new InProcLink();
        try (ServerEngine server = new ServerEngine(link.server(), strategy, handler).start()) {
            return new ClientEngine(link.newClient(), options).run(commands);
        }
    }

    /** Starts a client run on another thread, so the test can act on the server while tasks flow. */
    private static CompletableFuture<RunSummary> runInBackground(ClientEngine client, CommandList commands) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return client.run(commands);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "virtual", "forkjoin", "seed"})
    void everyStrategyAnswers100000ZeroDelayTasksExactlyOnce(String name) throws InterruptedException {
        // The timeout is a safety net, not a speed target: the seed shape starts a thread per task, and on
        // a loaded 2-core machine 100,000 of them take longer than the default 30 s.
        RunSummary summary = runLoop(WorkerStrategies.create(name, 4), new SleepHandler(ZERO_DELAY.delayMap()),
                ZERO_DELAY.commands(), ClientOptions.DEFAULTS.withRepeat(100).withTimeout(Duration.ofMinutes(5)));

        assertEquals(100_000, summary.tasks());
        assertEquals(100_000, summary.ok(), () -> name + " missing " + summary.missing());
        assertEquals(0, summary.duplicates());
        assertEquals(0, summary.unknownIds());
        assertEquals(100_000, summary.responseSum());
        assertEquals(100_000, summary.latencies().endToEnd().getTotalCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"platform", "virtual", "forkjoin", "seed"})
    void seedWorkloadReturns512ResultsSumming512(String name) throws Exception {
        DelayMap delays = DelayMap.load(SeedFiles.serverData());
        CommandList commands = CommandList.load(SeedFiles.clientData());

        RunSummary summary = runLoop(WorkerStrategies.create(name, 32), new SleepHandler(delays), commands,
                ClientOptions.DEFAULTS.withBatchSize(16));

        assertEquals(512, summary.ok());
        assertEquals(512, summary.responseSum());
        assertEquals(0, summary.missing());
        // Every task slept its full second: the overshoot histogram saw each one. (Histograms keep 3
        // significant digits, so the minimum reads back within 0.1% below the true value.)
        assertEquals(512, summary.latencies().overshoot().getTotalCount());
        assertTrue(summary.latencies().service().getMinValue() >= TimeUnit.MILLISECONDS.toNanos(999));
    }

    @Test
    void swappingStrategiesWhileTasksFlowLosesAndDuplicatesNothing() throws Exception {
        InProcLink link = new InProcLink();
        try (ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("platform", 2),
                new SleepHandler(ZERO_DELAY.delayMap())).start()) {
            ClientEngine client = new ClientEngine(link.newClient(),
                    ClientOptions.DEFAULTS.withRepeat(100).withTimeout(Duration.ofMinutes(5)));
            CompletableFuture<RunSummary> run = runInBackground(client, ZERO_DELAY.commands());
            List<String> cycle = List.of("virtual", "forkjoin", "seed", "platform");
            int swaps = 0;
            // Swap often while the run is on, at least once per strategy. Every swap starts a strategy's
            // threads; one every 2 ms made thousands of them, which on a loaded machine slowed the run, which
            // made more swaps (one run took 9 minutes): 20 ms still swaps dozens of times a run.
            while (!run.isDone() || swaps < cycle.size()) {
                server.swapStrategy(WorkerStrategies.create(cycle.get(swaps % cycle.size()), 2));
                swaps++;
                Thread.sleep(20);
            }
            RunSummary summary = run.get(60, TimeUnit.SECONDS);

            assertEquals(100_000, summary.ok(), () -> "missing " + summary.missing());
            assertEquals(0, summary.duplicates());
            assertEquals(0, summary.unknownIds());
            assertTrue(server.stats().strategySwaps() >= 1, "no swap happened during the run");
        }
    }

    @Test
    void swappingTheHandlerMidRunAccountsForEveryTask() throws Exception {
        InProcLink link = new InProcLink();
        try (ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("virtual", 0),
                new SleepHandler(ZERO_DELAY.delayMap())).start()) {
            ClientEngine client = new ClientEngine(link.newClient(), ClientOptions.DEFAULTS.withRepeat(50));
            CompletableFuture<RunSummary> run = runInBackground(client, ZERO_DELAY.commands());
            while (client.answeredSoFar() < 10_000 && !run.isDone()) {
                Thread.sleep(1);
            }
            server.swapHandler(new NoopHandler(ZERO_DELAY.delayMap()));
            RunSummary summary = run.get(60, TimeUnit.SECONDS);

            assertEquals(50_000, summary.ok());
            assertEquals("noop", server.stats().handler());
        }
    }

    @Test
    void unknownCommandsYieldUnknownCommandResultsAndTheClientDoesNotHang() throws Exception {
        DelayMap delays = DelayMap.load(SeedFiles.serverData());
        CommandList commands = CommandList.of(List.of("137.72.95.0:foo", "10.0.0.1:foo", "137.72.95.0:nope",
                "10.0.0.2:bar"));

        RunSummary summary = runLoop(WorkerStrategies.create("platform", 2), new NoopHandler(delays), commands,
                ClientOptions.DEFAULTS.withBatchSize(2).withTimeout(Duration.ofSeconds(10)));

        assertEquals(1, summary.ok());
        assertEquals(3, summary.unknownCommand());
        assertEquals(0, summary.missing());
    }

    @Test
    void allUnknownBatchStillGetsAnAnswerPerTask() throws Exception {
        CommandList commands = CommandList.of(List.of("10.0.0.1:a", "10.0.0.2:b", "10.0.0.3:c"));

        RunSummary summary = runLoop(WorkerStrategies.create("seed", 1), new NoopHandler(ZERO_DELAY.delayMap()),
                commands, ClientOptions.DEFAULTS.withBatchSize(3));

        assertEquals(3, summary.unknownCommand());
        assertEquals(0, summary.missing());
    }

    @Test
    void clientWithNoServerReportsEveryTaskMissingByIdWithinItsTimeout() throws InterruptedException {
        // A task queue of one batch and no server: the second send blocks until the timeout.
        InProcLink link = new InProcLink(1, 1);
        CommandList commands = CommandList.of(List.of("10.0.0.1:a", "10.0.0.2:b", "10.0.0.3:c", "10.0.0.4:d"));
        ClientEngine client = new ClientEngine(link.newClient(),
                ClientOptions.DEFAULTS.withBatchSize(2).withTimeout(Duration.ofMillis(300)));

        long start = System.nanoTime();
        RunSummary summary = client.run(commands);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(4, summary.missing());
        assertEquals(2, summary.sent());
        assertArrayEquals(new long[] {0, 1, 2, 3}, summary.missingIds());
        // Bounded by the timeout twice (a blocked send, then the wait for results), not forever.
        assertTrue(tookMillis < 30_000, "took " + tookMillis + " ms");
    }

    @Test
    void failingHandlerYieldsFailedResults() throws InterruptedException {
        TaskHandler failing = new TaskHandler() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public TaskOutcome handle(Task task) {
                throw new IllegalStateException("boom");
            }
        };

        RunSummary summary = runLoop(WorkerStrategies.create("forkjoin", 2), failing, ZERO_DELAY.commands(),
                ClientOptions.DEFAULTS);

        assertEquals(1_000, summary.failed());
        assertEquals(0, summary.ok());
    }

    @Test
    void shutdownDrainsTasksAlreadyAccepted() throws Exception {
        SyntheticWorkload slow = SyntheticWorkload.generate(64, DelayProfile.parse("constant:50ms"), 3);
        InProcLink link = new InProcLink();
        ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("platform", 8),
                new SleepHandler(slow.delayMap())).start();
        ClientEngine client = new ClientEngine(link.newClient(), ClientOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5)));
        CompletableFuture<RunSummary> run = runInBackground(client, slow.commands());
        while (server.stats().tasksReceived() < 64) {
            Thread.sleep(1);
        }

        boolean drained = server.shutdown();
        RunSummary summary = run.get(30, TimeUnit.SECONDS);

        assertTrue(drained);
        assertEquals(64, summary.ok());
    }

    @Test
    void serverHoldsNoMoreTasksInFlightThanItsBoundPlusOneBatch() throws Exception {
        SyntheticWorkload slow = SyntheticWorkload.generate(2_000, DelayProfile.parse("constant:1ms"), 5);
        InProcLink link = new InProcLink(4, 64);
        ServerOptions options = ServerOptions.DEFAULTS.withMaxInFlightTasks(100);
        try (ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("virtual", 0),
                new SleepHandler(slow.delayMap()), options, System::nanoTime).start()) {
            ClientEngine client = new ClientEngine(link.newClient(), ClientOptions.DEFAULTS.withBatchSize(10));
            CompletableFuture<RunSummary> run = runInBackground(client, slow.commands());
            long most = 0;
            while (!run.isDone()) {
                most = Math.max(most, server.stats().inFlight());
                Thread.onSpinWait();
            }

            assertEquals(2_000, run.get().ok());
            assertTrue(most <= 110, "in flight reached " + most);
            assertTrue(most >= 50, "the bound was never approached (" + most + "): the test proves nothing");
        }
    }

    @Test
    void clientThatStopsReadingHoldsUpNoResultsForOtherClients() throws Exception {
        // One result per message and room for one message per client: were the silent client's results
        // waited on one by one, 199 waits of the 60 s send timeout would pass before the other's got out.
        InProcLink link = new InProcLink(1024, 1);
        ServerOptions options = new ServerOptions(100_000, 1, Duration.ZERO, Duration.ofSeconds(60),
                Duration.ofSeconds(10));
        ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("platform", 2),
                new NoopHandler(ZERO_DELAY.delayMap()), options, System::nanoTime).start();
        ClientTransport silent = link.newClient();
        for (int b = 0; b < 20; b++) {
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                tasks.add(ZERO_DELAY.commands().task(b * 10L + i, b * 10 + i));
            }
            assertTrue(silent.send(new TaskBatch(b, tasks), TimeUnit.SECONDS.toNanos(5)));
        }
        ClientEngine other = new ClientEngine(link.newClient(), ClientOptions.DEFAULTS.withBatchSize(10)
                .withTimeout(Duration.ofSeconds(20)));

        RunSummary summary = other.run(ZERO_DELAY.commands());

        assertEquals(1_000, summary.ok(), () -> "missing " + summary.missing());
        // The silent client's results still wait for it: reading them now, it gets every one.
        int received = 0;
        ResultBatch results;
        while (received < 200 && (results = silent.receive(TimeUnit.SECONDS.toNanos(20))) != null) {
            received += results.size();
        }
        assertEquals(200, received);
        assertTrue(server.shutdown());
        assertEquals(0, server.stats().resultsDropped());
    }

    @Test
    void resultsForAClientThatNeverReadsAreDroppedAfterTheSendTimeout() throws Exception {
        InProcLink link = new InProcLink(1024, 1);
        ServerOptions options = new ServerOptions(100_000, 1, Duration.ZERO, Duration.ofMillis(200),
                Duration.ofSeconds(10));
        ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("platform", 2),
                new NoopHandler(ZERO_DELAY.delayMap()), options, System::nanoTime).start();
        ClientTransport silent = link.newClient();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(ZERO_DELAY.commands().task(i, i));
        }
        assertTrue(silent.send(new TaskBatch(0, tasks), TimeUnit.SECONDS.toNanos(5)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.stats().resultsSent() + server.stats().resultsDropped() < 10 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertTrue(server.shutdown());
        assertEquals(1, server.stats().resultsSent(), "the one message its queue had room for");
        assertEquals(9, server.stats().resultsDropped());
    }

    @Test
    void taskIdsStartAtTheGivenFirstId() throws InterruptedException {
        InProcLink link = new InProcLink(1, 1);
        CommandList commands = CommandList.of(List.of("10.0.0.1:a", "10.0.0.2:b"));
        long first = 7_000_000_000L;
        ClientEngine client = new ClientEngine(link.newClient(),
                ClientOptions.DEFAULTS.withBatchSize(2).withTimeout(Duration.ofMillis(100)), System::nanoTime, first);

        RunSummary summary = client.run(commands);

        assertArrayEquals(new long[] {first, first + 1}, summary.missingIds());
    }
}
