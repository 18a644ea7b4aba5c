package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.core.handler.TaskHandlers;
import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.strategy.WorkerStrategy;

/**
 * A strategy, its workers and a handler as a user named them on a command line ({@code server},
 * {@code capacity}), checked before any thread starts: known names, a worker count the strategy takes,
 * and no more platform threads than this machine can start.
 *
 * @param strategy      the {@code --strategy} name
 * @param workers       the worker count
 * @param workersOption how the command line calls the worker count, for messages ({@code <max_workers>})
 * @param handler       the {@code --handler} name
 */
record StrategyChoice(String strategy, int workers, String workersOption, String handler) {
    /**
     * Refuses an unknown name, a negative count, or a strategy that would start more platform threads than
     * {@code limit} allows (which would end, after the ones that could start did, in
     * {@code OutOfMemoryError: unable to create native thread}).
     */
    StrategyChoice validate(PlatformThreadLimit limit) {
        if (!WorkerStrategies.names().contains(strategy)) {
            throw new UserError("unknown --strategy " + UserError.quote(strategy) + ": expected one of "
                    + String.join(", ", WorkerStrategies.names()));
        }
        if (!TaskHandlers.names().contains(handler)) {
            throw new UserError("unknown --handler " + UserError.quote(handler) + ": expected one of "
                    + String.join(", ", TaskHandlers.names()));
        }
        if (workers < 0) {
            throw new UserError(workersOption + " must not be negative, got " + workers);
        }
        long threads = switch (strategy) {
            case "platform", "forkjoin" -> workers;
            case "seed" -> 2L * workers; // each batch worker starts at least one thread per batch
            default -> 0; // virtual threads are not platform threads
        };
        if (threads > limit.available()) {
            throw new UserError("--strategy " + strategy + " with " + workersOption + " " + workers + " needs "
                    + (threads == workers ? "" : "at least ") + threads + " platform threads, more than this "
                    + "machine can start now, about " + limit.available() + ": " + limit.explanation()
                    + "; use fewer workers, or --strategy virtual, which needs no platform thread per task");
        }
        return this;
    }

    /** Tasks a worker with an unbounded strategy (virtual, no limit) holds at once. */
    static final int UNBOUNDED_CREDIT = 10_000;

    /**
     * How many tasks this strategy should hold at once when tasks are handed out by credit (a worker's
     * READY, the server's own share beside remote workers): what it runs at once, and as many again queued,
     * so that its threads do not wait for the round trip that brings the next task. Measured here with 16
     * threads on 5 ms tasks through one worker: credit 20 (a quarter more) gave 2,100-2,300 tasks/s, 32
     * gave 2,700, 64 gave 3,000, the server's own 16 threads 3,000. The seed's batch workers each run a
     * whole batch at once, counted as 16 tasks (the seed's batch); an unbounded strategy holds
     * {@value #UNBOUNDED_CREDIT}.
     */
    int credit() {
        long concurrency = switch (strategy) {
            case "seed" -> 16L * workers;
            case "virtual" -> workers == 0 ? UNBOUNDED_CREDIT : workers;
            default -> workers;
        };
        return (int) Math.min(UNBOUNDED_CREDIT, 2 * Math.max(1, concurrency));
    }

    /** The strategy, started; a count the strategy refuses (0 for a pool) is the user's error. */
    WorkerStrategy create() {
        try {
            return WorkerStrategies.create(strategy, workers);
        } catch (IllegalArgumentException e) {
            throw new UserError(workersOption + " " + workers + " does not suit --strategy " + strategy + ": "
                    + e.getMessage());
        }
    }
}
