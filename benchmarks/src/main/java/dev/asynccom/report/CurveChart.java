package dev.asynccom.report;

import dev.asynccom.results.CapacityRecord;
import dev.asynccom.results.CapacityTable;
import dev.asynccom.results.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The latency-throughput curves of one workload, one line per strategy over offered rate (log axis, so a
 * capacity of 6,000 and one of 300,000 both read): either p99 end to end (log axis) with the SLO's bound
 * as a dashed line and each capacity marked by a ring, or the achieved rate with the line
 * achieved = offered, from which a strategy that falls behind bends away. Each series has its own
 * colour and dash pattern, so lines stay apart in grey too.
 */
final class CurveChart {
    /** Dash patterns by series, beside the colour. */
    private static final List<String> DASHES = List.of("none", "7 3", "2 2", "9 3 2 3", "4 4", "1 3");

    /** What is drawn on the vertical axis. */
    enum Kind { P99, ACHIEVED }

    private CurveChart() {
    }

    static String render(String label, List<CapacityRecord> records, Palette palette, Kind kind) {
        List<CapacityRecord> drawn = records.stream().filter(r -> !r.curve().isEmpty()).toList();
        ToDoubleFunction<CapacityRecord.Point> y = kind == Kind.P99 ? CapacityRecord.Point::p99Ms
                : CapacityRecord.Point::achieved;
        double xLo = Double.MAX_VALUE;
        double xHi = 0;
        double yLo = Double.MAX_VALUE;
        double yHi = 0;
        for (CapacityRecord r : drawn) {
            for (CapacityRecord.Point p : r.curve()) {
                xLo = Math.min(xLo, p.offered());
                xHi = Math.max(xHi, p.offered());
                double v = y.applyAsDouble(p);
                if (v > 0 && !Double.isNaN(v)) {
                    yLo = Math.min(yLo, v);
                    yHi = Math.max(yHi, v);
                }
            }
        }
        if (kind == Kind.P99 && !drawn.isEmpty()) {
            yLo = Math.min(yLo, drawn.getFirst().sloBoundMs());
            yHi = Math.max(yHi, drawn.getFirst().sloBoundMs());
        }
        if (kind == Kind.ACHIEVED) {
            yLo = Math.min(yLo, xLo);
            yHi = Math.max(yHi, xHi);
        }
        Scale x = Scale.log(decadeBelow(xLo), decadeAbove(xHi), ChartFrame.LEFT, ChartFrame.RIGHT);
        Scale yScale = Scale.log(decadeBelow(yLo), decadeAbove(yHi), ChartFrame.BOTTOM, ChartFrame.TOP);
        Svg svg = ChartFrame.start(label);
        ChartFrame.yAxis(svg, yScale, Tick.decades(yScale.lo(), yScale.hi(), Numbers::compact),
                kind == Kind.P99 ? "p99 end to end (ms, log)" : "achieved (tasks/s, log)");
        ChartFrame.xAxis(svg, x, Tick.decades(x.lo(), x.hi(), Numbers::compact), "offered rate (tasks/s, log)");
        List<ChartFrame.LegendEntry> legend = new ArrayList<>();
        if (kind == Kind.P99 && !drawn.isEmpty()) {
            double bound = yScale.toPixel(drawn.getFirst().sloBoundMs());
            svg.leaf("line", "x1", ChartFrame.LEFT, "x2", ChartFrame.RIGHT, "y1", bound, "y2", bound,
                    "stroke", "#000000", "stroke-width", "1.2", "stroke-dasharray", "8 4");
            legend.add(new ChartFrame.LegendEntry("SLO " + drawn.getFirst().slo(), "#000000",
                    ChartFrame.KeyStyle.DASHED_LINE));
        } else if (kind == Kind.ACHIEVED) {
            svg.leaf("line", "x1", x.toPixel(x.lo()), "x2", x.toPixel(x.hi()), "y1", yScale.toPixel(x.lo()),
                    "y2", yScale.toPixel(x.hi()), "stroke", "#000000", "stroke-width", "1", "stroke-dasharray", "8 4");
            legend.add(new ChartFrame.LegendEntry("achieved = offered", "#000000", ChartFrame.KeyStyle.DASHED_LINE));
        }
        for (int i = 0; i < drawn.size(); i++) {
            CapacityRecord r = drawn.get(i);
            String colour = palette.colour(r.label());
            String dash = DASHES.get(i % DASHES.size());
            StringBuilder points = new StringBuilder();
            for (CapacityRecord.Point p : r.curve()) {
                double v = y.applyAsDouble(p);
                if (v > 0 && !Double.isNaN(v)) {
                    points.append(Svg.px(x.toPixel(p.offered()))).append(',').append(Svg.px(yScale.toPixel(v)))
                            .append(' ');
                }
            }
            svg.leaf("polyline", "points", points.toString().strip(), "fill", "none", "stroke", colour,
                    "stroke-width", "2", "stroke-dasharray", dash);
            for (CapacityRecord.Point p : r.curve()) {
                double v = y.applyAsDouble(p);
                if (v > 0 && !Double.isNaN(v)) {
                    svg.mark("circle", r.label() + ": offered " + Numbers.compact(p.offered()) + "/s, achieved "
                                    + Numbers.compact(p.achieved()) + "/s, p99 " + Numbers.format(p.p99Ms()) + " ms"
                                    + (p.meets() ? "" : " (fails the SLO)"),
                            "cx", x.toPixel(p.offered()), "cy", yScale.toPixel(v), "r", 2.5, "fill", colour);
                }
            }
            CapacityRecord.Point at = CapacityTable.atCapacity(r);
            if (at != null && r.hasCapacity()) {
                double v = y.applyAsDouble(at);
                svg.mark("circle", r.label() + ": capacity " + Numbers.compact(r.capacity()) + " tasks/s",
                        "cx", x.toPixel(at.offered()), "cy", yScale.toPixel(v), "r", 6.5, "fill", "#ffffff",
                        "fill-opacity", "0.3", "stroke", colour, "stroke-width", "2");
            }
            legend.add(new ChartFrame.LegendEntry(r.label() + (r.hasCapacity() ? " (" + Numbers.compact(r.capacity())
                    + "/s)" : " (below)"), colour, dash.equals("none") ? ChartFrame.KeyStyle.LINE
                    : ChartFrame.KeyStyle.DASHED_LINE));
        }
        legend.add(new ChartFrame.LegendEntry("capacity", "#444444", ChartFrame.KeyStyle.RING));
        ChartFrame.legend(svg, legend);
        return svg.finish();
    }

    private static double decadeBelow(double v) {
        return Math.pow(10, Math.floor(Math.log10(v > 0 && v < Double.MAX_VALUE ? v : 1)));
    }

    private static double decadeAbove(double v) {
        double d = Math.pow(10, Math.ceil(Math.log10(v > 0 ? v : 10)));
        return d <= decadeBelow(v) ? d * 10 : d;
    }
}
