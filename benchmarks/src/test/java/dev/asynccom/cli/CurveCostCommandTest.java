package dev.asynccom.cli;

import dev.asynccom.results.CsvFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code curve-cost}, small: real sockets over loopback, plain and CURVE rounds alternating, every task of every
 * round answered once, the summary rows consistent with the rounds, the columns as documented; bad input refused
 * in one sentence; a stop writes what was measured.
 */
@Timeout(300)
class CurveCostCommandTest {
    @TempDir
    Path dir;

    @Test
    void measuresBothModesInAlternatingRoundsWithEveryTaskOnce() throws Exception {
        Path out = dir.resolve("cc");
        CommandRun run = CommandRun.of(new CurveCostCommand(), "--out", out.toString(), "--rounds", "2", "--tasks",
                "2000", "--rate", "1000", "--duration", "400ms");

        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<CsvFile.Line> lines = CsvFile.read(out.resolve(CurveCostCommand.CSV));
        assertEquals(CurveCostCommand.COLUMNS, lines.get(0).fields());
        List<Map<String, String>> rows = new ArrayList<>();
        for (CsvFile.Line line : lines.subList(1, lines.size())) {
            assertEquals(CurveCostCommand.COLUMNS.size(), line.fields().size(), line.toString());
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < line.fields().size(); i++) {
                row.put(CurveCostCommand.COLUMNS.get(i), line.fields().get(i));
            }
            rows.add(row);
        }
        List<Map<String, String>> rounds = rows.stream().filter(r -> r.get("row").equals("round")).toList();
        assertEquals(List.of("throughput plain 1", "throughput curve 1", "throughput plain 2", "throughput curve 2",
                        "latency plain 1", "latency curve 1", "latency plain 2", "latency curve 2"),
                rounds.stream().map(r -> r.get("workload") + " " + r.get("mode") + " " + r.get("round")).toList());
        for (Map<String, String> r : rounds) {
            long expected = r.get("workload").equals("throughput") ? 2000 : 400;
            assertEquals(Long.toString(expected), r.get("tasks"), r.toString());
            assertEquals(r.get("tasks"), r.get("ok"), "every task ok in " + r);
            assertEquals("0", r.get("missing"), r.toString());
            assertEquals("0", r.get("duplicates"), r.toString());
            assertEquals("ok", r.get("status"), r.toString());
            assertTrue(Double.parseDouble(r.get("tasks_per_s")) > 0, r.toString());
        }
        for (Map<String, String> r : rounds.stream().filter(r -> r.get("workload").equals("latency")).toList()) {
            assertEquals("1000.0", r.get("offered_per_s"), r.toString());
            assertTrue(Double.parseDouble(r.get("p50_ms")) >= 1, "a 1 ms sleep takes at least 1 ms: " + r);
            assertTrue(Double.parseDouble(r.get("p99_ms")) >= Double.parseDouble(r.get("p50_ms")), r.toString());
        }

        Set<String> summarized = rows.stream().filter(r -> r.get("row").equals("ratio"))
                .map(r -> r.get("workload") + " " + r.get("metric")).collect(Collectors.toSet());
        assertEquals(Set.of("throughput tasks_per_s", "latency p50_ms", "latency p99_ms", "latency cores_used"),
                summarized);
        for (Map<String, String> ratio : rows.stream().filter(r -> r.get("row").equals("ratio")).toList()) {
            String workload = ratio.get("workload");
            String metric = ratio.get("metric");
            double[] plain = range(rounds, workload, "plain", metric);
            double[] curve = range(rounds, workload, "curve", metric);
            // The CSV's figures are rounded: ranges whose ends print alike may be either, so only clear cases count.
            boolean overlap = plain[0] < curve[1] && curve[0] < plain[1];
            boolean apart = plain[1] < curve[0] || curve[1] < plain[0];
            String verdict = ratio.get("verdict");
            assertTrue(Set.of("tied", "lower", "higher").contains(verdict), ratio.toString());
            double min = Double.parseDouble(ratio.get("min"));
            double max = Double.parseDouble(ratio.get("max"));
            double median = Double.parseDouble(ratio.get("median"));
            assertTrue(min <= median && median <= max, ratio.toString());
            if (overlap) {
                assertEquals("tied", verdict, "overlapping ranges are tied: " + ratio);
                assertTrue(min <= 1.0005 && max >= 0.9995, "the ratio's range holds 1 when tied: " + ratio);
            } else if (apart) {
                assertEquals(curve[0] > plain[1] ? "higher" : "lower", verdict, ratio.toString());
            }
        }
        assertEquals(8, rows.stream().filter(r -> r.get("row").equals("median")).count(), "a median per mode and figure");
        assertTrue(run.out().contains("tasks_per_s") && run.out().contains("p99_ms"), run.out());
        assertTrue(run.err().contains("throughput curve warm-up") && !run.err().contains("FAILED"), run.err());

        String readme = Files.readString(Path.of("..", "results", "README.md"));
        for (String column : CurveCostCommand.COLUMNS) {
            assertTrue(readme.contains("`" + column + "`"), "results/README.md does not document " + column);
        }
    }

    /** The lowest and highest reading of {@code metric} over the rounds of one workload and mode, as the CSV has it. */
    private static double[] range(List<Map<String, String>> rounds, String workload, String mode, String metric) {
        double[] values = rounds.stream().filter(r -> r.get("workload").equals(workload) && r.get("mode").equals(mode))
                .mapToDouble(r -> Double.parseDouble(r.get(metric))).toArray();
        assertEquals(2, values.length, workload + " " + mode);
        return new double[] {Math.min(values[0], values[1]), Math.max(values[0], values[1])};
    }

    @Test
    void badInputIsRefusedInOneSentenceBeforeAnythingRuns() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        Files.writeString(full.resolve("other.csv"), "x\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x\n");
        List<List<String>> cases = List.of(
                List.of("--rounds", "0", "--out", dir.resolve("a").toString()),
                List.of("--tasks", "10", "--out", dir.resolve("b").toString()),
                List.of("--rate", "-5", "--out", dir.resolve("c").toString()),
                List.of("--rate", "10", "--duration", "1s", "--out", dir.resolve("d").toString()),
                List.of("--duration", "soon", "--out", dir.resolve("e").toString()),
                List.of("--out", full.toString()),
                List.of("--out", file.toString()),
                List.of("--out", "/proc/asynccom-nope"));
        for (List<String> args : cases) {
            CommandRun run = CommandRun.of(new CurveCostCommand(), args.toArray(String[]::new));
            assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), args + ": " + run.err());
            assertTrue(run.errIsOneSentence() && run.err().startsWith("asynccom curve-cost: "), args + ": " + run.err());
        }
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("d")), "nothing created");
        assertEquals(List.of(full.resolve("other.csv")), Files.list(full).toList(), "a folder with files left alone");
    }

    @Test
    void aStopWritesTheRoundsMeasuredSoFarAndExitsOne() throws Exception {
        Path out = dir.resolve("stopped");
        try (ChildProcess command = ChildProcess.java("curve-cost", "curve-cost", "--out", out.toString(), "--rounds",
                "3", "--tasks", "2000", "--rate", "500", "--duration", "3s")) {
            command.awaitErrLine("latency plain round 1", Duration.ofSeconds(120));
            int exit = command.terminate(Duration.ofSeconds(60));
            assertEquals(ExitCodes.MISSING, exit, command.transcript());
            assertTrue(command.err().contains("stopped: 7 rounds measured written to"), command.transcript());
        }
        List<CsvFile.Line> lines = CsvFile.read(out.resolve(CurveCostCommand.CSV));
        assertEquals(CurveCostCommand.COLUMNS, lines.get(0).fields());
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(CsvFile.Line::fields).toList();
        assertEquals(7, rows.stream().filter(r -> r.get(0).equals("round")).count(), "6 throughput rounds and one latency");
        assertTrue(rows.stream().anyMatch(r -> r.get(0).equals("ratio") && r.get(1).equals("throughput")),
                "the throughput summary, both modes being measured");
        assertTrue(rows.stream().noneMatch(r -> r.get(0).equals("ratio") && r.get(1).equals("latency")),
                "no latency summary from one mode alone");
    }
}
