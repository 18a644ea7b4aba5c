package dev.asynccom.cli;

import dev.asynccom.results.BuildInfo;
import picocli.CommandLine.IVersionProvider;

import java.util.Locale;

/**
 * What {@code --version} prints, on the launcher and every command: the project's version and the commit
 * the jar was built from (written into {@link BuildInfo} by the build) and the JVM it runs on.
 */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo build = BuildInfo.ofThisJar();
        String built = build.revision().map(revision -> " built at " + revision).orElse("");
        return new String[] {String.format(Locale.ROOT, "asynccom %s%s (Java %s, %s, %s %s)", project(build), built,
                Runtime.version(), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.arch"))};
    }

    /** The project version the build wrote, or the jar manifest's, or {@code unknown}. */
    private static String project(BuildInfo build) {
        return build.version().orElseGet(() -> {
            String manifest = Version.class.getPackage().getImplementationVersion();
            return manifest != null ? manifest : "unknown";
        });
    }
}
