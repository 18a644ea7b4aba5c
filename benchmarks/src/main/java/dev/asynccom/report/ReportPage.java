package dev.asynccom.report;

import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.CapacityTable;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.Numbers;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.results.PercentileDistribution;
import dev.asynccom.results.ResultsFolder;

import static dev.asynccom.results.LatencyCsv.BATCH;
import static dev.asynccom.results.LatencyCsv.BENCHMARK;
import static dev.asynccom.results.LatencyCsv.DELAY;
import static dev.asynccom.results.LatencyCsv.LOAD;
import static dev.asynccom.results.LatencyCsv.TASKS;
import static dev.asynccom.results.LatencyCsv.TRANSPORT;
import static dev.asynccom.results.LatencyCsv.WORKERS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The HTML page of one results folder: latency distributions, throughput and efficiency charts,
 * then the key numbers and the environment. Self-contained: inline CSS and SVG, no scripts, no
 * address other than the SVG namespace. Written as well-formed XML, so tools can parse it back.
 */
public final class ReportPage {
    /** The page's name inside its results folder unless told otherwise. */
    public static final String DEFAULT_FILE_NAME = "report.html";


    /** The columns that, with the strategy, tell configurations apart. */
    private static final List<String> IDENTITY = List.of(BENCHMARK, TRANSPORT, WORKERS, BATCH, DELAY, TASKS, LOAD);


    private final ResultsFolder folder;
    private final Path page;
    private final Palette palette;
    /** One colour per strategy and worker count, so two lines of one strategy never look alike. */
    private final Palette seriesPalette;
    private final List<String> identity;
    private int charts;

    /** The page of {@code folder} that will be written to {@code page}, which it names the folder relative to. */
    public ReportPage(ResultsFolder folder, Path page) {
        this.folder = folder;
        this.page = page;
        this.palette = new Palette(folder.rows().stream().map(LatencyRow::strategy).distinct().toList());
        this.seriesPalette = new Palette(folder.rows().stream()
                .sorted(Comparator.comparingInt(r -> palette.names().indexOf(r.strategy())))
                .map(ReportPage::seriesKey).distinct().toList());
        // A benchmark column that never changes would only lengthen every title.
        boolean oneBenchmark = folder.rows().stream().map(r -> r.text(BENCHMARK)).distinct().count() == 1;
        this.identity = IDENTITY.stream().filter(c -> !(oneBenchmark && c.equals(BENCHMARK))).toList();
    }

    /** The number of charts the last {@link #render()} drew. */
    public int chartCount() {
        return charts;
    }

    public String render() {
        charts = 0;
        StringBuilder html = new StringBuilder();
        String name = String.valueOf(folder.dir().toAbsolutePath().normalize().getFileName());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>asynccom report: ").append(esc(name)).append("</title>\n")
                .append("<style>\n").append(PageStyle.CSS).append("</style>\n</head>\n<body>\n");
        // Named from the page, so that a page reads the same wherever the folder lies and however it was given.
        String path = folder.pathFrom(page);
        long baselines = folder.rows().stream().filter(r -> r.strategy().isEmpty()).count();
        html.append("<h1>asynccom benchmark report</h1>\n<p class=\"note\">Results folder <code>")
                .append(esc(path.isEmpty() ? name : path))
                .append(path.isEmpty() ? "</code> (this page's folder): " : "</code> (from this page): ")
                .append(folder.rows().size())
                .append(" configurations, strategies ")
                .append(esc(String.join(", ", palette.names().stream().filter(n -> !n.isEmpty()).toList())))
                .append(baselines == 0 ? "" : " and " + baselines + (baselines == 1 ? " baseline" : " baselines"))
                .append(folder.hasJmhCsv() ? "; JMH's own numbers are in <code>jmh.csv</code> beside it" : "")
                .append(".</p>\n");
        html.append("<nav><a href=\"#decision\">Decision</a><a href=\"#curves\">Curves</a>")
                .append("<a href=\"#latency\">Latency</a><a href=\"#throughput\">Throughput</a>")
                .append("<a href=\"#baselines\">Baselines</a>")
                .append("<a href=\"#efficiency\">Efficiency</a><a href=\"#numbers\">Key numbers</a>")
                .append("<a href=\"#environment\">Environment</a></nav>\n");
        if (!folder.capacities().isEmpty()) {
            DecisionSection.append(html, folder.capacities());
            curvesSection(html);
        }
        latencySection(html);
        throughputSection(html);
        BaselineTable.append(html, folder.rows());
        efficiencySection(html);
        numbersSection(html);
        EnvironmentTable.append(html, folder);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private void latencySection(StringBuilder html) {
        html.append("<section id=\"latency\">\n<h2>Latency percentile distribution</h2>\n<p class=\"note\">");
        if (!folder.hasTrials()) {
            html.append("No latency charts: this folder has no <code>trials/</code> with the HdrHistogram logs they ")
                    .append("are drawn from (it was written before the report read them); its <code>.hgrm</code> ")
                    .append("files, if any, open in HdrHistogram's plotter.</p>\n</section>\n");
            return;
        }
        html.append("End-to-end latency per strategy, one chart per workload, from the HdrHistogram logs in ")
                .append("<code>trials/</code> (the trials of a configuration merged). ")
                .append("Solid: measured from each task's intended send time (corrected for coordinated omission); ")
                .append("dashed: from its actual send time. The right of each chart is the tail. ")
                .append("Hover a point for its value.</p>\n<div class=\"charts\">\n");
        List<String> withoutHistogram = new ArrayList<>();
        groups(this::throughputWorkload).forEach((workload, rows) -> {
            List<PercentileChart.Series> series = new ArrayList<>();
            for (LatencyRow row : rows) {
                PercentileDistribution corrected = folder.corrected().get(row.config());
                if (corrected == null) {
                    withoutHistogram.add(row.config());
                    continue;
                }
                series.add(new PercentileChart.Series(row.strategyIn(rows, " workers="), row.config(),
                        seriesPalette.colour(seriesKey(row)), corrected, folder.uncorrected().get(row.config())));
            }
            if (PercentileChart.hasData(series)) {
                figure(html, workload, PercentileChart.render("End-to-end latency by percentile, " + workload, series));
            }
        });
        html.append("</div>\n");
        if (!withoutHistogram.isEmpty()) {
            html.append("<p class=\"note\">No trial log for: ")
                    .append(esc(String.join("; ", withoutHistogram))).append(".</p>\n");
        }
        html.append("</section>\n");
    }

    private void throughputSection(StringBuilder html) {
        html.append("<section id=\"throughput\">\n<h2>Throughput</h2>\n<p class=\"note\">")
                .append("Mean tasks per second by worker count, one chart per workload; whiskers show ")
                .append("the error bound (JMH's 99.9% confidence half-width).</p>\n<div class=\"charts\">\n");
        groups(this::throughputWorkload).forEach((workload, rows) ->
                barChart(html, workload, rows, LatencyCsv.THROUGHPUT, LatencyCsv.THROUGHPUT_ERROR,
                        "throughput (tasks/s)", 0, Numbers::compact, "tasks/s"));
        html.append("</div>\n</section>\n");
    }

    /** Per workload: p99 against offered rate with the SLO and capacities, then achieved against offered. */
    private void curvesSection(StringBuilder html) {
        html.append("<section id=\"curves\">\n<h2>Latency-throughput curves</h2>\n<p class=\"note\">")
                .append("Each strategy's open-loop steps around its capacity, from a quarter of it to one and a half ")
                .append("times: p99 end to end from the intended send time (log axes), the SLO as a dashed line, ")
                .append("the capacity ringed; below, the rate achieved, which leaves the line achieved = offered ")
                .append("where a strategy falls behind. Points are single steps (the search's worst repeat where it ")
                .append("ran one).</p>\n<div class=\"charts\">\n");
        Palette curves = new Palette(folder.capacities().stream().map(CapacityRecord::label).distinct().toList());
        for (CapacityTable.Decision decision : CapacityTable.decisions(folder.capacities())) {
            String workload = decision.workload().workload();
            List<CapacityRecord> records = decision.members();
            figure(html, workload + ": p99 against offered rate",
                    CurveChart.render("p99 against offered rate, " + workload, records, curves, CurveChart.Kind.P99));
            figure(html, workload + ": achieved against offered rate",
                    CurveChart.render("achieved against offered rate, " + workload, records, curves,
                            CurveChart.Kind.ACHIEVED));
        }
        html.append("</div>\n</section>\n");
    }

    private void efficiencySection(StringBuilder html) {
        html.append("<section id=\"efficiency\">\n<h2>Efficiency</h2>\n<p class=\"note\">")
                .append("Makespan efficiency: ideal makespan / measured makespan. Throughput efficiency: measured ")
                .append("throughput / (effective concurrency / mean delay), undefined for zero delay. 1 is perfect. ")
                .append("Efficiency measures how well a strategy uses the concurrency it has, not how fast it is: ")
                .append("virtual threads without a limit (effective concurrency = every task) finish first yet read ")
                .append("low here, because their ideal is a single delay; compare strategies by throughput and ")
                .append("capacity, and use efficiency to see overhead at the same concurrency.")
                .append("</p>\n<div class=\"charts\">\n");
        groups(this::throughputWorkload).forEach((workload, rows) -> {
            barChart(html, workload, rows, LatencyCsv.MAKESPAN_EFFICIENCY, null,
                    "makespan efficiency (ideal / measured)", 1, Numbers::compact, "");
            barChart(html, workload, rows, LatencyCsv.THROUGHPUT_EFFICIENCY, null,
                    "throughput efficiency (measured / ideal)", 1, Numbers::compact, "");
        });
        html.append("</div>\n</section>\n");
    }

    /** Bars of one column by worker count and strategy; nothing when no row has a value. */
    private void barChart(StringBuilder html, String workload, List<LatencyRow> rows, String column, String errorColumn,
                          String yTitle, double minimumTop, DoubleFunction<String> label, String unit) {
        List<GroupedBarChart.Bar> bars = new ArrayList<>();
        Set<String> strategies = new TreeSet<>(Comparator.comparingInt(palette.names()::indexOf));
        for (LatencyRow row : rows) {
            if (row.has(column)) {
                OptionalDouble error = errorColumn == null ? OptionalDouble.empty() : row.number(errorColumn);
                bars.add(new GroupedBarChart.Bar(row.text(WORKERS), row.strategy(), row.config(), column,
                        row.text(column), error));
                strategies.add(row.strategy());
            }
        }
        if (bars.isEmpty()) {
            return;
        }
        List<String> workers = bars.stream().map(GroupedBarChart.Bar::category).distinct()
                .sorted(Comparator.comparingDouble(ReportPage::numberOrMax)).toList();
        String title = yTitle.replaceFirst(" \\(.*", "") + ", " + workload;
        GroupedBarChart.Spec spec = new GroupedBarChart.Spec(title, "workers", yTitle, workers,
                List.copyOf(strategies), palette, minimumTop, label, unit);
        figure(html, title, GroupedBarChart.render(spec, bars));
    }

    private void numbersSection(StringBuilder html) {
        html.append("<section id=\"numbers\">\n<h2>Key numbers</h2>\n<p class=\"note\">")
                .append("Throughput and makespan with their error bounds, latencies in microseconds. ")
                .append("Red: tasks that did not end well or were counted twice. Hover a row for its configuration.")
                .append("</p>\n<table>\n<thead><tr>");
        String[] headers = {"strategy", "workers", "throughput tasks/s", "± error", "makespan ms", "± error",
                "makespan eff.", "throughput eff.", "e2e p50 µs", "e2e p99 µs", "e2e p99.9 µs", "e2e max µs",
                "uncorr. p99 µs", "ok", "unknown", "failed", "rejected", "missing", "dup."};
        for (int i = 0; i < headers.length; i++) {
            html.append(i < 1 ? "<th class=\"t\">" : "<th>").append(esc(headers[i])).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        groups(this::throughputWorkload).forEach((workload, rows) -> {
            html.append("<tr class=\"group\"><td colspan=\"").append(headers.length).append("\">")
                    .append(esc(workload)).append("</td></tr>\n");
            List<LatencyRow> sorted = new ArrayList<>(rows);
            sorted.sort(Comparator.comparingDouble((LatencyRow r) -> numberOrMax(r.text(WORKERS)))
                    .thenComparingInt(r -> palette.names().indexOf(r.strategy())));
            for (LatencyRow row : sorted) {
                html.append("<tr title=\"").append(esc(row.config())).append("\"><td class=\"t\">")
                        .append(esc(row.strategy())).append("</td>");
                for (String column : List.of(WORKERS, LatencyCsv.THROUGHPUT, LatencyCsv.THROUGHPUT_ERROR,
                        LatencyCsv.MAKESPAN_MS, LatencyCsv.MAKESPAN_MS_ERROR, LatencyCsv.MAKESPAN_EFFICIENCY,
                        LatencyCsv.THROUGHPUT_EFFICIENCY, LatencyCsv.E2E_P50_US, LatencyCsv.E2E_P99_US,
                        LatencyCsv.E2E_P999_US, LatencyCsv.E2E_MAX_US, LatencyCsv.UNCORRECTED_P99_US, LatencyCsv.OK)) {
                    html.append("<td>").append(esc(Numbers.format(row.number(column)))).append("</td>");
                }
                for (String column : List.of(LatencyCsv.UNKNOWN, LatencyCsv.FAILED, LatencyCsv.REJECTED,
                        LatencyCsv.MISSING, LatencyCsv.DUPLICATES)) {
                    boolean bad = row.number(column).orElse(0) > 0;
                    html.append(bad ? "<td class=\"bad\">" : "<td>")
                            .append(esc(Numbers.format(row.number(column)))).append("</td>");
                }
                html.append("</tr>\n");
            }
        });
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private void figure(StringBuilder html, String caption, String svg) {
        charts++;
        html.append("<figure>\n<figcaption>").append(esc(caption)).append("</figcaption>\n").append(svg)
                .append("</figure>\n");
    }

    /** Everything but strategy and workers: the lines of one latency chart, the bars of one throughput chart. */
    private String throughputWorkload(LatencyRow row) {
        return describe(row, Set.of(WORKERS));
    }

    private String describe(LatencyRow row, Set<String> leaveOut) {
        StringBuilder text = new StringBuilder();
        for (String column : identity) {
            if (!leaveOut.contains(column) && !row.text(column).isEmpty()) {
                text.append(text.isEmpty() ? "" : " ").append(column).append('=').append(row.text(column));
            }
        }
        return text.isEmpty() ? "all configurations" : text.toString();
    }

    /**
     * The strategies' rows grouped by a key, groups in order of first appearance, rows in palette order
     * within a group. Baselines count other things than tasks and have their own table ({@link BaselineTable}).
     */
    private Map<String, List<LatencyRow>> groups(Function<LatencyRow, String> key) {
        Map<String, List<LatencyRow>> groups = new LinkedHashMap<>();
        for (LatencyRow row : folder.rows()) {
            if (!row.strategy().isEmpty()) {
                groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
            }
        }
        groups.values().forEach(rows -> rows.sort(Comparator.comparingInt(r -> palette.names().indexOf(r.strategy()))));
        return groups;
    }

    /** What a latency line stands for across the page: its strategy and worker count. */
    private static String seriesKey(LatencyRow row) {
        return row.strategy() + " workers=" + row.text(WORKERS);
    }

    private static double numberOrMax(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE;
        }
    }

    private static String esc(String text) {
        return Svg.escape(text);
    }

    /**
     * Renders the page of {@code folder} into {@code target}, which it names the folder relative to.
     *
     * @return how many charts the page holds
     * @throws IOException naming {@code target} when it cannot be written
     */
    public static int write(ResultsFolder folder, Path target) throws IOException {
        ReportPage page = new ReportPage(folder, target);
        String html = page.render();
        try {
            Files.writeString(target, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw OutputPaths.failed(target, e);
        }
        return page.chartCount();
    }
}
