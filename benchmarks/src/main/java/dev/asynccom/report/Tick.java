package dev.asynccom.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/** A labelled position on an axis, in data units. */
record Tick(double value, String label) {

    /**
     * Ticks from 0 at a round step (1, 2 or 5 times a power of ten), about {@code count} of them,
     * the last one at or above {@code max}.
     */
    static List<Tick> fromZero(double max, int count, DoubleFunction<String> label) {
        double top = max > 0 ? max : 1;
        double step = roundStep(top / count);
        List<Tick> ticks = new ArrayList<>();
        int steps = (int) Math.ceil(top / step - 1e-9);
        for (int i = 0; i <= steps; i++) {
            double value = i * step;
            ticks.add(new Tick(value, label.apply(value)));
        }
        return ticks;
    }

    /** Powers of ten from {@code lo} to {@code hi} (both powers of ten), with 2× and 5× between when the span is short. */
    static List<Tick> decades(double lo, double hi, DoubleFunction<String> label) {
        int first = (int) Math.round(Math.log10(lo));
        int last = (int) Math.round(Math.log10(hi));
        boolean fine = last - first <= 2;
        List<Tick> ticks = new ArrayList<>();
        for (int exponent = first; exponent <= last; exponent++) {
            double decade = Math.pow(10, exponent);
            ticks.add(new Tick(decade, label.apply(decade)));
            if (fine && exponent < last) {
                ticks.add(new Tick(2 * decade, label.apply(2 * decade)));
                ticks.add(new Tick(5 * decade, label.apply(5 * decade)));
            }
        }
        return ticks;
    }

    private static double roundStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / magnitude;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
