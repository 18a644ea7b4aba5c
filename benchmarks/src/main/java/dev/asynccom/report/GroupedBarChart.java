package dev.asynccom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

import dev.asynccom.report.ChartFrame.KeyStyle;
import dev.asynccom.report.ChartFrame.LegendEntry;
import dev.asynccom.results.Numbers;

/**
 * Bars grouped by category (e.g. worker count), one bar per series (strategy) in each group, with
 * an error whisker where the bar has an error. A series keeps its slot in every group so that
 * bars of one strategy line up. Each bar carries {@code data-config}, {@code data-metric},
 * {@code data-x} (its category) and {@code data-y} (its value as the input wrote it).
 */
final class GroupedBarChart {

    /**
     * One bar.
     *
     * @param category  the group it stands in, one of the chart's categories
     * @param series    the series it belongs to, one of the chart's series
     * @param valueText the value exactly as in the input
     * @param error     the half-width of its whisker, when known
     */
    record Bar(String category, String series, String config, String metric,
               String valueText, OptionalDouble error) {

        double value() {
            return Double.parseDouble(valueText);
        }
    }

    /**
     * A chart to draw.
     *
     * @param categories  the groups from left to right
     * @param series      the bars of a group from left to right
     * @param palette     the colour of each series
     * @param minimumTop  the y axis reaches at least this value (1 for efficiencies)
     * @param valueLabel  formats values for ticks and tooltips
     * @param unit        appended to values in tooltips ("" for none)
     */
    record Spec(String label, String xTitle, String yTitle, List<String> categories, List<String> series,
                Palette palette, double minimumTop, DoubleFunction<String> valueLabel, String unit) {
    }

    private GroupedBarChart() {
    }

    static String render(Spec spec, List<Bar> bars) {
        double top = spec.minimumTop();
        for (Bar bar : bars) {
            top = Math.max(top, bar.value() + bar.error().orElse(0));
        }
        List<Tick> ticks = Tick.fromZero(top, 5, spec.valueLabel());
        Scale y = Scale.linear(0, ticks.getLast().value(), ChartFrame.BOTTOM, ChartFrame.TOP);

        Svg svg = ChartFrame.start(spec.label());
        ChartFrame.yAxis(svg, y, ticks, spec.yTitle());
        ChartFrame.categoryAxis(svg, spec.categories(), spec.xTitle());

        int slots = spec.series().size();
        svg.open("g", "class", "bars");
        for (Bar bar : bars) {
            double[] band = ChartFrame.band(spec.categories().indexOf(bar.category()), spec.categories().size());
            double inner = band[1] * 0.8;
            double width = inner / slots;
            double left = band[0] + band[1] * 0.1 + width * spec.series().indexOf(bar.series());
            double value = bar.value();
            double yValue = y.toPixel(value);
            String tooltip = bar.series() + ", " + spec.xTitle() + " " + bar.category() + ": " + bar.valueText()
                    + (bar.error().isPresent() ? " ± " + Numbers.format(bar.error().getAsDouble()) : "")
                    + (spec.unit().isEmpty() ? "" : " " + spec.unit());
            svg.mark("rect", tooltip, "x", left + 1, "y", Math.min(yValue, ChartFrame.BOTTOM),
                    "width", Math.max(1, width - 2), "height", Math.abs(ChartFrame.BOTTOM - yValue),
                    "fill", spec.palette().colour(bar.series()),
                    "data-config", bar.config(), "data-metric", bar.metric(),
                    "data-x", bar.category(), "data-y", bar.valueText());
            if (bar.error().isPresent() && bar.error().getAsDouble() > 0) {
                double error = bar.error().getAsDouble();
                double middle = left + width / 2;
                double cap = Math.min(6, width / 4);
                double low = y.toPixel(Math.max(0, value - error));
                double high = y.toPixel(value + error);
                String path = "M" + Svg.px(middle) + " " + Svg.px(low) + "V" + Svg.px(high)
                        + "M" + Svg.px(middle - cap) + " " + Svg.px(high) + "H" + Svg.px(middle + cap)
                        + "M" + Svg.px(middle - cap) + " " + Svg.px(low) + "H" + Svg.px(middle + cap);
                svg.leaf("path", "d", path, "stroke", "#222222", "stroke-width", "1.2", "fill", "none");
            }
        }
        svg.close("g");

        List<LegendEntry> legend = new ArrayList<>();
        for (String series : spec.series()) {
            legend.add(new LegendEntry(series, spec.palette().colour(series), KeyStyle.BOX));
        }
        if (bars.stream().anyMatch(b -> b.error().isPresent())) {
            legend.add(new LegendEntry("whisker: ± error", "#222222", KeyStyle.LINE));
        }
        ChartFrame.legend(svg, legend);
        return svg.finish();
    }
}
