package dev.asynccom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CapacityComparisonTest {

    private static CapacityRecord below() {
        return new CapacityRecord("inproc", "platform", 32, 16, "constant:5ms", "sleep", "p99 <= 50 ms",
                99, 50, "BELOW", 6, 6, List.of(), List.of(), Map.of(), "25", "", 3);
    }

    private static CapacityRecord found(double capacity, double failed) {
        return CapacityTableTest.record("inproc", "platform", 32, "constant:5ms", capacity, failed);
    }

    @Test
    void capacitiesWhoseIntervalsOverlapAreWithinNoise() {
        // 6100 (5368-6944) against 5500 (4840-6272): 10% lower, but the intervals overlap.
        CapacityComparison comparison = CapacityComparison.of(found(6100, 6200), found(5500, 5600), 5);
        assertEquals(Verdict.WITHIN_NOISE, comparison.verdict());
        assertEquals(5500 / 6100.0, comparison.ratio(), 1e-12);
        assertEquals("6100 (5368-6944)", comparison.baselineLabel());
    }

    @Test
    void capacitiesApartAreBetterOrWorseBeyondTheThreshold() {
        // 6100 (5368-6944) against 3000 (2640-3472): apart.
        assertEquals(Verdict.WORSE, CapacityComparison.of(found(6100, 6200), found(3000, 3100), 10).verdict());
        assertEquals(Verdict.BETTER, CapacityComparison.of(found(3000, 3100), found(6100, 6200), 10).verdict());
        // Apart, but a change of 51% is within a threshold of 60%.
        assertEquals(Verdict.WITHIN_NOISE, CapacityComparison.of(found(6100, 6200), found(3000, 3100), 60).verdict());
    }

    @Test
    void aSearchThatNeverMetTheSloHasNoCapacity() {
        CapacityComparison lost = CapacityComparison.of(found(6100, 6200), below(), 10);
        assertEquals(Verdict.WORSE, lost.verdict());
        assertEquals("0 (BELOW)", lost.candidateLabel());
        assertEquals(0, lost.ratio());
        assertEquals(Verdict.BETTER, CapacityComparison.of(below(), found(6100, 6200), 10).verdict());
        assertEquals(Verdict.WITHIN_NOISE, CapacityComparison.of(below(), below(), 10).verdict());
    }
}
