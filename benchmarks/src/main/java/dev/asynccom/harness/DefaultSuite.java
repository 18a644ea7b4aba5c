package dev.asynccom.harness;

import dev.asynccom.loop.LoopConfig;
import org.openjdk.jmh.runner.options.Options;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code java -jar benchmarks.jar} runs without arguments: a chosen subset of
 * {@link dev.asynccom.bench.FullLoopBenchmark}'s configurations that answers "which strategy, for which workload, over which
 * transport" within 10 minutes on a 2-core machine, and the raw baselines (benchmarks named {@code Raw*}).
 *
 * <p>Every strategy meets every workload at a comparable concurrency: on sleeping tasks, 32 platform
 * threads, a fork-join pool of at most 32, virtual threads with a limit of 32 and without one, and the
 * seed's shape with 2 batch workers (2 x 16 tasks a batch = 32 threads; on 1 ms sleeps also with the
 * seed's own 32 workers). On zero-delay tasks, which only burn CPU, 2 workers for the 2 cores.
 * <ul>
 * <li>capacity at an SLO (p99 <= 50 ms by default) with its latency-throughput curve, for sleeping
 *     workloads (constant 5 ms, exponential of mean 5 ms, stragglers), each configuration a
 *     {@link CapacityRun} in a JVM of its own: the headline;</li>
 * <li>dispatch cost: zero-delay tasks, 100,000 a run, over all three transports;</li>
 * <li>the seed's traffic: 1 ms sleeps in a burst, in-process;</li>
 * <li>baselines: the JDK queue hand-off ({@link dev.asynccom.bench.RawQueueBenchmark}) and any other {@code Raw*} benchmark.</li>
 * </ul>
 * Each leg is one JMH command line, so it can be run, and its numbers reproduced, on its own.
 */
public final class DefaultSuite {
    private static final String LOOP = "FullLoopBenchmark.run";
    private static final String BASELINES = "\\.Raw";
    /**
     * Warm-up and measured runs of legs whose runs take well under a second: enough warm-up for the JIT, and
     * ten measured runs in two JVMs, so a configuration's error holds how far one JVM's figures sit from
     * another's. In one fork of ten runs it did not: the in-process zero-delay burst of {@code platform} 2 read
     * 1.49 M ± 0.30 M tasks/s in one suite run and 0.95 M ± 0.21 M in another, while eight alternating runs of
     * that leg alone could not tell the two builds apart (makespans 45-100 ms against 61-89 ms)...
     */
    private static final List<String> SHORT_RUNS = List.of("-wi", "5", "-i", "5", "-f", "2");
    /** ... and of legs whose runs take a second or more, where the JIT has warmed up within the first run. */
    private static final List<String> LONG_RUNS = List.of("-wi", "2", "-i", "5", "-f", "1");

    private DefaultSuite() {
    }

    /**
     * One JMH run of the suite.
     *
     * @param title         what it measures, for progress lines
     * @param include       the benchmark regex
     * @param params        parameter values by name, as {@code -p name=v1,v2}
     * @param settings      the other JMH options (iterations, forks, times)
     * @param secondsPerRun about how long one single-shot iteration takes here, for the estimate; 0 for
     *                      timed iterations, whose times are in {@code settings}
     */
    public record Leg(String title, String include, Map<String, List<String>> params, List<String> settings,
                      double secondsPerRun) {
        public Leg {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
            settings = List.copyOf(settings);
        }

        /** The JMH arguments of this leg. */
        public List<String> args() {
            List<String> args = new ArrayList<>();
            args.add(include);
            params.forEach((name, values) -> {
                args.add("-p");
                args.add(name + "=" + String.join(",", values));
            });
            args.addAll(settings);
            return args;
        }

        /** The command line that runs this leg alone, quoted for a POSIX shell. */
        public String commandLine() {
            return "java -jar benchmarks/target/benchmarks.jar " + String.join(" ", args().stream().map(Leg::quote).toList());
        }

        static String quote(String arg) {
            return arg.matches("[A-Za-z0-9_.,:=/+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
        }

        Leg withParam(String name, List<String> values) {
            Map<String, List<String>> changed = new LinkedHashMap<>(params);
            changed.put(name, List.copyOf(values));
            return new Leg(title, include, changed, settings, secondsPerRun);
        }
    }

    /** The legs, in the order they run. */
    public static List<Leg> legs() {
        List<Leg> legs = new ArrayList<>();
        List<String> all = List.of("inproc", "zmq-tcp", "zmq-ipc");
        List<String> inproc = List.of("inproc");

        String zero = "zero";
        // 100,000 tasks a run: tens of milliseconds of steady state per run, not a start-up of 5,000.
        legs.add(loop("dispatch cost, zero delay, 100,000 tasks a run: platform and forkjoin, 2 workers", all,
                "platform,forkjoin", "2", zero, 100_000, "burst", SHORT_RUNS, 0.08));
        legs.add(loop("dispatch cost, zero delay, 100,000 tasks a run: virtual, no limit", all,
                "virtual", "0", zero, 100_000, "burst", SHORT_RUNS, 0.08));
        // A platform thread per task: about 4,000 tasks/s, so 5,000 tasks already make a run of over a second.
        legs.add(loop("dispatch cost, zero delay, 5,000 tasks a run: seed, 2 batch workers", inproc,
                "seed", "2", zero, 5000, "burst", LONG_RUNS, 1.7));

        String sleep = "constant:1ms";
        legs.add(loop("the seed's traffic, 1 ms sleeps in a burst: platform and forkjoin, 32 workers", inproc,
                "platform,forkjoin", "32", sleep, 4000, "burst", SHORT_RUNS, 0.2));
        legs.add(loop("the seed's traffic, 1 ms sleeps in a burst: virtual, no limit and 32", inproc,
                "virtual", "0,32", sleep, 4000, "burst", SHORT_RUNS, 0.12));
        legs.add(loop("the seed's traffic, 1 ms sleeps in a burst: seed, 2 batch workers", inproc,
                "seed", "2", sleep, 4000, "burst", LONG_RUNS, 1.1));

        legs.add(new Leg("baselines: raw queue and socket throughput (Raw*)", BASELINES, Map.of(),
                List.of("-wi", "2", "-w", "1s", "-i", "3", "-r", "1s", "-f", "1"), 0));
        return List.copyOf(legs);
    }

    private static Leg loop(String title, List<String> transports, String strategies, String workers, String delay,
                            int tasks, String load, List<String> runs, double secondsPerRun) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("transport", transports);
        params.put("strategy", List.of(strategies.split(",")));
        params.put("workers", List.of(workers.split(",")));
        params.put("batch", List.of("16"));
        params.put("delay", List.of(delay));
        params.put("tasks", List.of(Integer.toString(tasks)));
        params.put("load", List.of(load));
        return new Leg(title, LOOP, params, runs, secondsPerRun);
    }

    /**
     * One capacity search with its curve ({@code capacity ... --curve}), run by the harness in a JVM of its own.
     *
     * @param transport {@code inproc}, {@code zmq-tcp}, {@code zmq-ipc}
     * @param strategy  the strategy
     * @param workers   its workers (virtual: the limit, 0 for none)
     * @param batch     tasks per message
     * @param delay     the delay profile
     * @param seconds   about how long it takes on a 2-core machine, for the estimate
     */
    public record CapacityRun(String transport, String strategy, int workers, int batch, String delay,
                              double seconds) {
        /** The value of the loop parameter {@code name}, or null when a capacity run has no such parameter. */
        String param(String name) {
            return switch (name) {
                case "transport" -> transport;
                case "strategy" -> strategy;
                case "workers" -> Integer.toString(workers);
                case "batch" -> Integer.toString(batch);
                case "delay" -> delay;
                default -> null;
            };
        }

        CapacityRun with(String name, String value) {
            return switch (name) {
                case "transport" -> new CapacityRun(value, strategy, workers, batch, delay, seconds);
                case "strategy" -> new CapacityRun(transport, value, workers, batch, delay, seconds);
                case "workers" -> new CapacityRun(transport, strategy, Integer.parseInt(value), batch, delay, seconds);
                case "batch" -> new CapacityRun(transport, strategy, workers, Integer.parseInt(value), delay, seconds);
                case "delay" -> new CapacityRun(transport, strategy, workers, batch, value, seconds);
                default -> this;
            };
        }

        /** The {@code capacity} command's arguments for this run at {@code slo}. */
        public List<String> args(String slo) {
            return List.of("capacity", "--transport", transport, "--strategy", strategy, "--workers",
                    Integer.toString(workers), "--batch", Integer.toString(batch), "--delay", delay, "--slo", slo,
                    "--curve");
        }

        /** The command line that runs this search alone. */
        public String commandLine(String slo) {
            return commandLine(args(slo));
        }

        /** The command line of the {@code capacity} command with {@code args}. */
        public String commandLine(List<String> args) {
            return "java -jar benchmarks/target/benchmarks.jar " + String.join(" ", args.stream()
                    .map(Leg::quote).toList());
        }

        /** {@code inproc platform-32 constant:5ms}. */
        public String title() {
            return transport + " " + strategy + "-" + workers + " " + delay;
        }
    }

    /** The SLO capacity searches use unless {@code --slo} says otherwise. */
    public static final String DEFAULT_SLO = "p99=50ms";

    /**
     * The capacity searches of the suite: sleeping workloads (constant 5 ms, exponential of mean 5 ms, and
     * stragglers, 1 ms with 5% of 20 ms) in-process, the constant one over tcp too, for the strategies at a
     * concurrency of 32 and virtual threads without a limit; {@code full}: every transport, workload and
     * strategy, the seed's shape included.
     */
    public static List<CapacityRun> capacityRuns(boolean full) {
        List<String> transports = full ? LoopConfig.TRANSPORTS : List.of("inproc");
        List<String> delays = List.of("constant:5ms", "exponential:5ms", "bimodal:1ms:20ms:0.05");
        List<CapacityRun> runs = new ArrayList<>();
        for (String transport : LoopConfig.TRANSPORTS) {
            for (String delay : delays) {
                boolean chosen = transports.contains(transport) || transport.equals("zmq-tcp") && delay.equals(delays.getFirst());
                if (!chosen) {
                    continue;
                }
                runs.add(new CapacityRun(transport, "platform", 32, 16, delay, 28));
                runs.add(new CapacityRun(transport, "forkjoin", 32, 16, delay, 28));
                runs.add(new CapacityRun(transport, "virtual", 32, 16, delay, 29));
                runs.add(new CapacityRun(transport, "virtual", 0, 16, delay, 35));
                if (full) {
                    runs.add(new CapacityRun(transport, "seed", 2, 16, delay, 30));
                }
            }
        }
        return List.copyOf(runs);
    }

    /**
     * The capacity runs with the user's parameters applied, as {@link #withParams} does for legs: a value the
     * suite has anywhere (legs or runs) selects, others replace; {@code tasks} and {@code load} do not apply.
     */
    public static List<CapacityRun> withParams(List<CapacityRun> runs, List<Leg> legs, Options user) {
        List<CapacityRun> adjusted = new ArrayList<>();
        for (CapacityRun run : runs) {
            CapacityRun changed = run;
            for (String name : List.of("transport", "strategy", "workers", "batch", "delay")) {
                Collection<String> given = user.getParameter(name).orElse(null);
                if (given == null) {
                    continue;
                }
                if (suiteHas(name, given, legs, runs)) {
                    if (!given.contains(changed.param(name))) {
                        changed = null;
                        break;
                    }
                } else {
                    changed = changed.with(name, given.iterator().next());
                }
            }
            if (changed != null && !adjusted.contains(changed)) {
                adjusted.add(changed);
            }
        }
        return adjusted;
    }

    /** Whether any leg or capacity run has one of the {@code given} values of the parameter {@code name}: then -p selects. */
    private static boolean suiteHas(String name, Collection<String> given, List<Leg> legs, List<CapacityRun> runs) {
        return legs.stream().anyMatch(l -> l.params().getOrDefault(name, List.of()).stream().anyMatch(given::contains))
                || runs.stream().anyMatch(r -> given.contains(r.param(name)));
    }

    /**
     * The legs with the user's parameters applied. A parameter the suite uses selects when the suite has any
     * of the values given: each leg keeps only those of its values, a leg with none of them is left out
     * ({@code -p strategy=virtual}: the suite's virtual-thread configurations). When the suite has none of
     * them they replace the suite's values in every leg ({@code -p tasks=10000}: the suite with 10,000 tasks
     * a run). Legs that end up selecting the same configurations run once (the first of them).
     */
    public static List<Leg> withParams(List<Leg> legs, Options user) {
        Set<String> names = new LinkedHashSet<>();
        legs.forEach(leg -> names.addAll(leg.params().keySet()));
        List<Leg> adjusted = new ArrayList<>();
        for (Leg leg : legs) {
            Leg changed = leg;
            for (String name : names) {
                Collection<String> given = user.getParameter(name).orElse(null);
                if (given == null || !leg.params().containsKey(name)) {
                    continue;
                }
                List<String> values = suiteHas(name, given, legs, capacityRuns(true))
                        ? leg.params().get(name).stream().filter(given::contains).toList()
                        : List.copyOf(given);
                if (values.isEmpty()) {
                    changed = null;
                    break;
                }
                changed = changed.withParam(name, values);
            }
            Leg candidate = changed;
            if (candidate != null && adjusted.stream().noneMatch(
                    l -> l.include().equals(candidate.include()) && l.params().equals(candidate.params()))) {
                adjusted.add(candidate);
            }
        }
        return adjusted;
    }
}
