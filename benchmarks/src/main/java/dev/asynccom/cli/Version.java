package dev.asynccom.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * What {@code --version} prints, on the launcher and every command: the project's version (written into
 * {@code version.properties} by the build) and the JVM it runs on.
 */
final class Version implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {String.format(Locale.ROOT, "asynccom %s (Java %s, %s, %s %s)", project(),
                Runtime.version(), System.getProperty("java.vendor"), System.getProperty("os.name"),
                System.getProperty("os.arch"))};
    }

    /** The project version the build wrote, or the jar manifest's, or {@code unknown}. */
    static String project() {
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException unreadable) {
            // Fall through to the manifest.
        }
        String manifest = Version.class.getPackage().getImplementationVersion();
        return manifest != null ? manifest : "unknown";
    }
}
