package dev.asynccom.core.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DelayProfileTest {
    @ParameterizedTest
    @ValueSource(strings = {"zero", "constant:1ms", "constant:0s", "constant:1500us", "constant:7ns",
        "uniform:1ms:5ms", "uniform:2s:2s", "exponential:5ms", "bimodal:1ms:50ms:0.05", "bimodal:0s:1s:1",
        "bimodal:1us:2us:0", "bimodal:1ms:2ms:0.0001"})
    void labelParsesBackToTheSameProfile(String label) {
        DelayProfile profile = DelayProfile.parse(label);
        assertEquals(label, profile.label());
        assertEquals(profile, DelayProfile.parse(profile.label()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "constant:1.5ms   | constant:1500us",
        "constant:1000ms  | constant:1s",
        "constant:0.25s   | constant:250ms",
        "constant:1e3us   | constant:1ms",
        "exponential:2000000ns | exponential:2ms",
    })
    void durationsAreReadInAnyUnitAndPrintedInTheLargestExactOne(String text, String label) {
        assertEquals(label, DelayProfile.parse(text).label());
    }

    @Test
    void parseGivesTheRecordsWithNanoseconds() {
        assertEquals(new DelayProfile.Zero(), DelayProfile.parse("zero"));
        assertEquals(new DelayProfile.Constant(1_000_000), DelayProfile.parse("constant:1ms"));
        assertEquals(new DelayProfile.Uniform(1_000, 5_000_000_000L), DelayProfile.parse("uniform:1us:5s"));
        assertEquals(new DelayProfile.Exponential(5_000_000), DelayProfile.parse("exponential:5ms"));
        assertEquals(new DelayProfile.Bimodal(1_000_000, 50_000_000, 0.05), DelayProfile.parse("bimodal:1ms:50ms:0.05"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Zero", "zero:1ms", "constant", "fixed:1ms", "uniform:1ms",
        "exponential:1ms:2ms", "bimodal:1ms:2ms"})
    void unknownKindOrWrongArgumentCountNamesTheValueAndWhatIsAccepted(String text) {
        var e = assertThrows(IllegalArgumentException.class, () -> DelayProfile.parse(text));
        assertEquals("bad delay profile '" + text + "': expected " + DelayProfile.ACCEPTED, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "constant:5      | 5",
        "constant:5 ms   | 5 ms",
        "constant:-1ms   | -1ms",
        "constant:5min   | 5min",
        "constant:NaNms  | NaNms",
        "constant:ms     | ms",
        "uniform:1ms:x   | x",
        "exponential:1e30s | 1e30s",
    })
    void badDurationIsNamed(String text, String duration) {
        var e = assertThrows(IllegalArgumentException.class, () -> DelayProfile.parse(text));
        assertEquals("bad duration '" + duration + "' in delay profile '" + text
                + "': expected a non-negative <number><ns|us|ms|s> such as 250us, 1.5ms or 2s", e.getMessage());
    }

    @Test
    void uniformWithMinAboveMaxIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> DelayProfile.parse("uniform:5ms:1ms"));
        assertEquals("bad delay profile 'uniform:5ms:1ms': min 5ms is above max 1ms", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-0.1", "x", "NaN", ""})
    void slowFractionOutsideZeroToOneIsRefused(String fraction) {
        String text = "bimodal:1ms:2ms:" + fraction;
        var e = assertThrows(IllegalArgumentException.class, () -> DelayProfile.parse(text));
        assertEquals("bad slow fraction '" + fraction + "' in delay profile '" + text
                + "': expected a decimal number from 0 to 1 such as 0.05", e.getMessage());
    }

    @Test
    void constructorsRefuseNegativeDelays() {
        assertThrows(IllegalArgumentException.class, () -> new DelayProfile.Constant(-1));
        assertThrows(IllegalArgumentException.class, () -> new DelayProfile.Uniform(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DelayProfile.Uniform(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new DelayProfile.Exponential(-1));
        assertThrows(IllegalArgumentException.class, () -> new DelayProfile.Bimodal(1, -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DelayProfile.Bimodal(1, 2, 1.5));
    }

    @Test
    void uniformSamplesStayWithinBothBoundsAndReachThem() {
        var profile = new DelayProfile.Uniform(10, 13);
        var random = new SplittableRandom(1);
        boolean sawMin = false;
        boolean sawMax = false;
        for (int i = 0; i < 1_000; i++) {
            long sample = profile.sampleNanos(random);
            assertTrue(sample >= 10 && sample <= 13, "sample " + sample);
            sawMin |= sample == 10;
            sawMax |= sample == 13;
        }
        assertTrue(sawMin && sawMax);
        assertEquals(11.5, profile.meanNanos());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "constant:1ms         | 1000000",
        "uniform:1ms:3ms      | 2000000",
        "exponential:2ms      | 2000000",
        "bimodal:1ms:11ms:0.1 | 2000000",
    })
    void samplesAverageToTheStatedMean(String label, double mean) {
        DelayProfile profile = DelayProfile.parse(label);
        assertEquals(mean, profile.meanNanos(), 1e-6);
        var random = new SplittableRandom(42);
        int n = 200_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            long sample = profile.sampleNanos(random);
            assertTrue(sample >= 0, "sampled " + sample);
            sum += sample;
        }
        assertEquals(mean, sum / n, mean * 0.02);
    }

    @Test
    void zeroAlwaysSamplesZero() {
        var random = new SplittableRandom(3);
        assertEquals(0, new DelayProfile.Zero().sampleNanos(random));
        assertEquals(0, new DelayProfile.Zero().meanNanos());
    }

    @Test
    void negativeZeroFractionEqualsZero() {
        assertEquals(new DelayProfile.Bimodal(1, 2, 0.0), new DelayProfile.Bimodal(1, 2, -0.0));
    }
}
