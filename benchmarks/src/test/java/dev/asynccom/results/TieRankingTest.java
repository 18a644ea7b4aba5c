package dev.asynccom.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TieRankingTest {
    private static List<TieRanking.Entry> rank(double[] means, double[] errors, boolean higherIsBetter) {
        return TieRanking.rank(List.of("a", "b", "c", "d"), means, errors, higherIsBetter);
    }

    @Test
    void overlappingIntervalsAreATieAndNonOverlappingOnesAnOrder() {
        // a and b overlap (400k +- 200k, 360k +- 200k); both beat c (170k +- 90k)? a-c = 230k > 290k? no: tie.
        List<TieRanking.Entry> ranked = rank(new double[] {403_671, 359_911, 171_849, 3_793},
                new double[] {212_012, 218_871, 92_022, 2_053}, true);
        assertEquals("a = b = c > d", TieRanking.order(ranked));
        assertEquals(List.of(1, 1, 1, 4), ranked.stream().map(TieRanking.Entry::rank).toList());
    }

    @Test
    void tightIntervalsOrderEveryEntry() {
        List<TieRanking.Entry> ranked = rank(new double[] {10, 30, 20, 40}, new double[] {1, 1, 1, 1}, true);
        assertEquals("d > b > c > a", TieRanking.order(ranked));
        assertEquals(List.of(1, 2, 3, 4), ranked.stream().map(TieRanking.Entry::rank).toList());
    }

    @Test
    void lowerIsBetterForLatencies() {
        List<TieRanking.Entry> ranked = rank(new double[] {10, 30, 11, 40}, new double[] {1, 1, 1, 1}, false);
        assertEquals("a = c > b > d", TieRanking.order(ranked));
    }

    @Test
    void anUnknownErrorTellsNothingApart() {
        List<TieRanking.Entry> ranked = rank(new double[] {10, 1000, 20, 40}, new double[] {1, Double.NaN, 1, 1}, true);
        assertEquals(1, ranked.getFirst().rank());
        assertEquals("b", ranked.getFirst().name());
        assertTrue(ranked.stream().anyMatch(e -> e.name().equals("d") && e.rank() == 1), "d ties with b");
        assertFalse(TieRanking.differ(1, Double.NaN, 100, 1));
    }

    @Test
    void aChainOfOverlapsRanksByWhatIsSignificantlyBetter() {
        // a overlaps b, b overlaps c, but a is clearly above c: c has one better entry, so rank 2.
        List<TieRanking.Entry> ranked = TieRanking.rank(List.of("a", "b", "c"), new double[] {100, 90, 80},
                new double[] {6, 6, 6}, true);
        assertEquals("a = b > c", TieRanking.order(ranked));
    }
}
