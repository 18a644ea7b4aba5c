package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.harness.ChildJvm;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's ahead-of-time cache for child JVMs of this jar, as {@code bin/asynccom} uses it: the build's
 * {@code benchmarks.aot} beside the jar (trained by {@code ./mvnw package} on JDK 25+), checked by starting a JVM
 * with {@code -XX:AOTMode=on}, which refuses a cache that does not fit where the default mode would quietly run
 * without it. Shared by the commands that measure a mode with the cache ({@code cold-start}, {@code virtual-scale
 * --aot}).
 */
final class AotCache {
    private static final long PROBE_SECONDS = 60;

    private AotCache() {
    }

    /** The jar a class path of exactly one jar names, or null (a class path of folders, as in the tests). */
    static Path jarOf(String classPath) {
        String absolute = ChildJvm.absolute(classPath);
        return absolute.endsWith(".jar") && !absolute.contains(File.pathSeparator) ? Path.of(absolute) : null;
    }

    /** Where the build writes the cache of {@code jar}: {@code <name>.aot} beside it. */
    static Path besideJar(Path jar) {
        return jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "") + ".aot");
    }

    /** The JVM options that start a JVM with {@code cache}, quietly, or not at all. */
    static List<String> options(Path cache) {
        return List.of("-XX:AOTCache=" + cache, "-XX:AOTMode=on", "-Xlog:aot=off", "-Xlog:cds=off");
    }

    /**
     * Null when a JVM of this {@code java} starts {@code jar} with {@code cache}, else why not, in words that
     * end a sentence ("no aot column: " + it, or "--aot: " + it).
     */
    static String unusable(Path jar, Path cache) throws InterruptedException {
        if (jar == null) {
            return "this command runs from a class path of folders, and a cache is made for one jar";
        }
        if (Runtime.version().feature() < 24) {
            return "JDK " + Runtime.version().feature() + " has no -XX:AOTCache (JDK 24+)";
        }
        if (!Files.isRegularFile(cache)) {
            return cache + " does not exist: ./mvnw package on JDK 25+ writes it";
        }
        List<String> probe = new java.util.ArrayList<>(List.of(ChildJvm.javaBinary()));
        probe.addAll(options(cache));
        probe.addAll(List.of("-jar", jar.toString(), "--version"));
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "the JVM did not start with " + cache + " within " + PROBE_SECONDS + " s";
            }
            if (p.exitValue() != 0) {
                return cache + " does not fit this jar and JDK (java -XX:AOTMode=on refuses it): ./mvnw package "
                        + "makes a new one";
            }
        } catch (IOException e) {
            return "cannot start " + probe.get(0) + ": " + UserError.reason(e);
        }
        return null;
    }
}
