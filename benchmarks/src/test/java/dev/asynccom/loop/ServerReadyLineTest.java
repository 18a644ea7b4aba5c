package dev.asynccom.loop;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServerReadyLineTest {
    @Test
    void theReadyLineGivesTheBoundEndpoint() {
        assertEquals("tcp://127.0.0.1:40123", ServerReadyLine.endpoint(
                "asynccom server: serving tcp://127.0.0.1:40123 with platform x2, handler noop, codec binary"));
    }

    @Test
    void otherLinesGiveNone() {
        assertNull(ServerReadyLine.endpoint("asynccom server: plain sockets: anyone who reaches tcp://127.0.0.1:1 "
                + "is served"));
        assertNull(ServerReadyLine.endpoint("asynccom client: serving tcp://127.0.0.1:1 with x"));
    }
}
