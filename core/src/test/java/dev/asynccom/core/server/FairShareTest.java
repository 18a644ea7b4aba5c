package dev.asynccom.core.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The share rule, driven by a hand-moved clock. */
class FairShareTest {
    private static final long MS = 1_000_000;
    private static final long T0 = 1_000_000_000_000L;

    @Test
    void aLoneClientGetsTheWholeWindowAndNClientsAnEqualPartOfIt() {
        FairShare share = new FairShare(ServerOptions.PER_CLIENT_FAIR_SHARE, 100_000);
        assertEquals(32, share.share(1, 8), "4 tasks per worker of 8");
        assertEquals(16, share.share(2, 8));
        assertEquals(8, share.share(4, 8));
    }

    @Test
    void everyClientMaySendAtLeastOneTaskHoweverManyThereAre() {
        FairShare share = new FairShare(ServerOptions.PER_CLIENT_FAIR_SHARE, 100_000);
        assertEquals(1, share.share(1_000, 2));
    }

    @Test
    void theWindowGrowsToTwiceWhatTheServerAnsweredInTheLastMillisecond() {
        FairShare share = new FairShare(ServerOptions.PER_CLIENT_FAIR_SHARE, 100_000);
        share.observe(0, T0);
        share.observe(3_000, T0 + MS);
        assertEquals(6_000, share.window(2));
        assertEquals(3_000, share.share(2, 2));
        // A sample over 10 ms (the receive thread waited) is scaled to one millisecond.
        share.observe(3_000 + 10_000, T0 + 11 * MS);
        assertEquals(2_000, share.window(2));
        // Less than a millisecond later: no new sample.
        share.observe(1_000_000, T0 + 11 * MS + MS / 2);
        assertEquals(2_000, share.window(2));
    }

    @Test
    void theWindowFallsBackToTheWorkersWhenAnswersStop() {
        FairShare share = new FairShare(ServerOptions.PER_CLIENT_FAIR_SHARE, 100_000);
        share.observe(0, T0);
        share.observe(5_000, T0 + MS);
        share.observe(5_000, T0 + 2 * MS);
        assertEquals(4 * 16, share.window(16));
    }

    @Test
    void theWindowNeverExceedsTheGlobalBoundNorOverflowsForAnUnboundedStrategy() {
        FairShare share = new FairShare(ServerOptions.PER_CLIENT_FAIR_SHARE, 100_000);
        assertEquals(100_000, share.window(Integer.MAX_VALUE));
        assertEquals(50_000, share.share(2, Integer.MAX_VALUE));
        assertEquals(500, new FairShare(ServerOptions.PER_CLIENT_FAIR_SHARE, 500).window(1_000));
    }

    @Test
    void aFixedCapIgnoresTheOtherClientsAndTheWorkers() {
        FairShare share = new FairShare(64, 100_000);
        assertEquals(64, share.share(1, 2));
        assertEquals(64, share.share(10, 1_000));
    }

    @Test
    void thereIsNoShareWithThePerClientLimitOff() {
        assertThrows(IllegalArgumentException.class, () -> new FairShare(ServerOptions.PER_CLIENT_OFF, 100));
    }
}
