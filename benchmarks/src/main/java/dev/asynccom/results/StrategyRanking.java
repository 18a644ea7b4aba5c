package dev.asynccom.results;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The answer in a few lines of text: for each workload (a configuration without its strategy and
 * workers), the strategies ranked by throughput, with makespan, efficiency and end-to-end latency beside;
 * then the baselines. Plain ASCII, so any console shows it.
 */
public final class StrategyRanking {
    private static final List<String> HEADER = List.of("#", "strategy", "workers", "C", "tasks/s", "+-",
            "makespan ms", "ideal ms", "eff thr", "eff span", "e2e p50 ms", "e2e p99 ms", "queue p99 ms",
            "overshoot p99 ms");
    private static final boolean[] RIGHT = {true, false, true, true, true, true, true, true, true, true, true,
            true, true, true};

    private StrategyRanking() {
    }

    /** The workload a row belongs to: its identity without strategy and workers. */
    static String workload(LatencyRow row) {
        return "transport=" + row.text(LatencyCsv.TRANSPORT) + " batch=" + row.text(LatencyCsv.BATCH)
                + " delay=" + row.text(LatencyCsv.DELAY) + " tasks=" + row.text(LatencyCsv.TASKS)
                + " load=" + row.text(LatencyCsv.LOAD);
    }

    /** Prints the ranking of {@code rows} (latency.csv's) to {@code out}. */
    public static void print(List<LatencyRow> rows, PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, List<LatencyRow>> workloads = new LinkedHashMap<>();
        List<LatencyRow> baselines = new ArrayList<>();
        for (LatencyRow row : rows) {
            if (row.strategy().isEmpty()) {
                baselines.add(row);
            } else {
                String key = workload(row) + (row.text(LatencyCsv.BENCHMARK).endsWith("FullLoopBenchmark.run") ? ""
                        : " benchmark=" + row.text(LatencyCsv.BENCHMARK));
                workloads.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        out.println("Strategies ranked by throughput, per workload (C = effective concurrency; eff thr = throughput /");
        out.println("ideal, eff span = ideal / measured makespan; latencies end to end from the intended send time;");
        out.println("* = lowest e2e p99 of the workload). Strategies whose 99.9% intervals overlap share a rank and");
        out.println("are joined by '=': the data cannot tell them apart.");
        for (var workload : workloads.entrySet()) {
            List<LatencyRow> members = workload.getValue();
            List<String> names = members.stream().map(r -> r.strategyIn(members, "-")).toList();
            List<TieRanking.Entry> order = TieRanking.rank(names,
                    members.stream().mapToDouble(r -> r.number(LatencyCsv.THROUGHPUT).orElse(Double.NaN)).toArray(),
                    members.stream().mapToDouble(r -> r.number(LatencyCsv.THROUGHPUT_ERROR).orElse(Double.NaN)).toArray(),
                    true);
            List<LatencyRow> ranked = order.stream().map(e -> members.get(names.indexOf(e.name()))).toList();
            LatencyRow lowestP99 = ranked.stream()
                    .filter(r -> r.has(LatencyCsv.E2E_P99_US))
                    .min(Comparator.comparingDouble(r -> r.number(LatencyCsv.E2E_P99_US).getAsDouble()))
                    .orElse(null);
            out.println();
            out.println(workload.getKey());
            out.println("by throughput: " + TieRanking.order(order));
            TextTable table = new TextTable(HEADER, RIGHT);
            for (int i = 0; i < ranked.size(); i++) {
                LatencyRow row = ranked.get(i);
                table.add(Integer.toString(order.get(i).rank()), row.strategy() + (row == lowestP99 ? " *" : ""),
                        row.text(LatencyCsv.WORKERS), row.text(LatencyCsv.EFFECTIVE_CONCURRENCY),
                        whole(row.number(LatencyCsv.THROUGHPUT)), whole(row.number(LatencyCsv.THROUGHPUT_ERROR)),
                        Numbers.format(row.number(LatencyCsv.MAKESPAN_MS)),
                        Numbers.format(row.number(LatencyCsv.IDEAL_MAKESPAN_MS)),
                        Numbers.format(row.number(LatencyCsv.THROUGHPUT_EFFICIENCY)),
                        Numbers.format(row.number(LatencyCsv.MAKESPAN_EFFICIENCY)),
                        millis(row, LatencyCsv.E2E_P50_US), millis(row, LatencyCsv.E2E_P99_US),
                        millis(row, LatencyCsv.latency(LatencyCsv.Kind.QUEUE, LatencyCsv.Stat.P99)),
                        millis(row, LatencyCsv.latency(LatencyCsv.Kind.OVERSHOOT, LatencyCsv.Stat.P99)));
            }
            table.print(out);
        }
        if (!baselines.isEmpty()) {
            out.println();
            out.println("Baselines (the physical limits the loop runs on):");
            TextTable table = new TextTable(List.of("config", "per second", "+-", "unit"), false, true, true, false);
            for (LatencyRow row : baselines) {
                table.add(row.config(), whole(row.number(LatencyCsv.THROUGHPUT)),
                        whole(row.number(LatencyCsv.THROUGHPUT_ERROR)), row.throughputUnit());
            }
            table.print(out);
        }
        out.flush();
    }

    private static String whole(OptionalDouble value) {
        return Numbers.whole(value.orElse(Double.NaN));
    }

    private static String millis(LatencyRow row, String microsColumn) {
        OptionalDouble micros = row.number(microsColumn);
        return micros.isPresent() ? Numbers.format(micros.getAsDouble() / 1000) : "-";
    }
}
