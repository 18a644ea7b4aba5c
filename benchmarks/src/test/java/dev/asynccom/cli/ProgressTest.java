package dev.asynccom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The moment sending stops, one line says so, and the progress lines after it stop looking as if it went on. */
class ProgressTest {
    @Test
    @Timeout(10)
    void sendingStoppedIsSaidAtOnceInOneLine() {
        StringWriter text = new StringWriter();
        try (Progress progress = Progress.start(new PrintWriter(text), "asynccom client: ", 1_024_000, () -> 224_000,
                () -> 0, System::nanoTime)) {
            progress.sendingStopped(224_000, 1_024_000, Duration.ofSeconds(10));
            // Within the quiet first two seconds: the line is the listener's, not a progress line.
            assertEquals("asynccom client: sending stopped: a send was blocked for 10s (--timeout) on backpressure, "
                    + "the server taking no more tasks; 800000 of 1024000 tasks were never sent and will be reported "
                    + "missing, the 224000 sent are still waited for" + System.lineSeparator(), text.toString());
        }
    }

    @Test
    void progressLinesSayWhenSendingHasStopped() {
        assertEquals("sent 224000/1024000, answered 224000/1024000, 1 tasks/s",
                Progress.line(224_000, 1_024_000, 224_000, 1, false));
        assertEquals("sent 224000/1024000 (sending stopped), answered 224010/1024000, 1 tasks/s",
                Progress.line(224_000, 1_024_000, 224_010, 1, true));
    }
}
