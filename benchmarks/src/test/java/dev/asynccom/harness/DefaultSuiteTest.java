package dev.asynccom.harness;

import dev.asynccom.loop.LoopConfig;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultSuiteTest {
    private static Options jmh(String... args) throws Exception {
        return new CommandLineOptions(args);
    }

    @Test
    void everyLegIsAJmhCommandLineSelectingBenchmarks() throws Exception {
        for (DefaultSuite.Leg leg : DefaultSuite.legs()) {
            Options options = jmh(leg.args().toArray(String[]::new));
            assertTrue(SuitePlan.of(leg.title(), options, leg.secondsPerRun()).configurations() > 0, leg.title());
        }
    }

    @Test
    void suiteIsEstimatedToFinishWithinTenMinutes() throws Exception {
        double seconds = 0;
        for (DefaultSuite.Leg leg : DefaultSuite.legs()) {
            seconds += SuitePlan.of(leg.title(), jmh(leg.args().toArray(String[]::new)), leg.secondsPerRun()).seconds();
        }
        assertTrue(seconds < 10 * 60, "estimated " + SuitePlan.duration(seconds));
    }

    @Test
    void suiteCoversEveryStrategyAndTransportAndBaselines() {
        List<DefaultSuite.Leg> legs = DefaultSuite.legs();
        Set<String> strategies = legs.stream().flatMap(l -> l.params().getOrDefault("strategy", List.of()).stream())
                .collect(Collectors.toSet());
        Set<String> transports = legs.stream().flatMap(l -> l.params().getOrDefault("transport", List.of()).stream())
                .collect(Collectors.toSet());
        assertEquals(Set.of("platform", "virtual", "forkjoin", "seed"), strategies);
        assertEquals(Set.copyOf(LoopConfig.TRANSPORTS), transports);
        assertTrue(legs.stream().anyMatch(l -> l.include().contains("Raw")));
    }

    @Test
    void aParameterValueTheSuiteHasSelectsTheLegsWithIt() throws Exception {
        List<DefaultSuite.Leg> legs = DefaultSuite.withParams(DefaultSuite.legs(), jmh("-p", "strategy=virtual"));
        assertFalse(legs.isEmpty());
        for (DefaultSuite.Leg leg : legs) {
            if (leg.params().containsKey("strategy")) {
                assertEquals(List.of("virtual"), leg.params().get("strategy"), leg.title());
            }
        }
        assertTrue(legs.stream().anyMatch(l -> l.include().contains("Raw")), "baselines stay");
    }

    @Test
    void aParameterValueTheSuiteLacksReplacesItsValuesEverywhere() throws Exception {
        List<DefaultSuite.Leg> legs = DefaultSuite.withParams(DefaultSuite.legs(), jmh("-p", "tasks=123"));
        assertEquals(DefaultSuite.legs().size(), legs.size());
        legs.stream().filter(l -> l.params().containsKey("tasks"))
                .forEach(l -> assertEquals(List.of("123"), l.params().get("tasks"), l.title()));
    }

    @Test
    void legsThatBecomeTheSameRunOnce() throws Exception {
        List<DefaultSuite.Leg> legs = DefaultSuite.withParams(DefaultSuite.legs(),
                jmh("-p", "strategy=other", "-p", "workers=7"));
        assertEquals(legs.size(), legs.stream().map(l -> l.include() + l.params()).distinct().count());
        assertTrue(legs.size() < DefaultSuite.legs().size());
    }

    @Test
    void userOptionsWinOverTheLegsButParametersComeFromTheLeg() throws Exception {
        Options leg = jmh("FullLoopBenchmark.run", "-p", "strategy=seed", "-wi", "3", "-i", "5", "-f", "1");
        Options user = jmh("-p", "strategy=virtual", "-p", "capacity=8", "-i", "2", "-prof", "gc", "-rf", "json",
                "-jvmArgsAppend", "-Xmx1g");
        Options both = new HarnessOptions(user, leg, List.of("-Dx=y"));
        assertEquals(List.of("FullLoopBenchmark.run"), both.getIncludes());
        assertEquals(3, both.getWarmupIterations().get());
        assertEquals(2, both.getMeasurementIterations().get());
        assertEquals(List.of("seed"), List.copyOf(both.getParameter("strategy").get()));
        assertEquals(List.of("8"), List.copyOf(both.getParameter("capacity").get()));
        assertEquals(1, both.getProfilers().size());
        assertFalse(both.getResultFormat().hasValue(), "the harness writes result files itself");
        assertEquals(List.of("-Xmx1g", "-Dx=y"), List.copyOf(both.getJvmArgsAppend().get()));
    }
}
