package dev.asynccom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CapacityComparisonTest {

    private static CapacityRecord below() {
        return new CapacityRecord("inproc", "platform", 32, 16, "constant:5ms", "sleep", "p99 <= 50 ms",
                99, 50, "BELOW", 6, 6, List.of(), List.of(), Map.of(), "25", "", 3, 6400,
                List.of());
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

    private static CapacityRecord.Rerun rerun(double capacity, double failed) {
        return CapacityRecord.Rerun.of(found(capacity, failed));
    }

    @Test
    void aRerunsSpreadWidensTheIntervalSoOneConfigurationsTwoReadingsAreWithinNoise() {
        // The suite's readings of unbounded virtual threads on exponential 5 ms sleeps: 258k in the reference,
        // 190k in a later run whose second search found 393k. Alone they are apart, with the rerun not.
        CapacityRecord reference = found(258_000, 262_000);
        CapacityRecord alone = found(190_000, 193_000);
        assertEquals(Verdict.WORSE, CapacityComparison.of(reference, alone, 10).verdict());
        CapacityRecord twice = alone.withRerun(rerun(393_000, 400_000));
        assertEquals(190_000 * 0.88, twice.low(), 1e-6);
        assertEquals(400_000 * 1.12, twice.high(), 1e-6);
        assertEquals(Verdict.WITHIN_NOISE, CapacityComparison.of(reference, twice, 10).verdict());
        // The capacity quoted is the best search's: a search errs low, never high.
        assertEquals("393000 (167200-448000)", CapacityComparison.label(twice));
        assertEquals(393_000 / 258_000.0, CapacityComparison.of(reference, twice, 10).ratio(), 1e-12);
        // A rerun that agrees leaves a real change standing.
        CapacityRecord agreed = alone.withRerun(rerun(195_000, 199_000));
        assertEquals(Verdict.WORSE, CapacityComparison.of(reference, agreed, 10).verdict());
    }

    @Test
    void aRerunThatFoundNoCapacityOpensTheIntervalToZero() {
        CapacityRecord record = found(6100, 6200).withRerun(CapacityRecord.Rerun.of(below()));
        assertEquals(0, record.low());
        assertEquals(6200 * 1.12, record.high(), 1e-9);
    }

    @Test
    void onlyACapacityTheMachineBoundsIsSearchedTwice() {
        // 32 workers on 5 ms sleeps: Little's law allows 6,400/s.
        assertFalse(found(6100, 6200).boundByTheMachine());
        assertTrue(found(4000, 4100).boundByTheMachine());
        assertTrue(CapacityTableTest.record("inproc", "virtual", 0, "constant:5ms", 300_000, 306_000)
                .boundByTheMachine());
        assertFalse(below().boundByTheMachine());
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
