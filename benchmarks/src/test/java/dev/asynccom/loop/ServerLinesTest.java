package dev.asynccom.loop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServerLinesTest {
    @Test
    void theReadyLineGivesTheBoundEndpoint() {
        assertEquals("tcp://127.0.0.1:40123", ServerLines.endpoint(
                "asynccom server: serving tcp://127.0.0.1:40123 with platform x2, handler noop, codec binary"));
    }

    @Test
    void theExitLineGivesTheTasksReceivedAndTheResultsSent() {
        long[] counts = ServerLines.counts("asynccom server: stopped after draining: 600000 tasks in 37500 batches "
                + "received, 599990 results sent in 4260 messages, 10 results dropped (client gone)");
        assertEquals(600_000, counts[0]);
        assertEquals(599_990, counts[1]);
        assertNull(ServerLines.counts("asynccom server: serving tcp://127.0.0.1:1 with platform x2"));
    }

    @Test
    void otherLinesGiveNone() {
        assertNull(ServerLines.endpoint("asynccom server: plain sockets: anyone who reaches tcp://127.0.0.1:1 "
                + "is served"));
        assertNull(ServerLines.endpoint("asynccom client: serving tcp://127.0.0.1:1 with x"));
    }
}
