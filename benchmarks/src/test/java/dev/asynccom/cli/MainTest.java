package dev.asynccom.cli;

import dev.asynccom.bench.SeparateJvmLoopBenchmark;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MainTest {
    @Test
    void theBenchmarkThatStartsAServerJvmNamesThisMainClass() {
        assertEquals(Main.class.getName(), SeparateJvmLoopBenchmark.SERVER_MAIN);
    }
}
