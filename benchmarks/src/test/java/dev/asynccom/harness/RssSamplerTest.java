package dev.asynccom.harness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sampler keeps each process's last reading once it is gone, and the series in order, on a fake clock. */
class RssSamplerTest {
    @Test
    void aProcessThatExitedKeepsItsLastReadingAndTheSeriesIsInOrder() throws Exception {
        AtomicLong now = new AtomicLong(1_000);
        Map<Long, ProcStatus> alive = new HashMap<>(Map.of(1L, new ProcStatus(100, 100), 2L, new ProcStatus(50, 60)));
        try (RssSampler sampler = new RssSampler(Duration.ofHours(1), now::get, pid -> Optional.ofNullable(alive.get(pid)))) {
            sampler.watch("server", 1);
            sampler.watch("client", 2);
            now.addAndGet(200_000_000);
            alive.put(1L, new ProcStatus(80, 140));
            alive.remove(2L); // the client exited
            sampler.sampleNow();

            assertEquals(Optional.of(new ProcStatus(80, 140)), sampler.last("server"));
            assertEquals(Optional.of(new ProcStatus(50, 60)), sampler.last("client"));
            assertEquals(3, sampler.samples("server")); // watch(server), watch(client), sampleNow
            assertEquals(1, sampler.samples("client"));
            assertEquals(Optional.empty(), sampler.last("worker"));
            List<RssSampler.Sample> series = sampler.series();
            assertEquals(List.of("server", "server", "client", "server"),
                    series.stream().map(RssSampler.Sample::process).toList());
            assertEquals(200_000_000, series.getLast().elapsedNanos());
        }
    }

    @Test
    void aForgottenProcessIsNoLongerRead() throws Exception {
        AtomicLong reads = new AtomicLong();
        try (RssSampler sampler = new RssSampler(Duration.ofHours(1), () -> 0, pid -> {
            reads.incrementAndGet();
            return Optional.of(new ProcStatus(1, 1));
        })) {
            sampler.watch("server", 1);
            sampler.forget("server");
            sampler.sampleNow();

            assertEquals(1, reads.get());
        }
    }
}
