package dev.asynccom.harness;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.WarmupMode;
import org.openjdk.jmh.util.Optional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The options JMH gets from {@link Harness}: JMH options in two layers, every option the user gave on the command line wins over the suite's, so
 * {@code -f 3} or {@code -wi 1} changes every leg of the suite and {@code -prof gc} adds a profiler to all
 * of it. Parameters are the exception: the suite's legs already hold the user's choice for the parameters
 * they set ({@link DefaultSuite#withParams}), so the suite's values come first and the user's serve the
 * parameters the suite does not set.
 *
 * <p>Two things the harness decides: every fork gets {@code forkArgs} appended to its JVM arguments (how
 * the forks learn where results go), and JMH writes no result file of its own: the harness writes
 * {@code jmh.csv} (and the {@code -rf} format the user asked for) once, for all the JMH runs of the suite.
 *
 * <p>Serializable, as JMH sends its options to every fork.
 */
final class HarnessOptions implements Options {
    private static final long serialVersionUID = 1L;

    private final Options user;
    private final Options suite;
    private final List<String> forkArgs;

    /**
     * @param user     the options of the command line
     * @param suite    the options of a leg of the suite (empty options when the user chose the benchmarks)
     * @param forkArgs JVM arguments appended to every fork's, after those of either layer
     */
    HarnessOptions(Options user, Options suite, List<String> forkArgs) {
        this.user = Objects.requireNonNull(user, "user");
        this.suite = Objects.requireNonNull(suite, "suite");
        this.forkArgs = List.copyOf(forkArgs);
    }

    private static <T> Optional<T> either(Optional<T> first, Optional<T> second) {
        return first.hasValue() ? first : second;
    }

    private static <T> List<T> either(List<T> first, List<T> second) {
        return first.isEmpty() ? second : first;
    }

    @Override
    public List<String> getIncludes() {
        return either(user.getIncludes(), suite.getIncludes());
    }

    @Override
    public List<String> getExcludes() {
        return either(user.getExcludes(), suite.getExcludes());
    }

    @Override
    public Optional<String> getOutput() {
        return either(user.getOutput(), suite.getOutput());
    }

    @Override
    public Optional<ResultFormatType> getResultFormat() {
        return Optional.none();
    }

    @Override
    public Optional<String> getResult() {
        return Optional.none();
    }

    @Override
    public Optional<Boolean> shouldDoGC() {
        return either(user.shouldDoGC(), suite.shouldDoGC());
    }

    @Override
    public List<ProfilerConfig> getProfilers() {
        return either(user.getProfilers(), suite.getProfilers());
    }

    @Override
    public Optional<VerboseMode> verbosity() {
        return either(user.verbosity(), suite.verbosity());
    }

    @Override
    public Optional<Boolean> shouldFailOnError() {
        return either(user.shouldFailOnError(), suite.shouldFailOnError());
    }

    @Override
    public Optional<Integer> getThreads() {
        return either(user.getThreads(), suite.getThreads());
    }

    @Override
    public Optional<int[]> getThreadGroups() {
        return either(user.getThreadGroups(), suite.getThreadGroups());
    }

    @Override
    public Optional<Boolean> shouldSyncIterations() {
        return either(user.shouldSyncIterations(), suite.shouldSyncIterations());
    }

    @Override
    public Optional<Integer> getWarmupIterations() {
        return either(user.getWarmupIterations(), suite.getWarmupIterations());
    }

    @Override
    public Optional<TimeValue> getWarmupTime() {
        return either(user.getWarmupTime(), suite.getWarmupTime());
    }

    @Override
    public Optional<Integer> getWarmupBatchSize() {
        return either(user.getWarmupBatchSize(), suite.getWarmupBatchSize());
    }

    @Override
    public Optional<WarmupMode> getWarmupMode() {
        return either(user.getWarmupMode(), suite.getWarmupMode());
    }

    @Override
    public List<String> getWarmupIncludes() {
        return either(user.getWarmupIncludes(), suite.getWarmupIncludes());
    }

    @Override
    public Optional<Integer> getMeasurementIterations() {
        return either(user.getMeasurementIterations(), suite.getMeasurementIterations());
    }

    @Override
    public Optional<TimeValue> getMeasurementTime() {
        return either(user.getMeasurementTime(), suite.getMeasurementTime());
    }

    @Override
    public Optional<Integer> getMeasurementBatchSize() {
        return either(user.getMeasurementBatchSize(), suite.getMeasurementBatchSize());
    }

    @Override
    public Collection<Mode> getBenchModes() {
        Collection<Mode> modes = user.getBenchModes();
        return modes.isEmpty() ? suite.getBenchModes() : modes;
    }

    @Override
    public Optional<java.util.concurrent.TimeUnit> getTimeUnit() {
        return either(user.getTimeUnit(), suite.getTimeUnit());
    }

    @Override
    public Optional<Integer> getOperationsPerInvocation() {
        return either(user.getOperationsPerInvocation(), suite.getOperationsPerInvocation());
    }

    @Override
    public Optional<Integer> getForkCount() {
        return either(user.getForkCount(), suite.getForkCount());
    }

    @Override
    public Optional<Integer> getWarmupForkCount() {
        return either(user.getWarmupForkCount(), suite.getWarmupForkCount());
    }

    @Override
    public Optional<String> getJvm() {
        return either(user.getJvm(), suite.getJvm());
    }

    @Override
    public Optional<Collection<String>> getJvmArgs() {
        return either(user.getJvmArgs(), suite.getJvmArgs());
    }

    @Override
    public Optional<Collection<String>> getJvmArgsAppend() {
        List<String> append = new ArrayList<>(either(user.getJvmArgsAppend(), suite.getJvmArgsAppend()).orElse(List.of()));
        append.addAll(forkArgs);
        return append.isEmpty() ? Optional.none() : Optional.of(append);
    }

    @Override
    public Optional<Collection<String>> getJvmArgsPrepend() {
        return either(user.getJvmArgsPrepend(), suite.getJvmArgsPrepend());
    }

    @Override
    public Optional<Collection<String>> getParameter(String name) {
        return either(suite.getParameter(name), user.getParameter(name));
    }

    @Override
    public Optional<TimeValue> getTimeout() {
        return either(user.getTimeout(), suite.getTimeout());
    }
}
