package dev.asynccom.harness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The capacity search against simulated servers whose capacity is known exactly: fast and deterministic. */
class CapacitySearchTest {
    private static final long MS = 1_000_000;

    /**
     * A server of {@code capacity} tasks/s whose latency percentile is {@code base / (1 - load)} below
     * capacity (a queue's hockey stick) and grows with the backlog a 2 s step builds above it.
     */
    private record SimulatedServer(double capacity, long baseNanos) implements LoadStep {
        @Override
        public StepResult run(double rate, Slo slo) {
            double load = rate / capacity;
            if (load < 1) {
                long p = Math.round(baseNanos / (1 - load));
                return new StepResult(rate, rate, p, (long) (rate * 2), true, p, p, p);
            }
            long backlogNanos = Math.round((rate - capacity) / rate * 2e9);
            long p = baseNanos * 100 + backlogNanos;
            return new StepResult(rate, capacity, p, (long) (rate * 2), true, p, p, p);
        }
    }

    private static StepResult step(double rate, long latencyNanos) {
        return new StepResult(rate, rate, latencyNanos, 100, true, latencyNanos, latencyNanos, latencyNanos);
    }

    private static CapacitySearch.Outcome search(LoadStep server, String slo, CapacitySearch.Options options,
                                                 List<CapacitySearch.Step> seen) throws InterruptedException {
        return new CapacitySearch(server, Slo.parse(slo), options, seen::add).run();
    }

    @Test
    void aLooseSloFindsAPoolsKnownCapacityCOverDWithinAFewPercent() throws InterruptedException {
        // 32 workers on 5 ms tasks cannot exceed 32 / 5 ms = 6,400 tasks/s.
        double groundTruth = 32 / 0.005;
        for (double start : new double[] {100, 6_000, 50_000}) {
            List<CapacitySearch.Step> steps = new ArrayList<>();
            CapacitySearch.Outcome outcome = search(new SimulatedServer(groundTruth, 5 * MS), "p99=10s",
                    CapacitySearch.Options.around(start), steps);
            assertEquals(CapacitySearch.Verdict.FOUND, outcome.verdict(), "from " + start);
            assertEquals(1.0, outcome.capacity() / groundTruth, 0.03, "from " + start + ": " + outcome.capacity());
            assertTrue(outcome.failedAbove() - outcome.capacity() <= 0.02 * outcome.capacity(), "bracket too wide");
            assertTrue(outcome.atCapacity().meets(Slo.parse("p99=10s")));
            assertEquals(steps, outcome.steps());
        }
    }

    @Test
    void aTightSloStopsWhereTheLatencyCurveCrossesItsBound() throws InterruptedException {
        // base / (1 - load) <= 10 base exactly when load <= 0.9.
        CapacitySearch.Outcome outcome = search(new SimulatedServer(10_000, MS), "p99=10ms",
                CapacitySearch.Options.around(1_000), new ArrayList<>());
        assertEquals(CapacitySearch.Verdict.FOUND, outcome.verdict());
        assertTrue(outcome.capacity() <= 9_000 && outcome.capacity() >= 9_000 / 1.02, "" + outcome.capacity());
        assertTrue(outcome.failedAbove() > 9_000, "the first failing rate is past the crossing");
    }

    @Test
    void everyRepeatOfARateMustPassAndTheFirstFailureEndsThatRate() throws InterruptedException {
        // Fails one step in five at random, whatever the rate: no rate passes three repeats by luck for long.
        SplittableRandom random = new SplittableRandom(7);
        LoadStep flaky = (rate, slo) -> step(rate, random.nextInt(5) == 0 ? 50 * MS : MS);
        List<CapacitySearch.Step> steps = new ArrayList<>();
        CapacitySearch.Outcome outcome = search(flaky, "p99=10ms", CapacitySearch.Options.around(1_000), steps);
        for (int i = 0; i < steps.size(); i++) {
            CapacitySearch.Step step = steps.get(i);
            if (!step.meets()) {
                boolean lastOfItsRate = steps.subList(i + 1, steps.size()).stream()
                        .noneMatch(later -> later.rate() == step.rate());
                assertTrue(lastOfItsRate, "a repeat ran after a failure at " + step.rate());
            }
        }
        if (outcome.verdict() == CapacitySearch.Verdict.FOUND) {
            long passingRepeats = steps.stream().filter(s -> s.rate() == outcome.capacity()).count();
            assertEquals(3, passingRepeats);
        }
    }

    @Test
    void onlyTheAnswerIsRepeatedSoASearchCostsAboutOneStepPerRate() throws InterruptedException {
        List<CapacitySearch.Step> steps = new ArrayList<>();
        CapacitySearch.Outcome outcome = search(new SimulatedServer(6_400, 5 * MS), "p99=10s",
                CapacitySearch.Options.around(6_400), steps);
        assertEquals(CapacitySearch.Verdict.FOUND, outcome.verdict());
        long rates = steps.stream().mapToDouble(CapacitySearch.Step::rate).distinct().count();
        assertEquals(rates + 2, steps.size(), "one step per rate, two more repeats of the answer");
        assertEquals(List.of(1, 2, 3), steps.stream().filter(s -> s.rate() == outcome.capacity())
                .map(CapacitySearch.Step::repeat).toList());
    }

    @Test
    void anAnswerThatFailsARepeatGivesWayToTheRateBelowIt() throws InterruptedException {
        // Passes below 5,000/s, fails above 5,500; in between a rate passes its first repeat, fails the second.
        java.util.Map<Double, Integer> runs = new java.util.HashMap<>();
        LoadStep secondRepeatFailsHigh = (rate, slo) -> {
            int n = runs.merge(rate, 1, Integer::sum);
            return step(rate, rate < 5_000 || rate < 5_500 && n == 1 ? MS : 50 * MS);
        };
        List<CapacitySearch.Step> steps = new ArrayList<>();
        CapacitySearch.Outcome outcome = search(secondRepeatFailsHigh, "p99=10ms",
                CapacitySearch.Options.around(1_000), steps);
        assertEquals(CapacitySearch.Verdict.FOUND, outcome.verdict());
        assertTrue(outcome.capacity() < 5_000 && outcome.capacity() >= 5_000 / 1.02 / 1.02, "" + outcome.capacity());
        assertEquals(3, steps.stream().filter(s -> s.rate() == outcome.capacity()).count());
    }

    @Test
    void theCurveSpansAQuarterToOneAndAHalfCapacitiesAndReusesTheSearchsSteps() throws InterruptedException {
        List<StepResult> extra = new ArrayList<>();
        SimulatedServer server = new SimulatedServer(6_400, 5 * MS);
        CapacitySearch.Outcome outcome = search(server, "p99=10s", CapacitySearch.Options.around(6_400),
                new ArrayList<>());
        List<CurveSweep.Point> curve = CurveSweep.around(outcome, server, Slo.parse("p99=10s"), extra::add);
        assertEquals(CurveSweep.FACTORS.length, curve.size());
        for (int i = 0; i < curve.size(); i++) {
            assertEquals(CurveSweep.FACTORS[i] * outcome.capacity(), curve.get(i).result().offeredPerSecond(),
                    CurveSweep.FACTORS[i] * outcome.capacity() * CurveSweep.REUSE, "point " + i);
        }
        long reused = curve.stream().filter(CurveSweep.Point::reused).count();
        assertEquals(curve.size() - reused, extra.size(), "each point not reused ran one step");
        assertTrue(reused >= 3, "the search's steps at and above the capacity stand in: " + reused);
        // Beyond capacity the simulated server falls behind: the hockey stick's blade.
        assertTrue(curve.getLast().result().percentileNanos() > curve.getFirst().result().percentileNanos() * 10);
    }

    @Test
    void oneStalledStepIsForgivenWhenAskedAndDecidesTheCapacityWhenNot() throws InterruptedException {
        // A pool of 6,000/s started at 6,400 (over it), whose second step, at 3,200/s, stalls (a collector pause
        // in a young JVM).
        for (int forgive : new int[] {0, 1}) {
            SimulatedServer server = new SimulatedServer(6_000, 5 * MS);
            boolean[] stalled = {false};
            LoadStep stallsOnce = (rate, slo) -> {
                if (rate == 3_200 && !stalled[0]) {
                    stalled[0] = true;
                    return step(rate, 10 * 1_000 * MS);
                }
                return server.run(rate, slo);
            };
            List<CapacitySearch.Step> steps = new ArrayList<>();
            CapacitySearch.Outcome outcome = search(stallsOnce, "p99=1s",
                    CapacitySearch.Options.around(6_400).withForgive(forgive), steps);
            assertEquals(CapacitySearch.Verdict.FOUND, outcome.verdict());
            if (forgive == 0) {
                assertTrue(outcome.capacity() < 3_200, "the stall capped it: " + outcome.capacity());
            } else {
                assertEquals(1.0, outcome.capacity() / 6_000, 0.03, "" + outcome.capacity());
                int stall = steps.indexOf(steps.stream().filter(s -> s.rate() == 3_200).findFirst().orElseThrow());
                assertTrue(steps.get(stall).forgiven() && !steps.get(stall).meets(), steps.get(stall).toString());
                assertEquals(3_200, steps.get(stall + 1).rate(), "the stalled rate ran again");
                assertTrue(steps.get(stall + 1).meets());
                assertEquals(3, steps.stream().filter(s -> s.rate() == outcome.capacity() && s.meets()).count());
            }
        }
    }

    @Test
    void aRateFailedTwiceIsRejectedEvenWhenOneFailureIsForgiven() throws InterruptedException {
        List<CapacitySearch.Step> steps = new ArrayList<>();
        CapacitySearch.Outcome outcome = search(new SimulatedServer(1_000, 20 * MS), "p99=10ms",
                CapacitySearch.Options.around(500).withRates(10, 10_000).withForgive(1), steps);
        assertEquals(CapacitySearch.Verdict.BELOW, outcome.verdict());
        for (double rate : steps.stream().mapToDouble(CapacitySearch.Step::rate).distinct().toArray()) {
            assertEquals(2, steps.stream().filter(s -> s.rate() == rate).count(), "two failures at " + rate);
        }
    }

    @Test
    void anSloNeverMetIsReportedBelowTheLowestRateTried() throws InterruptedException {
        // Every task takes 20 ms: p99 <= 10 ms can never hold.
        CapacitySearch.Outcome outcome = search(new SimulatedServer(1_000, 20 * MS), "p99=10ms",
                CapacitySearch.Options.around(500).withRates(10, 10_000), new ArrayList<>());
        assertEquals(CapacitySearch.Verdict.BELOW, outcome.verdict());
        assertEquals(10, outcome.capacity());
        assertFalse(outcome.atCapacity().meets(Slo.parse("p99=10ms")));
    }

    @Test
    void anSloAlwaysMetIsReportedAtLeastTheHighestRateAllowed() throws InterruptedException {
        CapacitySearch.Outcome outcome = search(new SimulatedServer(1e9, MS), "p99=10ms",
                CapacitySearch.Options.around(1_000).withRates(100, 64_000), new ArrayList<>());
        assertEquals(CapacitySearch.Verdict.AT_LEAST, outcome.verdict());
        assertEquals(64_000, outcome.capacity());
        assertTrue(Double.isNaN(outcome.failedAbove()));
    }

    @Test
    void aRunThatLosesTasksOrFallsBehindFailsItsStepWhateverItsLatency() throws InterruptedException {
        Slo slo = Slo.parse("p99=1s");
        assertFalse(new StepResult(1000, 1000, MS, 2000, false, MS, MS, MS).meets(slo), "lost tasks");
        assertFalse(new StepResult(1000, 985, MS, 2000, true, MS, MS, MS).meets(slo), "achieved under 99%");
        assertTrue(new StepResult(1000, 990, MS, 2000, true, MS, MS, MS).meets(slo));
    }

    @Test
    void theStepBudgetBoundsTheSearch() throws InterruptedException {
        List<CapacitySearch.Step> steps = new ArrayList<>();
        CapacitySearch.Outcome outcome = search(new SimulatedServer(6_400, MS), "p99=10s",
                new CapacitySearch.Options(100, 1, 1e6, 0.001, 3, 10), steps);
        assertEquals(10, steps.size());
        assertEquals(CapacitySearch.Verdict.UNFINISHED, outcome.verdict());
        assertTrue(outcome.capacity() > 0);
    }

    @Test
    void sloTextIsReadOrRefusedInOneSentence() {
        assertEquals(new Slo(99, 50 * MS), Slo.parse("p99=50ms"));
        assertEquals(new Slo(99.9, 2_000 * MS), Slo.parse("p99.9=2s"));
        assertEquals(new Slo(50, 250_000), Slo.parse("p50=250us"));
        assertEquals("p99.9 <= 2000 ms", Slo.parse("p99.9=2s").toString());
        assertEquals("p99 <= 0.25 ms", Slo.parse("p99=250us").toString());
        for (String bad : List.of("99=50ms", "p99<50ms", "p0=1ms", "p101=1ms", "p99=0ms", "p99=50", "p99=-1ms",
                "p99=5h", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Slo.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not an SLO: write p<percentile>=<bound>"),
                    e.getMessage());
        }
    }
}
