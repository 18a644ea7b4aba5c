package dev.asynccom.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DurationConverterTest {
    @Test
    void readsNumbersWithUnits() {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofNanos(250_000), DurationConverter.parse("250us"));
    }

    @Test
    void refusesWhatIsNotADuration() {
        assertNull(DurationConverter.parse("30"));
        assertNull(DurationConverter.parse("-1s"));
        assertNull(DurationConverter.parse("5 minutes"));
        assertNull(DurationConverter.parse("1e3s"));
        assertNull(DurationConverter.parse("99999999999999h"));
    }
}
