package dev.asynccom.cli;

import dev.asynccom.core.workload.SeedFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's own files through the command line, client and server in separate JVMs over tcp loopback,
 * as the seed's README runs them: batch 16, 32 workers. Under platform, virtual (a limit of 32) and
 * forkjoin, 32 workers run 512 one-second tasks in 16 s; under seed (one thread per task of each of 32
 * batches), in about 1 s.
 */
class SeedWorkloadAcrossJvmsTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"seed", "virtual", "platform", "forkjoin"})
    void seedFilesAtBatch16With32WorkersReturnAll512ResultsSumming512(String strategy) throws Exception {
        String clientEndpoint = CliRig.freeEndpoint();
        try (CliRig.Server server = CliRig.startServer("server-" + strategy, SeedFiles.serverData(), clientEndpoint,
                32, "--strategy", strategy);
             ChildProcess client = CliRig.startClient("client-" + strategy, SeedFiles.clientData().toString(), "16",
                     clientEndpoint, server.endpoint(), "--timeout", "60s")) {

            int exit = client.awaitExit(Duration.ofSeconds(180));

            assertEquals(ExitCodes.OK, exit, client.transcript());
            String summary = client.out();
            assertEquals(512, CliRig.count(summary, "ok"), summary);
            assertEquals(512, CliRig.count(summary, "response sum"), summary);
            assertEquals(0, CliRig.count(summary, "missing"), summary);
            assertEquals(0, CliRig.count(summary, "duplicates"), summary);
            assertEquals(ExitCodes.OK, server.process().terminate(Duration.ofSeconds(60)), server.process().transcript());
            assertTrue(server.process().err().contains("512 tasks in 32 batches received, 512 results sent"),
                    server.process().transcript());
        }
    }
}
