package dev.asynccom.transport.zmq;

import dev.asynccom.core.UserError;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tcp:/x | bad endpoint 'tcp:/x': expected tcp://host:port, ipc://path or inproc://name",
            "foo://bar | bad endpoint 'foo://bar': unknown scheme 'foo', expected tcp, ipc or inproc",
            "tcp://host | bad endpoint 'tcp://host': tcp needs host:port, with port 0-65535 or *",
            "tcp://host:65536 | bad endpoint 'tcp://host:65536': tcp needs host:port, with port 0-65535 or *",
            "tcp://a b:1 | bad endpoint 'tcp://a b:1': tcp needs host:port, with port 0-65535 or *",
            "ipc://* | bad endpoint 'ipc://*': give ipc a name, jeromq cannot report where a wildcard one was bound"})
    void badEndpointIsOneSentenceNamingIt(String endpoint, String message) {
        assertEquals(message, assertThrows(UserError.class, () -> Endpoints.requireBindable(endpoint))
                .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:0", "tcp://*:*", "tcp://localhost:65535", "tcp://[::1]:5",
            "ipc:///tmp/x.ipc", "inproc://results"})
    void validEndpointsBind(String endpoint) {
        assertEquals(endpoint, Endpoints.requireBindable(endpoint));
    }

    @Test
    void wildcardsCannotBeDialed() {
        assertFalse(Endpoints.isDialable("tcp://*:5557"));
        assertFalse(Endpoints.isDialable("tcp://127.0.0.1:0"));
        assertFalse(Endpoints.isDialable("tcp://0.0.0.0:5557"));
        assertTrue(Endpoints.isDialable("tcp://10.1.2.3:5557"));
        assertTrue(Endpoints.isDialable("inproc://x"));
    }

    @Test
    void addressesAndLocalNamesResolve() {
        assertEquals("tcp://127.0.0.1:5557", Endpoints.requireResolvable("tcp://127.0.0.1:5557"));
        assertEquals("tcp://[::1]:5557", Endpoints.requireResolvable("tcp://[::1]:5557"));
        assertEquals("tcp://localhost:5557", Endpoints.requireResolvable("tcp://localhost:5557"));
        assertEquals("ipc://x", Endpoints.requireResolvable("ipc://x"));
        assertThrows(UserError.class, () -> Endpoints.requireResolvable("tcp://127.0.0.1:0"));
    }

    @Test
    void aPickedPortIsZeroOrAStar() {
        assertTrue(Endpoints.picksAPort("tcp://127.0.0.1:0"));
        assertTrue(Endpoints.picksAPort("tcp://*:*"));
        assertFalse(Endpoints.picksAPort("tcp://127.0.0.1:5556"));
        assertFalse(Endpoints.picksAPort("ipc://x"));
    }
}
