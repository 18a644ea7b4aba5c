package dev.asynccom.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.asynccom.report.ChartFrame.KeyStyle;
import dev.asynccom.report.ChartFrame.LegendEntry;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.Numbers;
import dev.asynccom.results.PercentileDistribution.Point;
import dev.asynccom.results.PercentileDistribution;

/**
 * Latency against percentile, as HdrHistogram plots it: the x axis is 1/(1-percentile) on a log
 * scale (0%, 90%, 99%, 99.9%, ...), the y axis latency on a log scale, one line per strategy.
 * Every step of a {@link PercentileDistribution} (a line of the configuration's {@code .hgrm}) becomes a
 * point with {@code data-x} (percentile, 0..1) and {@code data-y} (microseconds) exactly as the {@code .hgrm}
 * prints them; p50, p90, p99, ... are marked
 * with rings whose {@code data-metric} is named like the CSV column ({@code e2e_p99_us}).
 */
final class PercentileChart {

    /**
     * One strategy's line.
     *
     * @param uncorrected drawn dashed beside the corrected line; null when there is none
     */
    record Series(String strategy, String config, String colour,
                  PercentileDistribution corrected, PercentileDistribution uncorrected) {
    }

    /** The levels marked with rings, as long as the histogram holds a value above them. */
    private static final List<BigDecimal> MARKED_LEVELS = List.of(
            new BigDecimal("0.5"), new BigDecimal("0.9"), new BigDecimal("0.99"),
            new BigDecimal("0.999"), new BigDecimal("0.9999"), new BigDecimal("0.99999"));

    private PercentileChart() {
    }

    /** Whether there is anything to draw. */
    static boolean hasData(List<Series> series) {
        return series.stream().anyMatch(s -> !s.corrected().points().isEmpty()
                || (s.uncorrected() != null && !s.uncorrected().points().isEmpty()));
    }

    static String render(String label, List<Series> series) {
        List<PercentileDistribution> all = new ArrayList<>();
        for (Series s : series) {
            all.add(s.corrected());
            if (s.uncorrected() != null) {
                all.add(s.uncorrected());
            }
        }
        double maxFinite = 10;
        double minValue = Double.POSITIVE_INFINITY;
        double maxValue = 0;
        for (PercentileDistribution distribution : all) {
            for (BigDecimal level : markedLevels(distribution)) {
                maxFinite = Math.max(maxFinite, 1 / (1 - level.doubleValue()));
            }
            for (Point point : distribution.points()) {
                if (point.level() < 1) {
                    maxFinite = Math.max(maxFinite, 1 / (1 - point.level()));
                }
                if (point.valueMicros() > 0) {
                    minValue = Math.min(minValue, point.valueMicros());
                }
                maxValue = Math.max(maxValue, point.valueMicros());
            }
        }
        int decades = Math.max(2, (int) Math.ceil(Math.log10(maxFinite) - 1e-9));
        // The 100% line has no finite 1/(1-p): it is drawn a decade right of the last one, labelled "max".
        double maxPosition = Math.pow(10, decades + 1);
        Scale x = Scale.log(1, maxPosition, ChartFrame.LEFT, ChartFrame.RIGHT);
        if (minValue == Double.POSITIVE_INFINITY) {
            minValue = 1;
            maxValue = 10;
        }
        double lo = Math.pow(10, Math.floor(Math.log10(minValue)));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(maxValue, minValue))));
        if (hi <= lo) {
            hi = lo * 10;
        }
        Scale y = Scale.log(lo, hi, ChartFrame.BOTTOM, ChartFrame.TOP);

        Svg svg = ChartFrame.start(label);
        List<Tick> xTicks = new ArrayList<>();
        for (int d = 0; d <= decades; d++) {
            xTicks.add(new Tick(Math.pow(10, d), percentLabel(d)));
        }
        xTicks.add(new Tick(maxPosition, "max"));
        ChartFrame.xAxis(svg, x, xTicks, "percentile (log scale of 1/(1-p))");
        ChartFrame.yAxis(svg, y, Tick.decades(lo, hi, Numbers::micros), "latency (log scale)");

        boolean anyUncorrected = false;
        for (Series s : series) {
            svg.open("g", "class", "series", "data-strategy", s.strategy());
            if (s.uncorrected() != null && !s.uncorrected().points().isEmpty()) {
                anyUncorrected = true;
                line(svg, x, y, maxPosition, s, s.uncorrected(), LatencyCsv.Kind.UNCORRECTED);
            }
            line(svg, x, y, maxPosition, s, s.corrected(), LatencyCsv.Kind.E2E);
            svg.close("g");
        }

        List<LegendEntry> legend = new ArrayList<>();
        for (Series s : series) {
            legend.add(new LegendEntry(s.strategy(), s.colour(), KeyStyle.LINE));
        }
        legend.add(new LegendEntry("corrected", "#555555", KeyStyle.LINE));
        if (anyUncorrected) {
            legend.add(new LegendEntry("uncorrected", "#555555", KeyStyle.DASHED_LINE));
        }
        legend.add(new LegendEntry("p50, p90, p99, ...", "#555555", KeyStyle.RING));
        ChartFrame.legend(svg, legend);
        return svg.finish();
    }

    private static void line(Svg svg, Scale x, Scale y, double maxPosition, Series s,
                             PercentileDistribution distribution, LatencyCsv.Kind kind) {
        if (distribution.points().isEmpty()) {
            return;
        }
        boolean dashed = kind == LatencyCsv.Kind.UNCORRECTED;
        StringBuilder path = new StringBuilder();
        for (Point point : distribution.points()) {
            path.append(path.isEmpty() ? "" : " ")
                    .append(Svg.px(x.toPixel(position(point.level(), maxPosition)))).append(',')
                    .append(Svg.px(y.toPixel(point.valueMicros())));
        }
        svg.leaf("polyline", "points", path.toString(), "fill", "none", "stroke", s.colour(),
                "stroke-width", dashed ? "1.5" : "2", "stroke-dasharray", dashed ? "6 4" : "none",
                "stroke-linejoin", "round");
        for (Point point : distribution.points()) {
            svg.mark("circle", s.strategy() + " " + kind.prefix() + ": " + percentText(point.percentile())
                            + " = " + point.value() + " µs",
                    "cx", x.toPixel(position(point.level(), maxPosition)), "cy", y.toPixel(point.valueMicros()),
                    "r", 1.6, "fill", s.colour(),
                    "data-config", s.config(), "data-metric", kind.prefix(),
                    "data-x", point.percentile(), "data-y", point.value());
        }
        for (BigDecimal level : markedLevels(distribution)) {
            double p = level.doubleValue();
            Optional<Point> at = distribution.atLevel(p);
            if (at.isEmpty()) {
                continue;
            }
            String metric = kind.prefix() + "_p" + percent(level).replace(".", "") + "_us";
            svg.mark("circle", s.strategy() + " " + kind.prefix() + " p" + percent(level) + " = " + at.get().value()
                            + " µs (the .hgrm line at " + percentText(at.get().percentile()) + ")",
                    "cx", x.toPixel(position(p, maxPosition)), "cy", y.toPixel(at.get().valueMicros()),
                    "r", dashed ? 3.5 : 4.5, "fill", "#ffffff", "fill-opacity", "0.6", "stroke", s.colour(),
                    "stroke-width", "1.5", "stroke-dasharray", dashed ? "2 1.5" : "none",
                    "data-config", s.config(), "data-metric", metric,
                    "data-x", level.toPlainString(), "data-y", at.get().value());
        }
    }

    /** The marked levels below which the distribution holds at least one value: beyond them all is the maximum. */
    private static List<BigDecimal> markedLevels(PercentileDistribution distribution) {
        long count = distribution.totalCount();
        return MARKED_LEVELS.stream().filter(level -> count * (1 - level.doubleValue()) >= 1).toList();
    }

    private static double position(double level, double maxPosition) {
        return level >= 1 ? maxPosition : Math.min(maxPosition, 1 / (1 - level));
    }

    /** 0: 0%, 1: 90%, 2: 99%, 3: 99.9%, ... */
    private static String percentLabel(int decade) {
        return switch (decade) {
            case 0 -> "0%";
            case 1 -> "90%";
            case 2 -> "99%";
            default -> "99." + "9".repeat(decade - 2) + "%";
        };
    }

    /** {@code 0.990625000000} as {@code 99.0625%}. */
    private static String percentText(String level) {
        return percent(new BigDecimal(level)) + "%";
    }

    private static String percent(BigDecimal level) {
        return level.movePointRight(2).stripTrailingZeros().toPlainString();
    }
}
