package dev.asynccom.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InputFormatExceptionTest {
    @Test
    void messageNamesFileLineAndProblem() {
        var e = new InputFormatException(Path.of("server_data.txt"), 17, "response 'x' is not an integer");
        assertEquals("server_data.txt:17: response 'x' is not an integer", e.getMessage());
        assertEquals(Path.of("server_data.txt"), e.file());
        assertEquals(17, e.line());
        assertEquals("response 'x' is not an integer", e.problem());
    }

    @Test
    void lineZeroMeansTheFileCouldNotBeRead() {
        var e = new InputFormatException(Path.of("missing.txt"), 0, "no such file");
        assertEquals("cannot read missing.txt: no such file", e.getMessage());
    }

    @Test
    void pathIsPrintedAsGiven() {
        var e = new InputFormatException(Path.of("data/../data/x.txt"), 2, "bad");
        assertEquals("data/../data/x.txt:2: bad", e.getMessage());
    }

    @Test
    void negativeLineIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InputFormatException(Path.of("x"), -1, "bad"));
    }
}
