package dev.asynccom.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Ranks that declare a difference only where the error allows it. Each entry is a mean with the
 * half-width of its confidence interval; two entries differ significantly when their intervals do not
 * overlap. An entry's rank is one more than the number of entries significantly better than it, so
 * entries the data cannot tell apart share a rank and print as a tie ({@code platform = forkjoin > virtual}).
 * An entry without an error (NaN) can be told apart from nothing.
 */
public final class TieRanking {
    /**
     * One ranked entry.
     *
     * @param name  what is ranked
     * @param mean  its figure
     * @param error the half-width of the figure's confidence interval, NaN when unknown
     * @param rank  1 for the best; entries that cannot be told apart share a rank
     */
    public record Entry(String name, double mean, double error, int rank) {
    }

    private TieRanking() {
    }

    /** Ranks {@code names} by {@code means} (higher is better when {@code higherIsBetter}), best first. */
    public static List<Entry> rank(List<String> names, double[] means, double[] errors, boolean higherIsBetter) {
        if (names.size() != means.length || means.length != errors.length) {
            throw new IllegalArgumentException("one mean and one error per name");
        }
        List<Entry> ranked = new ArrayList<>();
        for (int i = 0; i < means.length; i++) {
            int better = 0;
            for (int j = 0; j < means.length; j++) {
                if (j != i && differ(means[j], errors[j], means[i], errors[i])
                        && (higherIsBetter ? means[j] > means[i] : means[j] < means[i])) {
                    better++;
                }
            }
            ranked.add(new Entry(names.get(i), means[i], errors[i], better + 1));
        }
        Comparator<Entry> byMean = Comparator.comparingDouble(Entry::mean);
        ranked.sort(Comparator.comparingInt(Entry::rank).thenComparing(higherIsBetter ? byMean.reversed() : byMean));
        return ranked;
    }

    /** Whether two figures' intervals do not overlap. */
    public static boolean differ(double a, double errorA, double b, double errorB) {
        if (Double.isNaN(errorA) || Double.isNaN(errorB) || Double.isNaN(a) || Double.isNaN(b)) {
            return false;
        }
        return Math.abs(a - b) > Math.abs(errorA) + Math.abs(errorB);
    }

    /** {@code platform = forkjoin > virtual > seed}: ties joined by {@code =}, differences by {@code >}. */
    public static String order(List<Entry> ranked) {
        StringJoiner line = new StringJoiner("");
        for (int i = 0; i < ranked.size(); i++) {
            if (i > 0) {
                line.add(ranked.get(i).rank() == ranked.get(i - 1).rank() ? " = " : " > ");
            }
            line.add(ranked.get(i).name());
        }
        return line.toString();
    }
}
