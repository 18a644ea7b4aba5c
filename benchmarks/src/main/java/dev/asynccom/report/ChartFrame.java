package dev.asynccom.report;

import java.util.List;

/**
 * What every chart of the report shares: its size, the plot area, axes with ticks, grid lines
 * and titles, and the legend on the right.
 */
final class ChartFrame {
    static final double WIDTH = 780;
    static final double HEIGHT = 380;
    static final double LEFT = 74;
    static final double RIGHT = WIDTH - 200;
    static final double TOP = 14;
    static final double BOTTOM = HEIGHT - 52;

    private static final String AXIS = "#444444";
    private static final String GRID = "#e6e6e6";

    /**
     * An entry of the legend.
     *
     * @param style how the key is drawn: a filled box, a line, a dashed line or a hollow circle
     */
    record LegendEntry(String label, String colour, KeyStyle style) {
    }

    enum KeyStyle { BOX, LINE, DASHED_LINE, RING }

    private ChartFrame() {
    }

    /** A fresh image with the plot area's background. */
    static Svg start(String label) {
        Svg svg = new Svg(WIDTH, HEIGHT, label);
        svg.leaf("rect", "x", LEFT, "y", TOP, "width", RIGHT - LEFT, "height", BOTTOM - TOP, "fill", "#ffffff",
                "stroke", "#cccccc");
        return svg;
    }

    /** The vertical axis: a grid line and label per tick, and the rotated title. */
    static void yAxis(Svg svg, Scale y, List<Tick> ticks, String title) {
        svg.open("g", "class", "y-axis");
        for (Tick tick : ticks) {
            double py = y.toPixel(tick.value());
            svg.leaf("line", "x1", LEFT, "x2", RIGHT, "y1", py, "y2", py, "stroke", GRID);
            svg.text(LEFT - 6, py + 4, tick.label(), "text-anchor", "end");
        }
        double middle = (TOP + BOTTOM) / 2;
        svg.text(16, middle, title, "text-anchor", "middle", "transform",
                "rotate(-90 16 " + Svg.px(middle) + ")", "font-weight", "600");
        svg.leaf("line", "x1", LEFT, "x2", LEFT, "y1", TOP, "y2", BOTTOM, "stroke", AXIS);
        svg.close("g");
    }

    /** A numeric horizontal axis: a grid line and label per tick, and the title below. */
    static void xAxis(Svg svg, Scale x, List<Tick> ticks, String title) {
        svg.open("g", "class", "x-axis");
        for (Tick tick : ticks) {
            double px = x.toPixel(tick.value());
            svg.leaf("line", "x1", px, "x2", px, "y1", TOP, "y2", BOTTOM, "stroke", GRID);
            svg.text(px, BOTTOM + 16, tick.label(), "text-anchor", "middle");
        }
        xTitle(svg, title);
        svg.close("g");
    }

    /** A horizontal axis of equal bands, one per category, labelled in their middle. */
    static void categoryAxis(Svg svg, List<String> categories, String title) {
        svg.open("g", "class", "x-axis");
        double band = (RIGHT - LEFT) / categories.size();
        for (int i = 0; i < categories.size(); i++) {
            svg.text(LEFT + band * (i + 0.5), BOTTOM + 16, categories.get(i), "text-anchor", "middle");
            if (i > 0) {
                svg.leaf("line", "x1", LEFT + band * i, "x2", LEFT + band * i, "y1", BOTTOM, "y2", BOTTOM + 6,
                        "stroke", AXIS);
            }
        }
        xTitle(svg, title);
        svg.close("g");
    }

    /** The band of category {@code index} of {@code count}: its left edge and width in pixels. */
    static double[] band(int index, int count) {
        double width = (RIGHT - LEFT) / count;
        return new double[] {LEFT + width * index, width};
    }

    private static void xTitle(Svg svg, String title) {
        svg.leaf("line", "x1", LEFT, "x2", RIGHT, "y1", BOTTOM, "y2", BOTTOM, "stroke", AXIS);
        svg.text((LEFT + RIGHT) / 2, BOTTOM + 38, title, "text-anchor", "middle", "font-weight", "600");
    }

    /** The legend, top right beside the plot. */
    static void legend(Svg svg, List<LegendEntry> entries) {
        svg.open("g", "class", "legend");
        double x = RIGHT + 16;
        double y = TOP + 8;
        for (LegendEntry entry : entries) {
            switch (entry.style()) {
                case BOX -> svg.leaf("rect", "x", x, "y", y - 5, "width", 18.0, "height", 10.0, "fill", entry.colour());
                case LINE -> svg.leaf("line", "x1", x, "x2", x + 18, "y1", y, "y2", y, "stroke", entry.colour(),
                        "stroke-width", "2.5");
                case DASHED_LINE -> svg.leaf("line", "x1", x, "x2", x + 18, "y1", y, "y2", y, "stroke", entry.colour(),
                        "stroke-width", "2", "stroke-dasharray", "5 3");
                case RING -> svg.leaf("circle", "cx", x + 9, "cy", y, "r", 4.5, "fill", "#ffffff",
                        "stroke", entry.colour(), "stroke-width", "1.5");
            }
            svg.text(x + 25, y + 4, entry.label());
            y += 20;
        }
        svg.close("g");
    }
}
