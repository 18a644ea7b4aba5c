package dev.asynccom.core.client;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SteadyRateTest {
    private static final long SECOND = 1_000_000_000L;

    /** Tasks in batches of 16 intended every 16/rate s, each answered after {@code latency[i]} ns. */
    private static double measure(double rate, long[] latency) {
        SteadyRate steady = new SteadyRate(0, rate);
        for (int i = 0; i < latency.length; i++) {
            long intended = (long) ((i / 16) * 16 * (SECOND / rate));
            steady.received(intended, intended + latency[i]);
        }
        return steady.perSecond();
    }

    @Test
    void aSystemThatKeepsUpReadsTheOfferedRateWhateverTheLatencySpread() {
        Random random = new Random(1);
        long[] exponential = new long[6000];
        for (int i = 0; i < exponential.length; i++) {
            exponential[i] = (long) (-Math.log(1 - random.nextDouble()) * 5_000_000); // mean 5 ms, max about 45 ms
        }
        double rate = measure(6000, exponential);
        // answered / (makespan - median) reads about 4% low here: the longest task ends the makespan.
        assertEquals(6000, rate, 6000 * 0.005, "steady rate " + rate);
    }

    @Test
    void aShortRunOfAFewBatchesReadsTheOfferedRateToo() {
        long[] constant = new long[96]; // 6 batches
        java.util.Arrays.fill(constant, 5_000_000);
        assertEquals(800, measure(800, constant), 800 * 0.001);
    }

    @Test
    void aSystemThatFallsBehindReadsItsOwnRate() {
        // Capacity 5000/s offered 6000/s: the i-th task leaves at i / 5000 s, whatever it was sent at.
        long[] latency = new long[6000];
        for (int i = 0; i < latency.length; i++) {
            long intended = (long) ((i / 16) * 16 * (SECOND / 6000.0));
            latency[i] = (long) (i * (SECOND / 5000.0)) - intended + 1_000_000;
        }
        double rate = measure(6000, latency);
        assertTrue(rate > 4950 && rate < 5050, "steady rate " + rate);
    }

    @Test
    void aBurstOrOneBatchHasNoRate() {
        SteadyRate burst = new SteadyRate(100, 0);
        burst.received(100, 200);
        burst.received(100, 300);
        assertTrue(Double.isNaN(burst.perSecond()));
        SteadyRate oneBatch = new SteadyRate(100, 1000);
        oneBatch.received(100, 200);
        oneBatch.received(100, 300);
        assertTrue(Double.isNaN(oneBatch.perSecond()));
    }
}
