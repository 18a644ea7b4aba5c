package dev.asynccom.cli;

import dev.asynccom.core.Heartbeat;
import dev.asynccom.core.UserError;
import picocli.CommandLine.Option;

import java.time.Duration;

/** The liveness options of the worker links, shared by {@code server} and {@code worker} with {@code @Mixin}. */
public final class LinkOptions {
    @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Worker links: send a heartbeat after this long with nothing else sent (default: "
                    + "${DEFAULT-VALUE}, as the ZeroMQ guide's Paranoid Pirate).")
    Duration interval;

    @Option(names = "--liveness", paramLabel = "N", defaultValue = "3",
            description = "Worker links: declare the other side gone after N heartbeat intervals of hearing "
                    + "nothing; its tasks go to other workers (default: ${DEFAULT-VALUE}).")
    int liveness;

    /** The heartbeat settings, refused with one sentence when they make no sense. */
    Heartbeat heartbeat() {
        if (interval.isZero()) {
            throw new UserError("--heartbeat must be longer than 0, such as 1s or 500ms");
        }
        if (liveness < 1) {
            throw new UserError("--liveness must be at least 1, got " + liveness);
        }
        return new Heartbeat(interval, liveness);
    }
}
