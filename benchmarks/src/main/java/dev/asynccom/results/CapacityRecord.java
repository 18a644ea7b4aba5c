package dev.asynccom.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one capacity search found for one configuration, as the {@code capacity} command writes it
 * ({@code --out FILE}) and the harness collects it from {@code <results>/capacity/<slug>.json}: the
 * configuration, the SLO, the verdict and capacity, every step of the search, the latency-throughput
 * curve, the pool diagnostics and the JVM that ran it. JSON through Jackson; every field is documented in
 * results/README.md.
 *
 * @param transport   {@code inproc}, {@code zmq-tcp}, {@code zmq-ipc}, or {@code remote} for a server elsewhere
 * @param strategy    the strategy name, {@code remote} for a server elsewhere
 * @param workers     the strategy's workers (virtual: its limit, 0 for none); 0 for a remote server
 * @param batch       tasks per message
 * @param delay       the delay profile label; the commands file for a remote server
 * @param handler     {@code sleep}, {@code cpu}, {@code noop}; empty for a remote server
 * @param slo         the SLO as text, {@code p99 <= 50 ms}
 * @param sloPercentile the SLO's percentile
 * @param sloBoundMs  the SLO's bound in milliseconds
 * @param verdict     {@code FOUND}, {@code BELOW}, {@code AT_LEAST} or {@code UNFINISHED}
 * @param capacity    tasks/s: the highest rate that passed every repeat (BELOW: the lowest rate tried)
 * @param failedAbove the lowest rate that failed, NaN when none did
 * @param steps       every step of the search, in order
 * @param curve       the latency-throughput curve, by offered rate: search steps and extra ones
 * @param diagnostics the pool diagnostics, name to value (see {@code PoolDiagnostics})
 * @param javaVersion the JVM's version
 * @param jvmArgs     the JVM's input arguments
 * @param seconds     how long the search and curve took
 * @param littlesLawRate Little's law's bound, concurrency / mean delay, tasks/s; NaN for none (virtual threads
 *                    without a limit, a remote server) and 0 in records written before it was recorded
 * @param reruns      later searches of the same configuration in the same run (the harness's second pass),
 *                    whose spread widens {@link #low()} and {@link #high()}; none for a single search
 */
public record CapacityRecord(String transport, String strategy, int workers, int batch, String delay,
                             String handler, String slo, double sloPercentile, double sloBoundMs, String verdict,
                             double capacity, double failedAbove, List<Point> steps, List<Point> curve,
                             Map<String, String> diagnostics, String javaVersion, String jvmArgs, double seconds,
                             double littlesLawRate, List<Rerun> reruns) {
    /** The sub-folder of a results folder the harness has capacity runs write to. */
    public static final String FOLDER = "capacity";
    /**
     * Run-to-run noise, as a share of a capacity, that a ranking allows on top of the search's bracket: two
     * capacities differ only when their brackets, each widened by this, do not overlap. 12%: half the largest
     * spread of one configuration's capacity over three reruns of the default suite on the project's 2-core
     * machine (virtual threads limited to 32 on exponential 5 ms sleeps: 5,100 and 6,200 tasks/s, 22% apart), so
     * two readings of one configuration never rank apart. At 3% the reruns contradicted each other (platform
     * above fork-join in one, below in another).
     */
    public static final double NOISE = 0.12;
    /**
     * The share of its Little's law bound at which a capacity counts as set by its concurrency: the bounded
     * strategies reach 0.92 to 0.98 of it on the default suite's sleeps.
     */
    public static final double BOUND_REACHED = 0.8;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature());

    /**
     * One measured step: of the search ({@code repeat} 1 to the repeats), or of the curve (a search step
     * reused, or one run for the curve, repeat 0).
     *
     * @param step      its number in the run, from 1
     * @param repeat    which repeat of its rate, 0 for a step run only for the curve
     * @param offered   the offered rate, tasks/s
     * @param achieved  the achieved rate, tasks/s
     * @param p50Ms     median end-to-end latency, ms (from the intended send time)
     * @param p99Ms     99th percentile, ms
     * @param p999Ms    99.9th percentile, ms
     * @param sloMs     the SLO's percentile, ms
     * @param tasks     tasks the step sent
     * @param ok        whether every task came back once with ok
     * @param meets     whether the step met the SLO, kept up and was ok
     */
    public record Point(int step, int repeat, double offered, double achieved, double p50Ms, double p99Ms,
                        double p999Ms, double sloMs, long tasks, boolean ok, boolean meets) {
    }

    /**
     * Another search of the same configuration, in a JVM of its own, later in the same run: what it found, for
     * the run-to-run spread.
     *
     * @param verdict     as {@link CapacityRecord#verdict()}
     * @param capacity    as {@link CapacityRecord#capacity()}
     * @param failedAbove as {@link CapacityRecord#failedAbove()}
     * @param steps       its steps, in order
     * @param seconds     how long it took
     */
    public record Rerun(String verdict, double capacity, double failedAbove, List<Point> steps, double seconds) {
        public Rerun {
            Objects.requireNonNull(verdict, "verdict");
            steps = List.copyOf(steps);
        }

        /** The rerun of a search as it wrote its own record. */
        public static Rerun of(CapacityRecord search) {
            return new Rerun(search.verdict(), search.capacity(), search.failedAbove(), search.steps(),
                    search.seconds());
        }

        /** Whether it found a capacity (not BELOW). */
        public boolean hasCapacity() {
            return CapacityRecord.hasCapacity(verdict, capacity);
        }
    }

    public CapacityRecord {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(verdict, "verdict");
        steps = List.copyOf(steps);
        curve = List.copyOf(curve);
        diagnostics = new TreeMap<>(diagnostics);
        // A record written before reruns were recorded has none.
        reruns = reruns == null ? List.of() : List.copyOf(reruns);
    }

    /** This record with {@code rerun} added to its reruns. */
    public CapacityRecord withRerun(Rerun rerun) {
        List<Rerun> all = new ArrayList<>(reruns);
        all.add(rerun);
        return new CapacityRecord(transport, strategy, workers, batch, delay, handler, slo, sloPercentile, sloBoundMs,
                verdict, capacity, failedAbove, steps, curve, diagnostics, javaVersion, jvmArgs, seconds,
                littlesLawRate, all);
    }

    /**
     * Whether a second search should measure how much this configuration's capacity varies between runs: when
     * nothing but the machine bounds it (no Little's law bound, NaN), or when it fell short of that bound by more than
     * {@link #BOUND_REACHED}. Then the CPU decides it, and what else the shared machine runs moves it by more than
     * {@link #NOISE} (virtual threads without a limit on exponential 5 ms sleeps, in-process: 190,000 to 418,000
     * tasks/s in five searches on one day); capacities at their concurrency's bound moved by 22% at most.
     */
    @JsonIgnore
    public boolean boundByTheMachine() {
        if (!hasCapacity() || littlesLawRate == 0) {
            return false; // none to search again, or a record from before the bound was recorded: unknown
        }
        return Double.isNaN(littlesLawRate) || capacity < BOUND_REACHED * littlesLawRate;
    }

    /** {@code transport=inproc strategy=platform workers=32 batch=16 delay=constant:5ms slo=p99<=50ms}. */
    @JsonIgnore
    public String id() {
        return "transport=" + transport + " strategy=" + strategy + " workers=" + workers + " batch=" + batch
                + " delay=" + delay + " slo=" + slo.replace(" ", "");
    }

    /** The id without the strategy and its workers: what strategies compete on. */
    @JsonIgnore
    public String workload() {
        return "transport=" + transport + " batch=" + batch + " delay=" + delay + " slo=" + slo.replace(" ", "");
    }

    /** {@code platform-32}, {@code virtual-0}: the strategy and its workers, as rankings name them. */
    @JsonIgnore
    public String label() {
        return strategy + "-" + workers;
    }

    /**
     * The strategy's threads at their most, from the diagnostics: its own platform threads, for virtual
     * threads the scheduler's carriers; "-" when not recorded.
     */
    @JsonIgnore
    public String peakThreads() {
        return diagnostics.getOrDefault(strategy.equals("virtual") ? "virtual.scheduler.pool.peak"
                : "strategy.threads.peak", "-");
    }

    /** Whether the search ended with a capacity to rank (FOUND, AT_LEAST, UNFINISHED: at least it). */
    @JsonIgnore
    public boolean hasCapacity() {
        return hasCapacity(verdict, capacity);
    }

    private static boolean hasCapacity(String verdict, double capacity) {
        return !verdict.equals("BELOW") && capacity > 0;
    }

    /**
     * The highest capacity any of its searches found: what rankings, decisions and {@code compare} quote. A search
     * errs low, never high (a stalled step or the machine's other work fails a rate the configuration sustains,
     * while a rate passes only on every repeat): platform 32 on 5 ms sleeps found 4,150 tasks/s in one search and
     * 6,225 in the next, with C / d = 6,400. Without reruns, the capacity.
     */
    @JsonIgnore
    public double bestCapacity() {
        double best = capacity;
        for (Rerun rerun : reruns) {
            if (rerun.hasCapacity()) {
                best = Math.max(best, rerun.capacity());
            }
        }
        return best;
    }

    /**
     * The middle of the capacity's interval: from the lowest capacity any of its searches found to the highest
     * bracket top, widened by {@link #NOISE} on each side.
     */
    @JsonIgnore
    public double center() {
        return (low() + high()) / 2;
    }

    /** Half the width of the capacity's interval, for {@link TieRanking}. */
    @JsonIgnore
    public double halfWidth() {
        return (high() - low()) / 2;
    }

    /**
     * The capacity's interval from below: the lowest capacity of this search and its reruns (0 for a rerun that
     * found none), less {@link #NOISE}.
     */
    @JsonIgnore
    public double low() {
        double lowest = capacity;
        for (Rerun rerun : reruns) {
            lowest = Math.min(lowest, rerun.hasCapacity() ? rerun.capacity() : 0);
        }
        return lowest * (1 - NOISE);
    }

    /**
     * The capacity's interval from above: the highest bracket top (the lowest failed rate, or the capacity) of
     * this search and its reruns, plus {@link #NOISE}.
     */
    @JsonIgnore
    public double high() {
        double highest = top(verdict, capacity, failedAbove);
        for (Rerun rerun : reruns) {
            if (rerun.hasCapacity()) {
                highest = Math.max(highest, top(rerun.verdict(), rerun.capacity(), rerun.failedAbove()));
            }
        }
        return highest * (1 + NOISE);
    }

    private static double top(String verdict, double capacity, double failedAbove) {
        // AT_LEAST and UNFINISHED: nothing failed close above; the capacity is known only from below.
        return Double.isNaN(failedAbove) || !verdict.equals("FOUND") ? capacity : failedAbove;
    }

    /** The file name of this record in {@link #FOLDER}. */
    @JsonIgnore
    public String fileName() {
        return LatencyCsv.slug(id()) + ".json";
    }

    /** Writes this record as JSON to {@code file}. */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), this);
    }

    /** This record as a JSON tree, for {@code results.json}. */
    public JsonNode toJsonTree() {
        return JSON.valueToTree(this);
    }

    /**
     * Reads one record.
     *
     * @throws BadInputException naming the file when it is not a capacity record
     */
    public static CapacityRecord read(Path file) throws IOException {
        try {
            CapacityRecord record = JSON.readValue(file.toFile(), CapacityRecord.class);
            if (record == null || record.transport() == null) {
                throw new BadInputException(file + " is not a capacity record: it has no transport");
            }
            return record;
        } catch (JacksonException | NullPointerException e) {
            throw new BadInputException(file + " is not a capacity record: " + firstLine(e.getMessage()) + ".");
        }
    }

    /** Every record in {@code <dir>/capacity/}, in file-name order; none when the folder is missing. */
    public static List<CapacityRecord> readAll(Path dir) throws IOException {
        Path folder = dir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<CapacityRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                records.add(read(file));
            }
        }
        return records;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
