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
        String built = BuildInfo.ofThisJar().revision().map(revision -> " built at " + revision).orElse("");
        return new String[] {String.format(Locale.ROOT, "asynccom %s%s (Java %s, %s, %s %s)", project(), built,
                Runtime.version(), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.arch"))};
    }

    /** The project version the build wrote, or the jar manifest's, or {@code unknown}. */
    static String project() {
        return BuildInfo.ofThisJar().version().orElseGet(() -> {
            String manifest = Version.class.getPackage().getImplementationVersion();
            return manifest != null ? manifest : "unknown";
        });
    }
}
