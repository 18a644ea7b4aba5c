package dev.asynccom.transport.zmq;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A peer retrying in a loop gets one line a second, and what was held back is still told. */
class RefusalLogTest {
    private final List<String> lines = new ArrayList<>();
    private long now = 1_000;
    private final RefusalLog log = new RefusalLog(lines::add, () -> now);

    private void advanceMillis(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void onePeerRetryingGetsOneLineASecondWithTheCountHeldBack() {
        for (int i = 0; i < 10; i++) {
            log.refused("10.0.0.7", "refused 10.0.0.7: attempt " + i);
            advanceMillis(150);
        }

        assertEquals(List.of("refused 10.0.0.7: attempt 0",
                "refused 10.0.0.7: attempt 7 (6 more from this address since its last line)"), lines);
        assertEquals(10, log.refused());
    }

    @Test
    void addressesAreLimitedSeparately() {
        log.refused("10.0.0.7", "a");
        log.refused("10.0.0.8", "b");
        log.refused("10.0.0.7", "c");

        assertEquals(List.of("a", "b"), lines);
        assertEquals(3, log.refused());
    }

    @Test
    void flushTellsWhatWasHeldBack() {
        log.refused("10.0.0.7", "a");
        log.refused("10.0.0.7", "b");
        log.refused("10.0.0.7", "c");
        log.refused("10.0.0.8", "d");

        log.flush();

        assertEquals(List.of("a", "d", "10.0.0.7: 2 more refused attempts not logged"), lines);
    }

    @Test
    void controlCharactersFromPeersAreEscaped() {
        log.refused("10.0.0.7", "refused 10.0.0.7: key a\u001b[2Jb");

        assertEquals(List.of("refused 10.0.0.7: key a\\x1B[2Jb"), lines);
    }

    @Test
    void manyAddressesStayBoundedAndLoseNoCount() {
        for (int i = 0; i < RefusalLog.MAX_ADDRESSES + 10; i++) {
            String address = "10.1." + (i / 256) + "." + (i % 256);
            log.refused(address, "first from " + address);
            log.refused(address, "second from " + address);
        }

        long told = lines.stream().filter(l -> l.endsWith("1 more refused attempt not logged")).count();
        assertEquals(10, told); // the ten forgotten addresses told their held-back attempt on the way out
        assertEquals(2L * (RefusalLog.MAX_ADDRESSES + 10), log.refused());
    }
}
