package dev.asynccom.results;

import dev.asynccom.loop.LoopConfig;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The capacity searches of a run as files and as the answer: {@code capacity.csv} (one row per
 * configuration), {@code curves.csv} (one row per point of each latency-throughput curve),
 * {@code decision.csv} and the decision table printed at the end of the main job and heading the report.
 *
 * <p>A decision ranks, per workload (transport, batch, delay, SLO), the strategies by capacity with
 * {@link TieRanking}: a capacity's interval is its search's bracket (the highest rate that passed to
 * the lowest that failed), widened by {@link CapacityRecord#NOISE} each side; strategies whose intervals
 * overlap are tied. The recommendation is the tie group ranked first, the runner-up the next tie group,
 * with the ratio of their best capacities.
 */
public final class CapacityTable {
    public static final String CAPACITY_FILE = "capacity.csv";
    public static final String CURVES_FILE = "curves.csv";
    public static final String DECISION_FILE = "decision.csv";

    static final List<String> DIAGNOSTICS = List.of("platform.threads.peak", "strategy.threads.peak",
            "virtual.pinned", "virtual.submit.failed", "virtual.scheduler.parallelism", "virtual.scheduler.pool.peak",
            "virtual.scheduler.mounted.peak", "virtual.scheduler.queued.peak");
    public static final List<String> CAPACITY_COLUMNS = columns();
    public static final List<String> CURVE_COLUMNS = List.of("transport", "strategy", "workers", "batch", "delay",
            "slo", "step", "repeat", "offered_tasks_per_s", "achieved_tasks_per_s", "e2e_p50_ms", "e2e_p99_ms",
            "e2e_p999_ms", "slo_percentile_ms", "tasks", "ok", "meets_slo");
    public static final List<String> DECISION_COLUMNS = List.of("transport", "batch", "delay", "slo", "recommended",
            "capacity_tasks_per_s", "runner_up", "runner_up_capacity_tasks_per_s", "ratio", "ranking");

    /**
     * One workload's decision.
     *
     * @param members     the workload's records, one per strategy, as the searches left them
     * @param ranking     the strategies by capacity, ties joined by {@code =}
     * @param recommended the tie group ranked first ({@code virtual-0}, {@code platform-32 = virtual-32})
     * @param capacity    the best capacity in that group, tasks/s (0 when no strategy met the SLO)
     * @param runnerUp    the best strategy outside the group, or null when all are tied
     * @param runnerUpCapacity its capacity
     */
    public record Decision(List<CapacityRecord> members, String ranking, String recommended, double capacity,
                           String runnerUp, double runnerUpCapacity) {
        public Decision {
            members = List.copyOf(members);
        }

        /** The first record of the workload, for its transport, batch, delay and SLO. */
        public CapacityRecord workload() {
            return members.getFirst();
        }

        /** {@code 41.00x}, or {@code -} without a runner-up. */
        public String ratioLabel() {
            return Double.isNaN(ratio()) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio());
        }

        /** How many times the runner-up's capacity the recommendation's is; NaN without a runner-up. */
        public double ratio() {
            return runnerUp == null || runnerUpCapacity <= 0 ? Double.NaN : capacity / runnerUpCapacity;
        }
    }

    private CapacityTable() {
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("transport", "strategy", "workers", "batch", "delay", "handler",
                "slo", "verdict", "capacity_tasks_per_s", "failed_above_tasks_per_s", "interval_low_tasks_per_s",
                "interval_high_tasks_per_s", "rerun_capacity_tasks_per_s", "slo_percentile_at_capacity_ms", "e2e_p50_at_capacity_ms",
                "e2e_p99_at_capacity_ms", "e2e_p999_at_capacity_ms", "steps", "seconds"));
        DIAGNOSTICS.forEach(d -> columns.add(d.replace('.', '_')));
        columns.addAll(List.of("java", "jvm_args"));
        return List.copyOf(columns);
    }

    /** The decisions, one per workload, in the order the workloads first appear. */
    public static List<Decision> decisions(List<CapacityRecord> records) {
        Map<String, List<CapacityRecord>> workloads = new LinkedHashMap<>();
        inOrder(records).forEach(r -> workloads.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r));
        List<Decision> decisions = new ArrayList<>();
        for (List<CapacityRecord> members : workloads.values()) {
            List<String> names = members.stream().map(CapacityRecord::label).toList();
            List<TieRanking.Entry> order = TieRanking.rank(names,
                    members.stream().mapToDouble(r -> r.hasCapacity() ? r.center() : 0).toArray(),
                    members.stream().mapToDouble(r -> r.hasCapacity() ? r.halfWidth() : 0).toArray(), true);
            List<TieRanking.Entry> first = order.stream().filter(e -> e.rank() == 1).toList();
            // The runner-up is the next tie group: every strategy of the lowest rank after the first.
            int nextRank = order.stream().mapToInt(TieRanking.Entry::rank).filter(r -> r > 1).min().orElse(0);
            List<TieRanking.Entry> next = order.stream().filter(e -> e.rank() == nextRank).toList();
            decisions.add(new Decision(members, TieRanking.order(order),
                    first.stream().map(TieRanking.Entry::name).collect(Collectors.joining(" = ")),
                    bestOf(first, names, members),
                    next.isEmpty() ? null : next.stream().map(TieRanking.Entry::name).collect(Collectors.joining(" = ")),
                    bestOf(next, names, members)));
        }
        return decisions;
    }

    /** The highest capacity of a tie group's members, 0 when none has one (or the group is empty). */
    private static double bestOf(List<TieRanking.Entry> group, List<String> names, List<CapacityRecord> members) {
        return group.stream().map(e -> members.get(names.indexOf(e.name()))).filter(CapacityRecord::hasCapacity)
                .mapToDouble(CapacityRecord::bestCapacity).max().orElse(0);
    }

    /** The records with their workloads in transport order (inproc, zmq-tcp, zmq-ipc, then others), stable otherwise. */
    static List<CapacityRecord> inOrder(List<CapacityRecord> records) {
        return records.stream().sorted(Comparator.comparingInt(r -> {
            int at = LoopConfig.TRANSPORTS.indexOf(r.transport());
            return at < 0 ? LoopConfig.TRANSPORTS.size() : at;
        })).toList();
    }

    /**
     * The step at the capacity the search judged on (its worst passing repeat: a failure forgiven as a stall
     * is not the capacity's latency), or null for a search that found none.
     */
    public static CapacityRecord.Point atCapacity(CapacityRecord record) {
        if (!record.hasCapacity()) {
            return record.steps().stream().filter(p -> p.offered() == record.capacity()).findFirst().orElse(null);
        }
        return record.steps().stream().filter(p -> p.offered() == record.capacity() && p.meets())
                .max(Comparator.comparingDouble(CapacityRecord.Point::sloMs)).orElse(null);
    }

    /** {@code inproc platform-32 constant:5ms: capacity 6300 tasks/s at p99 12.1 ms (SLO p99 <= 50 ms)}. */
    public static String answer(CapacityRecord record) {
        String what = record.transport() + " " + record.label() + " " + record.delay() + ": ";
        CapacityRecord.Point at = atCapacity(record);
        String percentile = record.slo().substring(0, record.slo().indexOf(' '));
        String measured = at == null ? "" : " at " + percentile + " " + Numbers.format(at.sloMs()) + " ms";
        return what + switch (record.verdict()) {
            case "BELOW" -> "capacity below " + Numbers.whole(record.capacity()) + " tasks/s (SLO " + record.slo()
                    + " not met at the lowest rate tried)";
            case "FOUND" -> "capacity " + Numbers.whole(record.capacity()) + " tasks/s" + measured + " (SLO "
                    + record.slo() + ")";
            default -> "capacity at least " + Numbers.whole(record.capacity()) + " tasks/s" + measured + " (SLO "
                    + record.slo() + ")";
        };
    }

    /**
     * The capacities the reruns of {@code record}'s search found, {@code 349000}, {@code below 300} for one that
     * found none, or {@code -} without reruns.
     */
    public static String again(CapacityRecord record) {
        return record.reruns().isEmpty() ? "-" : String.join(" ", record.reruns().stream()
                .map(r -> (r.hasCapacity() ? "" : "below ") + Numbers.whole(r.capacity())).toList());
    }

    /** Prints the decision table and each workload's ranking, with every configuration's capacity. */
    public static void print(List<CapacityRecord> records, PrintWriter out) {
        if (records.isEmpty()) {
            return;
        }
        List<Decision> decisions = decisions(records);
        out.println("The answer: the strategy to choose, by capacity (the highest open-loop rate sustained within the");
        out.println("SLO, every task ok). Strategies whose capacity intervals (the search's bracket, widened by "
                + Math.round(CapacityRecord.NOISE * 100) + "%");
        out.println("for run-to-run noise; a capacity the machine bounds, not the concurrency, is searched again and");
        out.println("its interval spans both: 'again') overlap are tied and joined by '='. Peak threads: the");
        out.println("strategy's own platform threads at their most (virtual: the scheduler's carrier threads);");
        out.println("pinned: JFR's count.");
        out.println();
        TextTable table = new TextTable(List.of("transport", "delay", "SLO", "choose", "capacity/s", "runner-up",
                "capacity/s", "ratio"), false, false, false, false, true, false, true, true);
        for (Decision d : decisions) {
            table.add(d.workload().transport(), d.workload().delay(), d.workload().slo(), d.recommended(),
                    Numbers.whole(d.capacity()), d.runnerUp() == null ? "(all tied)" : d.runnerUp(),
                    d.runnerUp() == null ? "-" : Numbers.whole(d.runnerUpCapacity()), d.ratioLabel());
        }
        table.print(out);
        for (Decision d : decisions) {
            out.println();
            out.println(d.workload().workload());
            out.println("by capacity: " + d.ranking());
            TextTable detail = new TextTable(List.of("strategy", "verdict", "capacity/s", "failed at/s", "again/s",
                    "at capacity", "peak threads", "pinned"), false, false, true, true, true, true, true, true);
            for (CapacityRecord r : d.members()) {
                CapacityRecord.Point at = atCapacity(r);
                detail.add(r.label(), r.verdict(), Numbers.whole(r.capacity()), Numbers.whole(r.failedAbove()),
                        again(r),
                        at == null ? "-" : Numbers.format(at.sloMs()) + " ms", r.peakThreads(),
                        r.diagnostics().getOrDefault("virtual.pinned", "-"));
            }
            detail.print(out);
        }
        out.println();
        out.flush();
    }

    /** Writes capacity.csv, curves.csv and decision.csv into {@code dir}; returns them. */
    public static List<Path> write(Path dir, List<CapacityRecord> records) throws IOException {
        Path capacity = dir.resolve(CAPACITY_FILE);
        try (CSVPrinter csv = CsvFile.printer(capacity)) {
            csv.printRecord(CAPACITY_COLUMNS);
            for (CapacityRecord r : records) {
                CapacityRecord.Point at = atCapacity(r);
                List<String> row = new ArrayList<>(List.of(r.transport(), r.strategy(), Integer.toString(r.workers()),
                        Integer.toString(r.batch()), r.delay(), r.handler(), r.slo(), r.verdict(),
                        plain(r.capacity(), 0), plain(r.failedAbove(), 0),
                        plain(r.hasCapacity() ? r.center() - r.halfWidth() : Double.NaN, 0),
                        plain(r.hasCapacity() ? r.center() + r.halfWidth() : Double.NaN, 0),
                        String.join(" ", r.reruns().stream()
                                .map(again -> again.hasCapacity() ? plain(again.capacity(), 0) : "").toList()),
                        plain(at == null ? Double.NaN : at.sloMs(), 3), plain(at == null ? Double.NaN : at.p50Ms(), 3),
                        plain(at == null ? Double.NaN : at.p99Ms(), 3), plain(at == null ? Double.NaN : at.p999Ms(), 3),
                        Integer.toString(r.steps().size()), plain(r.seconds(), 1)));
                DIAGNOSTICS.forEach(d -> row.add(r.diagnostics().getOrDefault(d, "")));
                row.add(r.javaVersion());
                row.add(r.jvmArgs());
                csv.printRecord(row);
            }
        }
        Path curves = dir.resolve(CURVES_FILE);
        try (CSVPrinter csv = CsvFile.printer(curves)) {
            csv.printRecord(CURVE_COLUMNS);
            for (CapacityRecord r : records) {
                for (CapacityRecord.Point p : r.curve()) {
                    csv.printRecord(r.transport(), r.strategy(), r.workers(), r.batch(), r.delay(), r.slo(), p.step(),
                            p.repeat(), plain(p.offered(), 0), plain(p.achieved(), 0), plain(p.p50Ms(), 3),
                            plain(p.p99Ms(), 3), plain(p.p999Ms(), 3), plain(p.sloMs(), 3), p.tasks(), p.ok(),
                            p.meets());
                }
            }
        }
        Path decision = dir.resolve(DECISION_FILE);
        try (CSVPrinter csv = CsvFile.printer(decision)) {
            csv.printRecord(DECISION_COLUMNS);
            for (Decision d : decisions(records)) {
                csv.printRecord(d.workload().transport(), d.workload().batch(), d.workload().delay(), d.workload().slo(),
                        d.recommended(), plain(d.capacity(), 0), d.runnerUp() == null ? "" : d.runnerUp(),
                        d.runnerUp() == null ? "" : plain(d.runnerUpCapacity(), 0), plain(d.ratio(), 3), d.ranking());
            }
        }
        return List.of(capacity, curves, decision);
    }

    /** Plain decimal notation to {@code scale} places, no trailing zeros; NaN as empty (no data). */
    static String plain(double value, int scale) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "";
        }
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
