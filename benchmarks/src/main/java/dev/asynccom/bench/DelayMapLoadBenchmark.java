package dev.asynccom.bench;

import dev.asynccom.core.workload.DelayMap;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.InputFormatException;
import dev.asynccom.core.workload.SyntheticWorkload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * How long a server takes to load a DelayMap file of {@code entries} lines, and to generate a synthetic
 * workload of that size: the target is well under a second for a million entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DelayMapLoadBenchmark {
    @Param({"1000000"})
    public int entries;

    private Path file;

    @Setup
    public void writeFile() throws IOException {
        DelayMap map = SyntheticWorkload.generate(entries, DelayProfile.parse("exponential:5ms"), 1).delayMap();
        file = Files.createTempFile("asynccom-delaymap-", ".txt");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int i = 0; i < map.size(); i++) {
                out.write(map.host(i) + ':' + map.command(i) + ':' + map.response(i) + ':' + map.delayNanos(i) / 1e9);
                out.newLine();
            }
        }
    }

    @Benchmark
    public DelayMap loadFile() throws InputFormatException {
        return DelayMap.load(file);
    }

    @Benchmark
    public SyntheticWorkload generate() {
        return SyntheticWorkload.generate(entries, DelayProfile.parse("exponential:5ms"), 1);
    }

    @TearDown
    public void deleteFile() throws IOException {
        Files.deleteIfExists(file);
    }
}
