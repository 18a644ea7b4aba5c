package dev.asynccom.harness;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dependency rules of docs/ARCHITECTURE.md, read from the imports of every main source file of the
 * three modules, so the tree keeps showing the architecture. (Tests run in the benchmarks module's
 * folder; the other modules are its siblings.)
 */
class PackageDependenciesTest {
    private static final String BASE = "dev.asynccom.";
    /** Each package and the project packages it may import; its own is always allowed. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("core", Set.of()),
            Map.entry("core.concurrent", Set.of()),
            Map.entry("core.workload", Set.of("core")),
            Map.entry("core.handler", Set.of("core", "core.workload")),
            Map.entry("core.strategy", Set.of("core", "core.concurrent")),
            Map.entry("core.server", Set.of("core", "core.concurrent", "core.handler", "core.strategy")),
            Map.entry("core.client", Set.of("core", "core.concurrent", "core.workload")),
            Map.entry("transport.codec", Set.of("core")),
            Map.entry("transport.inproc", Set.of("core")),
            Map.entry("transport.zmq", Set.of("core", "core.concurrent", "transport.codec")),
            Map.entry("loop", Set.of("core*", "transport*")),
            Map.entry("results", Set.of("core*", "loop")),
            Map.entry("bench", Set.of("core*", "transport*", "loop", "results")),
            Map.entry("report", Set.of("results")),
            Map.entry("harness", Set.of("core*", "transport*", "loop", "results", "report", "bench")),
            Map.entry("cli", Set.of("core*", "transport*", "loop", "results", "report", "harness")));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.asynccom\\.([a-z.]+?)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package dev\\.asynccom\\.([a-z.]+);", Pattern.MULTILINE);

    @Test
    void everyImportBetweenProjectPackagesPointsTheWayTheArchitectureSays() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> packagesSeen = new TreeSet<>();
        for (String module : List.of("core", "transports", "benchmarks")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(sources), sources.toAbsolutePath() + " is missing");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    Matcher p = PACKAGE.matcher(text);
                    assertTrue(p.find(), file + " has no package");
                    String from = p.group(1);
                    packagesSeen.add(from);
                    Set<String> allowed = ALLOWED.get(from);
                    if (allowed == null) {
                        violations.add(file + ": package " + from + " has no rule here nor in docs/ARCHITECTURE.md");
                        continue;
                    }
                    for (Matcher m = IMPORT.matcher(text); m.find(); ) {
                        String to = m.group(1);
                        if (!to.equals(from) && !permits(allowed, to)) {
                            violations.add(file.getFileName() + ": " + from + " imports " + to);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packagesSeen, "a rule for a package that no longer exists");
    }

    private static boolean permits(Set<String> allowed, String to) {
        for (String rule : allowed) {
            if (rule.endsWith("*") ? to.startsWith(rule.substring(0, rule.length() - 1)) : rule.equals(to)) {
                return true;
            }
        }
        return false;
    }
}
