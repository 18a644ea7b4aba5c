package dev.asynccom.harness;

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
 * <li>dispatch cost: zero-delay tasks in a burst, over all three transports;</li>
 * <li>1 ms sleeps in a burst, the seed's traffic shape, in-process and over tcp;</li>
 * <li>exponential sleeps of mean 5 ms arriving at a fixed 2000 tasks/s (open loop, latency corrected
 *     for coordinated omission), in-process and over tcp;</li>
 * <li>stragglers: 1 ms sleeps with 5% of 50 ms, in a burst, in-process;</li>
 * <li>baselines: the JDK queue hand-off ({@link dev.asynccom.bench.RawQueueBenchmark}) and any other {@code Raw*} benchmark.</li>
 * </ul>
 * Each leg is one JMH command line, so it can be run, and its numbers reproduced, on its own.
 */
public final class DefaultSuite {
    private static final String LOOP = "FullLoopBenchmark.run";
    private static final String BASELINES = "\\.Raw";
    /**
     * Warm-up and measured runs of legs whose runs take well under a second: enough warm-up for the JIT,
     * enough measured runs for a usable error...
     */
    private static final List<String> SHORT_RUNS = List.of("-wi", "5", "-i", "10", "-f", "1");
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
        List<String> two = List.of("inproc", "zmq-tcp");
        List<String> inproc = List.of("inproc");

        String zero = "zero";
        legs.add(loop("dispatch cost, zero delay, burst: platform and forkjoin, 2 workers", all,
                "platform,forkjoin", "2", zero, 5000, "burst", SHORT_RUNS, 0.06));
        legs.add(loop("dispatch cost, zero delay, burst: virtual, no limit", all,
                "virtual", "0", zero, 5000, "burst", SHORT_RUNS, 0.06));
        legs.add(loop("dispatch cost, zero delay, burst: seed, 2 batch workers", all,
                "seed", "2", zero, 5000, "burst", LONG_RUNS, 1.7));

        String sleep = "constant:1ms";
        legs.add(loop("1 ms sleeps, burst: platform and forkjoin, 32 workers", two,
                "platform,forkjoin", "32", sleep, 4000, "burst", SHORT_RUNS, 0.2));
        legs.add(loop("1 ms sleeps, burst: virtual, no limit and 32", two,
                "virtual", "0,32", sleep, 4000, "burst", SHORT_RUNS, 0.12));
        legs.add(loop("1 ms sleeps, burst: seed, 2 and 32 batch workers", two,
                "seed", "2,32", sleep, 4000, "burst", LONG_RUNS, 1.1));

        String exponential = "exponential:5ms";
        String rate = "rate:2000";
        legs.add(loop("exponential 5 ms sleeps at 2000 tasks/s: platform and forkjoin, 32 workers", two,
                "platform,forkjoin", "32", exponential, 2000, rate, LONG_RUNS, 1.05));
        legs.add(loop("exponential 5 ms sleeps at 2000 tasks/s: virtual, no limit and 32", two,
                "virtual", "0,32", exponential, 2000, rate, LONG_RUNS, 1.05));
        legs.add(loop("exponential 5 ms sleeps at 2000 tasks/s: seed, 2 batch workers", two,
                "seed", "2", exponential, 2000, rate, LONG_RUNS, 1.35));

        String bimodal = "bimodal:1ms:50ms:0.05";
        legs.add(loop("stragglers (5% of 50 ms among 1 ms), burst: platform and forkjoin, 32 workers", inproc,
                "platform,forkjoin", "32", bimodal, 2000, "burst", SHORT_RUNS, 0.27));
        legs.add(loop("stragglers (5% of 50 ms among 1 ms), burst: virtual, no limit and 32", inproc,
                "virtual", "0,32", bimodal, 2000, "burst", SHORT_RUNS, 0.17));
        legs.add(loop("stragglers (5% of 50 ms among 1 ms), burst: seed, 2 batch workers", inproc,
                "seed", "2", bimodal, 2000, "burst", LONG_RUNS, 2.0));

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
                boolean selects = legs.stream().anyMatch(l -> l.params().getOrDefault(name, List.of()).stream()
                        .anyMatch(given::contains));
                List<String> values = selects
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
