package dev.asynccom.transport.inproc;

import dev.asynccom.core.ClientTransport;
import dev.asynccom.core.Result;
import dev.asynccom.core.ResultBatch;
import dev.asynccom.core.ResultColumns;
import dev.asynccom.core.ResultSink;
import dev.asynccom.core.ServerTransport;
import dev.asynccom.core.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merged results handed to the link as columns: copied on the way, so the sender may refill its buffer at once. */
@Timeout(30)
class InProcLinkTest {
    private static Result result(long id) {
        return new Result(id, id % 3 == 0 ? Status.FAILED : Status.OK, (int) id * 2, id * 10, id * 100, id * 1000);
    }

    private static ResultColumns columns(long... ids) {
        ResultColumns columns = new ResultColumns(1);
        for (long id : ids) {
            columns.add(result(id));
        }
        return columns;
    }

    private static List<Result> results(long... ids) {
        List<Result> results = new ArrayList<>();
        for (long id : ids) {
            results.add(result(id));
        }
        return results;
    }

    @Test
    void aMessageOfColumnsIsTheClientsOwnWhatTheSenderDoesWithItsBufferAfter() throws InterruptedException {
        InProcLink link = new InProcLink(4, 4);
        ClientTransport client = link.newClient();
        ServerTransport server = link.server();
        ResultColumns buffer = columns(1, 2, 3);
        assertTrue(server.send(null, buffer, 0));
        buffer.clear(); // the sender's next message, in the same buffer
        buffer.add(result(4));
        assertTrue(server.send(null, buffer, 0));
        buffer.clear();

        List<Result> seen = new ArrayList<>();
        assertEquals(3, client.receive(0, ResultSink.into(seen)));
        assertEquals(results(1, 2, 3), seen);
        ResultBatch second = client.receive(0);
        assertEquals(results(4), second.results());
        // The buffers the client read go back to be filled again, and still carry nothing of before.
        for (int round = 0; round < 10; round++) {
            assertTrue(server.send(null, columns(100 + round), 0));
            assertEquals(results(100 + round), client.receive(0).results());
        }
    }

    @Test
    void aFullQueueRefusesAndAGoneClientTooWhileBatchesStillPass() throws InterruptedException {
        InProcLink link = new InProcLink(4, 1);
        ClientTransport client = link.newClient();
        ServerTransport server = link.server();
        assertTrue(server.send(null, columns(1), 0));
        assertFalse(server.send(null, columns(2), 0), "the client's queue holds one message");
        assertEquals(results(1), client.receive(0).results());
        assertTrue(server.send(new ResultBatch(null, results(3)), 0));
        assertEquals(results(3), client.receive(0).results());
        assertNull(client.receive(0), "nothing more was taken than was refused");

        client.close();
        assertFalse(server.send(null, columns(4), 0), "for a client that is gone");
    }
}
