package dev.asynccom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RawPoolBenchmarkTest {

    @Test
    void everyTaskOfAnInvocationHasRunWhenItReturnsOnTheStrategysOwnPool() throws Exception {
        RawPoolBenchmark benchmark = new RawPoolBenchmark();
        benchmark.threads = 2;
        benchmark.startPool();
        try {
            assertEquals(2, benchmark.noOpTasks());
            assertEquals(2, benchmark.noOpTasks());
        } finally {
            benchmark.stopPool();
        }
        assertEquals(2L * RawPoolBenchmark.TASKS, benchmark.pool.getCompletedTaskCount());
        assertEquals(2, benchmark.pool.getLargestPoolSize());
    }
}
