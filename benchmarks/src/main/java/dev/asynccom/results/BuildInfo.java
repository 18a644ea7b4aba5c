package dev.asynccom.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * What the build wrote into {@code build.properties} beside this class: the project version and the git
 * commit the jar was built from. A value Maven did not fill (a source archive without git, or classes
 * compiled outside Maven) reads as absent.
 */
public final class BuildInfo {
    private static final String RESOURCE = "build.properties";

    private final Properties properties;

    BuildInfo(Properties properties) {
        this.properties = properties;
    }

    /** The build's own file, or an empty one when the class path has none. */
    public static BuildInfo ofThisJar() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException unreadable) {
            // As if there were no file.
        }
        return new BuildInfo(properties);
    }

    /** The project version, as {@code pom.xml} gives it. */
    public Optional<String> version() {
        return filled("version");
    }

    /**
     * The abbreviated commit the jar was built from, with {@code +dirty} when tracked files differed from
     * it at build time; absent when the build had no repository to read.
     */
    public Optional<String> revision() {
        return filled("git.revision")
                .map(commit -> commit + (filled("git.dirty").orElse("false").equals("true") ? "+dirty" : ""));
    }

    private Optional<String> filled(String key) {
        String value = properties.getProperty(key, "").strip();
        return value.isEmpty() || value.contains("${") ? Optional.empty() : Optional.of(value);
    }
}
