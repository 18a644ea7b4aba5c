package dev.asynccom.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NearestWordTest {
    private static final List<String> COMMANDS = List.of("client", "server", "generate", "compare", "report");

    @Test
    void swapOfNeighboursIsOneEdit() {
        assertEquals(1, NearestWord.distance("clinet", "client"));
        assertEquals(Optional.of("client"), NearestWord.of("clinet", COMMANDS));
        assertEquals(Optional.of("report"), NearestWord.of("rpeort", COMMANDS));
    }

    @Test
    void caseAndSmallSlipsAreForgiven() {
        assertEquals(Optional.of("server"), NearestWord.of("Sever", COMMANDS));
        assertEquals(Optional.of("generate"), NearestWord.of("genrate", COMMANDS));
    }

    @Test
    void farWordsSuggestNothing() {
        assertEquals(Optional.empty(), NearestWord.of("frobnicate", COMMANDS));
        assertEquals(Optional.empty(), NearestWord.of("InProcLoop", COMMANDS));
    }
}
