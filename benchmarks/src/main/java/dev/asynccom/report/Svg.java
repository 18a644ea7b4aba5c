package dev.asynccom.report;

import java.util.Locale;

/**
 * Writes the markup of one SVG image: elements with escaped attributes, coordinates rounded to
 * a tenth of a pixel. Attributes are given as name, value pairs; a {@link Double} value is a
 * coordinate, anything else is written as text.
 */
final class Svg {
    /** The only address a report may contain: the SVG namespace, which is a name, never fetched. */
    static final String NAMESPACE = "http://www.w3.org/2000/svg";

    private final StringBuilder out = new StringBuilder();

    Svg(double width, double height, String label) {
        out.append("<svg xmlns=\"").append(NAMESPACE).append('"');
        attributes("width", width, "height", height, "viewBox", "0 0 " + px(width) + " " + px(height),
                "role", "img", "aria-label", label, "font-family", "system-ui, sans-serif", "font-size", "12");
        out.append(">\n<title>").append(escape(label)).append("</title>\n");
    }

    /** {@code <tag ...>}; close it with {@link #close(String)}. */
    Svg open(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append(">\n");
        return this;
    }

    Svg close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** {@code <tag .../>}. */
    Svg leaf(String tag, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("/>\n");
        return this;
    }

    /** A data mark: {@code <tag ...><title>tooltip</title></tag>}, the tooltip shown on hover without scripts. */
    Svg mark(String tag, String tooltip, Object... attributes) {
        out.append('<').append(tag);
        attributes(attributes);
        out.append("><title>").append(escape(tooltip)).append("</title></").append(tag).append(">\n");
        return this;
    }

    /** {@code <text x y ...>text</text>}. */
    Svg text(double x, double y, String text, Object... attributes) {
        out.append("<text");
        attributes("x", x, "y", y);
        attributes(attributes);
        out.append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    /** The finished image. */
    String finish() {
        return out + "</svg>\n";
    }

    private void attributes(Object... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            String text = value instanceof Double d ? px(d) : String.valueOf(value);
            out.append(' ').append(pairs[i]).append("=\"").append(escape(text)).append('"');
        }
    }

    /** A coordinate with one decimal at most. */
    static String px(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** Escapes text for XML content and attribute values. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
