package dev.asynccom.transport.inproc;

import dev.asynccom.core.TaskOutcome;
import dev.asynccom.core.client.ClientEngine;
import dev.asynccom.core.client.ClientOptions;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.core.handler.TaskHandler;
import dev.asynccom.core.server.ServerEngine;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.CommandList;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's reuse example, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsTheLoopWithACustomHandler() throws InterruptedException {
        // --- README example starts
        // What a task does: here, answer the length of the command, no delay.
        TaskHandler handler = task -> TaskOutcome.ok(task.command().length(), 0);
        InProcLink link = new InProcLink();
        try (ServerEngine server = new ServerEngine(link.server(), WorkerStrategies.create("virtual", 0), handler).start()) {
            ClientEngine client = new ClientEngine(link.newClient(), ClientOptions.DEFAULTS.withBatchSize(2));
            RunSummary summary = client.run(CommandList.of(List.of("10.0.0.1:ping", "10.0.0.2:status", "10.0.0.3:uptime")));
            System.out.printf("%d ok, response sum %d, p99 %d us%n", summary.ok(), summary.responseSum(),
                    summary.latencies().endToEnd().getValueAtPercentile(99) / 1000);
        // --- README example ends
            assertEquals(3, summary.ok());
            assertEquals(4 + 6 + 6, summary.responseSum());
        }
    }
}
