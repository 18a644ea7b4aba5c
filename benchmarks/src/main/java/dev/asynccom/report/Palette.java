package dev.asynccom.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One colour per name (a strategy, or a strategy with its worker count), the same in every chart of a page;
 * past eight names the colours repeat. Okabe and Ito's palette, which
 * stays distinguishable for colour-blind readers (its yellow left out: too pale on white).
 */
final class Palette {
    private static final List<String> COLOURS = List.of(
            "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999");

    private final Map<String, String> colours = new LinkedHashMap<>();

    /** @param names in the order they should take the colours */
    Palette(List<String> names) {
        for (String name : names) {
            colours.putIfAbsent(name, COLOURS.get(colours.size() % COLOURS.size()));
        }
    }

    String colour(String name) {
        String colour = colours.get(name);
        return colour != null ? colour : "#666666";
    }

    /** The names in palette order. */
    List<String> names() {
        return List.copyOf(colours.keySet());
    }
}
