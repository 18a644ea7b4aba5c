package dev.asynccom.results;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class StrategyRankingTest {
    private static LatencyRow row(String strategy, int workers, double throughput, double error) {
        return LatencyRow.builder("transport=inproc strategy=" + strategy + " workers=" + workers)
                .set(LatencyCsv.BENCHMARK, "dev.asynccom.bench.FullLoopBenchmark.run")
                .set(LatencyCsv.TRANSPORT, "inproc").set(LatencyCsv.STRATEGY, strategy)
                .set(LatencyCsv.WORKERS, workers).set(LatencyCsv.BATCH, 16).set(LatencyCsv.DELAY, "zero")
                .set(LatencyCsv.TASKS, 5000).set(LatencyCsv.LOAD, "burst")
                .set(LatencyCsv.THROUGHPUT, throughput).set(LatencyCsv.THROUGHPUT_ERROR, error).build();
    }

    private static String print(List<LatencyRow> rows) {
        StringWriter text = new StringWriter();
        StrategyRanking.print(rows, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void strategiesTheErrorCannotTellApartShareARankAndPrintAsATie() {
        // The reference run's zero-delay in-process figures: platform and forkjoin overlap, seed is far below.
        String text = print(List.of(row("forkjoin", 2, 359_911, 218_871), row("platform", 2, 403_671, 212_012),
                row("virtual", 0, 171_849, 92_022), row("seed", 2, 3_793, 2_053)));
        assertTrue(text.contains("by throughput: platform = forkjoin = virtual > seed"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("1 +forkjoin .*")), "a tie shares rank 1:\n" + text);
        assertTrue(text.lines().anyMatch(l -> l.matches("4 +seed .*")), text);
    }

    @Test
    void aStrategyRunAtTwoWorkerCountsIsNamedWithItsWorkers() {
        String text = print(List.of(row("virtual", 0, 100_000, 1_000), row("virtual", 32, 25_000, 1_000),
                row("platform", 32, 24_000, 1_000)));
        assertTrue(text.contains("by throughput: virtual-0 > virtual-32 = platform"), text);
    }
}
