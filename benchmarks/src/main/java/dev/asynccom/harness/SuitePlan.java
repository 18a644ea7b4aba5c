package dev.asynccom.harness;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Defaults;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one JMH run will do before it starts: how many configurations its options select (benchmarks times
 * parameter values times modes, as JMH expands them) and about how long they take, so a long run can say
 * where it stands. The time is an estimate from this machine: a fork costs about {@value #FORK_SECONDS} s
 * (JVM start, setup, teardown), a single-shot iteration what its leg says, a timed one its time.
 *
 * @param title          what the run measures
 * @param configurations benchmark configurations selected
 * @param seconds        estimated seconds, NaN when unknown (single-shot benchmarks of unknown length)
 */
record SuitePlan(String title, int configurations, double seconds) {
    static final double FORK_SECONDS = 3.0;

    /**
     * Plans the run of {@code options}.
     *
     * @param secondsPerRun how long one single-shot iteration takes, 0 if unknown
     */
    static SuitePlan of(String title, Options options, double secondsPerRun) {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        List<String> includes = options.getIncludes().isEmpty() ? List.of(Defaults.INCLUDE_BENCHMARKS)
                : options.getIncludes();
        int configurations = 0;
        double seconds = 0;
        for (BenchmarkListEntry entry : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(silent, VerboseMode.SILENT), includes, options.getExcludes())) {
            Collection<Mode> modes = options.getBenchModes().isEmpty() ? List.of(entry.getMode()) : options.getBenchModes();
            int combinations = 1;
            for (Map.Entry<String, String[]> param : entry.getParams().orElse(Map.of()).entrySet()) {
                combinations *= options.getParameter(param.getKey()).orElse(Arrays.asList(param.getValue())).size();
            }
            for (Mode mode : modes) {
                configurations += combinations;
                seconds += combinations * secondsPerConfiguration(options, entry, mode, secondsPerRun);
            }
        }
        return new SuitePlan(title, configurations, seconds);
    }

    private static double secondsPerConfiguration(Options options, BenchmarkListEntry entry, Mode mode,
                                                  double secondsPerRun) {
        int forks = Math.max(1, options.getForkCount().orElse(entry.getForks().orElse(Defaults.MEASUREMENT_FORKS)));
        boolean singleShot = mode == Mode.SingleShotTime;
        int warmups = options.getWarmupIterations().orElse(entry.getWarmupIterations()
                .orElse(singleShot ? Defaults.WARMUP_ITERATIONS_SINGLESHOT : Defaults.WARMUP_ITERATIONS));
        int measurements = options.getMeasurementIterations().orElse(entry.getMeasurementIterations()
                .orElse(singleShot ? Defaults.MEASUREMENT_ITERATIONS_SINGLESHOT : Defaults.MEASUREMENT_ITERATIONS));
        double iterations;
        if (singleShot) {
            if (secondsPerRun <= 0) {
                return Double.NaN;
            }
            int warmupBatch = options.getWarmupBatchSize().orElse(entry.getWarmupBatchSize().orElse(1));
            int batch = options.getMeasurementBatchSize().orElse(entry.getMeasurementBatchSize().orElse(1));
            iterations = (warmups * warmupBatch + measurements * batch) * secondsPerRun;
        } else {
            TimeValue warmupTime = options.getWarmupTime().orElse(entry.getWarmupTime().orElse(Defaults.WARMUP_TIME));
            TimeValue measurementTime = options.getMeasurementTime()
                    .orElse(entry.getMeasurementTime().orElse(Defaults.MEASUREMENT_TIME));
            iterations = (warmups * warmupTime.convertTo(TimeUnit.MILLISECONDS)
                    + measurements * measurementTime.convertTo(TimeUnit.MILLISECONDS)) / 1000.0;
        }
        return forks * (FORK_SECONDS + iterations);
    }

    /** {@code 1 configuration}, {@code 40 configurations}. */
    static String configurations(int count) {
        return count + (count == 1 ? " configuration" : " configurations");
    }

    /** {@code 4 min 10 s}, {@code 35 s}, or {@code unknown}. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds)) {
            return "unknown";
        }
        long s = Math.round(seconds);
        return s >= 60 ? s / 60 + " min " + s % 60 + " s" : s + " s";
    }
}
