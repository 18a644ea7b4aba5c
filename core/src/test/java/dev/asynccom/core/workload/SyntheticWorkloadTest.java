package dev.asynccom.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticWorkloadTest {
    private static final DelayProfile EXPONENTIAL = DelayProfile.parse("exponential:1ms");

    @Test
    void everyEntryIsDistinctAndEveryCommandIsKnownExactlyOnce() {
        int size = 100_000;
        SyntheticWorkload workload = SyntheticWorkload.generate(size, EXPONENTIAL, 7);
        DelayMap map = workload.delayMap();
        CommandList commands = workload.commands();
        assertEquals(size, map.size());
        assertEquals(size, commands.size());
        assertEquals(size, map.responseSum());
        boolean[] seen = new boolean[size];
        for (int i = 0; i < size; i++) {
            int index = map.indexOf(commands.host(i), commands.command(i));
            assertTrue(index >= 0, () -> "unknown command " + commands.task(0, 0).key());
            assertTrue(!seen[index], "entry listed twice");
            seen[index] = true;
        }
    }

    @Test
    void sameSeedGivesTheSameWorkload() {
        SyntheticWorkload a = SyntheticWorkload.generate(10_000, EXPONENTIAL, 99);
        SyntheticWorkload b = SyntheticWorkload.generate(10_000, EXPONENTIAL, 99);
        assertEquals(keys(a.commands()), keys(b.commands()));
        for (int i = 0; i < a.delayMap().size(); i++) {
            assertEquals(a.delayMap().host(i), b.delayMap().host(i));
            assertEquals(a.delayMap().command(i), b.delayMap().command(i));
            assertEquals(a.delayMap().delayNanos(i), b.delayMap().delayNanos(i));
        }
    }

    @Test
    void otherSeedGivesAnotherOrderAndOtherDelays() {
        SyntheticWorkload a = SyntheticWorkload.generate(10_000, EXPONENTIAL, 1);
        SyntheticWorkload b = SyntheticWorkload.generate(10_000, EXPONENTIAL, 2);
        assertNotEquals(keys(a.commands()), keys(b.commands()));
        assertNotEquals(a.delayMap().totalDelayNanos(), b.delayMap().totalDelayNanos());
    }

    @Test
    void orderDependsOnTheSeedNotTheProfile() {
        SyntheticWorkload a = SyntheticWorkload.generate(5_000, EXPONENTIAL, 5);
        SyntheticWorkload b = SyntheticWorkload.generate(5_000, new DelayProfile.Zero(), 5);
        assertEquals(keys(a.commands()), keys(b.commands()));
    }

    @Test
    void commandsAreShuffled() {
        SyntheticWorkload workload = SyntheticWorkload.generate(1_000, new DelayProfile.Zero(), 3);
        int inPlace = 0;
        for (int i = 0; i < 1_000; i++) {
            if (workload.delayMap().indexOf(workload.commands().task(i, i)) == i) {
                inPlace++;
            }
        }
        // A uniform shuffle leaves about one element in place; anything near 1000 means no shuffle.
        assertTrue(inPlace < 20, inPlace + " of 1000 commands kept their table position");
    }

    @Test
    void delaysComeFromTheProfile() {
        SyntheticWorkload workload = SyntheticWorkload.generate(1_000, DelayProfile.parse("constant:3ms"), 3);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(3_000_000, workload.delayMap().delayNanos(i));
            assertEquals(1, workload.delayMap().response(i));
        }
        assertEquals(3_000_000_000L, workload.delayMap().totalDelayNanos());
    }

    @Test
    void hostsAreDottedIpv4AndCommandsCycleThroughEight() {
        SyntheticWorkload workload = SyntheticWorkload.generate(20, new DelayProfile.Zero(), 0);
        DelayMap map = workload.delayMap();
        assertEquals("10.0.0.0", map.host(0));
        assertEquals("cmd0", map.command(0));
        assertEquals("cmd7", map.command(7));
        assertEquals("10.0.0.1", map.host(8));
        assertEquals("10.0.0.2", map.host(19));
        // CommandList.of validates with the file rules: generated keys must pass them.
        List<String> keys = keys(workload.commands());
        assertEquals(20, CommandList.of(keys).size());
    }

    @Test
    void emptyWorkloadIsAllowedAndNegativeSizeIsNot() {
        assertEquals(0, SyntheticWorkload.generate(0, new DelayProfile.Zero(), 0).commands().size());
        var e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticWorkload.generate(-1, new DelayProfile.Zero(), 0));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    private static List<String> keys(CommandList commands) {
        List<String> keys = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            keys.add(commands.host(i) + ":" + commands.command(i));
        }
        return keys;
    }
}
