package dev.asynccom.report;

/**
 * Maps data values on one axis to pixels, linearly or by their logarithm. Values outside
 * {@code [lo, hi]} are drawn at the nearest end, so a mark never leaves its plot.
 */
record Scale(double lo, double hi, double pixelLo, double pixelHi, boolean log) {

    Scale {
        if (!(hi > lo) || (log && !(lo > 0))) {
            throw new IllegalArgumentException("bad scale domain [" + lo + ", " + hi + "]" + (log ? " (log)" : ""));
        }
    }

    static Scale linear(double lo, double hi, double pixelLo, double pixelHi) {
        return new Scale(lo, hi, pixelLo, pixelHi, false);
    }

    static Scale log(double lo, double hi, double pixelLo, double pixelHi) {
        return new Scale(lo, hi, pixelLo, pixelHi, true);
    }

    double toPixel(double value) {
        double clamped = Math.max(lo, Math.min(hi, value));
        double fraction = log
                ? (Math.log10(clamped) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (clamped - lo) / (hi - lo);
        return pixelLo + fraction * (pixelHi - pixelLo);
    }
}
