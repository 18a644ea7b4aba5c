package dev.asynccom.report;

import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.Numbers;
import dev.asynccom.results.ResultRows;

import java.util.List;

/**
 * The report's baselines: the raw JDK queue and jeromq figures the loop is measured against, in a table
 * of their own, because what they count is not tasks (a queue hand-off, a ZeroMQ message) and they have
 * no strategy or workers to chart by.
 */
final class BaselineTable {
    private BaselineTable() {
    }

    /** Appends the section, or nothing when {@code rows} hold no baseline. */
    static void append(StringBuilder html, List<LatencyRow> rows) {
        List<LatencyRow> baselines = rows.stream().filter(r -> r.strategy().isEmpty()).toList();
        if (baselines.isEmpty()) {
            return;
        }
        html.append("<section id=\"baselines\">\n<h2>Baselines</h2>\n<p class=\"note\">")
                .append("The physical limits the loop runs on, measured in the same run: JMH's operations per ")
                .append("second with their 99.9% error bound. What one operation is depends on the baseline.")
                .append("</p>\n<table>\n<thead><tr><th class=\"t\">baseline</th><th>per second</th>")
                .append("<th>± error</th><th class=\"t\">unit</th><th class=\"t\">one operation is</th></tr></thead>\n<tbody>\n");
        for (LatencyRow row : baselines) {
            html.append("<tr><td class=\"t\">").append(Svg.escape(row.config())).append("</td><td>")
                    .append(Svg.escape(Numbers.format(row.number(LatencyCsv.THROUGHPUT)))).append("</td><td>")
                    .append(Svg.escape(Numbers.format(row.number(LatencyCsv.THROUGHPUT_ERROR))))
                    .append("</td><td class=\"t\">").append(Svg.escape(row.throughputUnit()))
                    .append("</td><td class=\"t\">")
                    .append(Svg.escape(ResultRows.baselineOperation(row.text(LatencyCsv.BENCHMARK)).description()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }
}
