package dev.asynccom.report;

import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.CapacityTable;
import dev.asynccom.results.Numbers;

import java.util.List;

/**
 * The answer the page opens with: per workload and transport, the strategy to choose (or the tie group),
 * its capacity at the SLO, the runner-up and the ratio, then every configuration's capacity with its
 * pool diagnostics. The same table as decision.csv and the end of the main job.
 */
final class DecisionSection {
    private DecisionSection() {
    }

    static void append(StringBuilder html, List<CapacityRecord> records) {
        html.append("<section id=\"decision\">\n<h2>Decision: which strategy, by capacity at the SLO</h2>\n")
                .append("<p class=\"note\">Capacity: the highest offered open-loop rate at which a strategy keeps up ")
                .append("(achieves 99% of it), meets the SLO (latency from each task's intended send time) and ")
                .append("answers every task ok, on every one of its repeats. Strategies whose capacity intervals ")
                .append("(the search's bracket, widened by ").append(Math.round(CapacityRecord.NOISE * 100))
                .append("% each side for run-to-run noise; a capacity the machine bounds rather than its ")
                .append("concurrency is searched a second time, and its interval spans both searches) overlap are ")
                .append("tied, shown as <code>a = b</code>.</p>\n")
                .append("<table>\n<thead><tr><th class=\"t\">transport</th><th class=\"t\">delay</th>")
                .append("<th class=\"t\">SLO</th><th class=\"t\">choose</th><th>capacity (tasks/s)</th>")
                .append("<th class=\"t\">runner-up</th><th>capacity (tasks/s)</th><th>ratio</th>")
                .append("<th class=\"t\">ranking</th></tr></thead>\n<tbody>\n");
        for (CapacityTable.Decision d : CapacityTable.decisions(records)) {
            cells(html, d.workload().transport(), d.workload().delay(), d.workload().slo(), d.recommended(),
                    Numbers.whole(d.capacity()), d.runnerUp() == null ? "(all tied)" : d.runnerUp(),
                    d.runnerUp() == null ? "-" : Numbers.whole(d.runnerUpCapacity()), d.ratioLabel(), d.ranking());
        }
        html.append("</tbody>\n</table>\n");
        html.append("<p class=\"note\">Every search, with what its threads did (peak: the strategy's own platform ")
                .append("threads at their most, for virtual threads the scheduler's carriers; pinned and submit ")
                .append("failures: JFR's counts).</p>\n<table>\n<thead><tr><th class=\"t\">configuration</th>")
                .append("<th class=\"t\">verdict</th><th>capacity (tasks/s)</th><th>first failing rate</th>")
                .append("<th>second search (tasks/s)</th>")
                .append("<th>SLO percentile at capacity (ms)</th><th>peak threads</th><th>pinned</th>")
                .append("<th>submit failed</th><th>steps</th><th>seconds</th></tr></thead>\n<tbody>\n");
        for (CapacityRecord r : records) {
            CapacityRecord.Point at = CapacityTable.atCapacity(r);
            cells(html, r.transport() + " " + r.label() + " " + r.delay(), r.verdict(), Numbers.whole(r.capacity()),
                    Numbers.whole(r.failedAbove()), CapacityTable.again(r), at == null ? "-" : Numbers.format(at.sloMs()), r.peakThreads(),
                    r.diagnostics().getOrDefault("virtual.pinned", "-"),
                    r.diagnostics().getOrDefault("virtual.submit.failed", "-"), Integer.toString(r.steps().size()),
                    Numbers.format(r.seconds()));
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void cells(StringBuilder html, String... values) {
        html.append("<tr>");
        for (String value : values) {
            boolean number = value.matches("[-0-9.,x]+");
            html.append(number ? "<td>" : "<td class=\"t\">").append(Svg.escape(value)).append("</td>");
        }
        html.append("</tr>\n");
    }

}
