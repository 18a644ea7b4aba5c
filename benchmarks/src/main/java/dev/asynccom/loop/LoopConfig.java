package dev.asynccom.loop;

import dev.asynccom.core.strategy.WorkerStrategies;
import dev.asynccom.core.workload.DelayProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration of the full loop, as {@link dev.asynccom.bench.FullLoopBenchmark}'s parameters name it, and its id in
 * the results ({@code latency.csv}'s {@code config} column, the histogram file names).
 *
 * @param transport {@code inproc}, {@code zmq-tcp} or {@code zmq-ipc}
 * @param strategy  a worker strategy name ({@code platform}, {@code virtual}, {@code forkjoin}, {@code seed})
 * @param workers   the strategy's worker count (virtual: concurrency limit, 0 for none)
 * @param batch     tasks per message
 * @param delay     a {@link DelayProfile} label ({@code zero}, {@code constant:1ms}, ...)
 * @param tasks     tasks per run
 * @param load      {@code burst} (every batch at once, as the seed sends) or {@code rate:<tasks per second>}
 */
public record LoopConfig(String transport, String strategy, int workers, int batch, String delay, int tasks,
                         String load) {
    /** The benchmark parameters that make up a configuration, in id order. */
    public static final List<String> PARAMS = List.of("transport", "strategy", "workers", "batch", "delay", "tasks",
            "load");
    public static final List<String> TRANSPORTS = List.of("inproc", "zmq-tcp", "zmq-ipc");
    static final String BURST = "burst";
    private static final String RATE = "rate:";

    public LoopConfig {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(load, "load");
    }

    /**
     * The configuration named by parameter values, as JMH holds them (text).
     *
     * @throws IllegalArgumentException when a parameter is missing or a number is not one
     */
    public static LoopConfig fromParams(Function<String, String> param) {
        return new LoopConfig(required(param, "transport"), required(param, "strategy"),
                whole(param, "workers"), whole(param, "batch"), required(param, "delay"), whole(param, "tasks"),
                required(param, "load"));
    }

    private static String required(Function<String, String> param, String name) {
        String value = param.apply(name);
        if (value == null) {
            throw new IllegalArgumentException("the loop parameter '" + name + "' is missing");
        }
        return value;
    }

    private static int whole(Function<String, String> param, String name) {
        String value = required(param, name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the loop parameter " + name + "=" + value + " is not a whole number");
        }
    }

    /**
     * What is wrong with {@code value} as the loop parameter {@code name} whatever the other parameters are,
     * or null when a run can take it; null too for a parameter the loop does not have.
     */
    public static String problemWith(String name, String value) {
        if (!PARAMS.contains(name)) {
            return null;
        }
        Map<String, String> params = new HashMap<>(Map.of("transport", "inproc", "strategy", "virtual",
                "workers", "1", "batch", "1", "delay", "zero", "tasks", "1", "load", BURST));
        params.put(name, value);
        try {
            fromParams(params::get).validate();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** {@code transport=inproc strategy=platform workers=2 batch=16 delay=zero tasks=20000 load=burst}. */
    public String id() {
        return "transport=" + transport + " strategy=" + strategy + " workers=" + workers + " batch=" + batch
                + " delay=" + delay + " tasks=" + tasks + " load=" + load;
    }

    /** The id without the strategy and its workers: the workload the strategies compete on. */
    public String workload() {
        return "transport=" + transport + " batch=" + batch + " delay=" + delay + " tasks=" + tasks + " load=" + load;
    }

    /** The delay profile. @throws IllegalArgumentException when the label does not parse */
    public DelayProfile delayProfile() {
        return DelayProfile.parse(delay);
    }

    /**
     * 0 for a burst, else the open-loop rate in tasks per second.
     *
     * @throws IllegalArgumentException when the load is neither {@code burst} nor {@code rate:<positive number>}
     */
    public double ratePerSecond() {
        if (load.equals(BURST)) {
            return 0;
        }
        if (load.startsWith(RATE)) {
            try {
                double rate = Double.parseDouble(load.substring(RATE.length()));
                if (rate > 0 && !Double.isInfinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // Falls through to the message below.
            }
        }
        throw new IllegalArgumentException("bad load '" + load + "': expected burst or rate:<tasks per second>, "
                + "such as rate:2000");
    }

    /** Checks every field a run needs, so a bad parameter fails before any thread or socket starts. */
    public LoopConfig validate() {
        if (!TRANSPORTS.contains(transport)) {
            throw new IllegalArgumentException("unknown transport '" + transport + "': expected one of "
                    + String.join(", ", TRANSPORTS));
        }
        if (!WorkerStrategies.names().contains(strategy)) {
            throw new IllegalArgumentException("unknown strategy '" + strategy + "': expected one of "
                    + String.join(", ", WorkerStrategies.names()));
        }
        if (workers < 0) {
            throw new IllegalArgumentException("workers must not be negative, got " + workers);
        }
        if (batch < 1 || tasks < 1) {
            throw new IllegalArgumentException("batch and tasks must be at least 1, got batch=" + batch
                    + " tasks=" + tasks);
        }
        delayProfile();
        ratePerSecond();
        return this;
    }
}
