package dev.asynccom.core.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatenciesTest {
    @Test
    void latenciesBeyondTheSizedRangeAreStillRecorded() {
        Latencies latencies = Latencies.create();
        long minute = 60_000_000_000L;
        assertTrue(minute > Latencies.PRESIZED_NANOS);
        latencies.record(5, 7, 0, 0, 0, 3);
        latencies.record(10, 20, 0, 0, 0, minute);
        assertEquals(2, latencies.endToEnd().getTotalCount());
        assertTrue(latencies.endToEnd().valuesAreEquivalent(minute, latencies.endToEnd().getMaxValue()));
        assertEquals(3, latencies.endToEnd().getMinValue());
        assertTrue(latencies.transport().valuesAreEquivalent(minute - 30, latencies.transport().getMaxValue()));

        Latencies merged = Latencies.create();
        merged.add(latencies);
        assertEquals(2, merged.uncorrected().getTotalCount());
        assertTrue(merged.uncorrected().valuesAreEquivalent(minute, merged.uncorrected().getMaxValue()));
    }
}
