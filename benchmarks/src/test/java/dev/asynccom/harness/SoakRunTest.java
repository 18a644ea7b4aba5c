package dev.asynccom.harness;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The soak's commands file: the largest divisor of the task count up to 1,000 lines, so lines x repeat = tasks. */
class SoakRunTest {
    @Test
    void theCommandsFileDividesTheTasksExactly() {
        assertEquals(1000, SoakRun.fileLines(10_000_000));
        assertEquals(1000, SoakRun.fileLines(20_000));
        assertEquals(999, SoakRun.fileLines(999));
        assertEquals(625, SoakRun.fileLines(390_625)); // 5^8: no divisor between 626 and 1,000
        assertEquals(1, SoakRun.fileLines(1));
        assertEquals(1, SoakRun.fileLines(1_000_003)); // a prime: one line sent a million times and three
    }
}
