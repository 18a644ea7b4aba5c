package dev.asynccom.results;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code environment.properties}: what a result depends on besides the code, so two runs can be told
 * apart: JDK, vendor, cores, OS, JVM arguments, git revision, date, load. Keys are documented in
 * results/README.md.
 */
public final class EnvironmentFile {
    private final Map<String, String> values = new TreeMap<>();

    /** The JVM, OS and machine this launcher runs on, and the git revision of the code that is running. */
    public static EnvironmentFile ofThisMachine() {
        EnvironmentFile env = new EnvironmentFile();
        for (String key : new String[]{"java.version", "java.vendor", "java.vm.name", "java.vm.version",
                "java.runtime.version", "os.name", "os.version", "os.arch"}) {
            env.put(key, System.getProperty(key, "unknown"));
        }
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("max.heap.bytes", Long.toString(Runtime.getRuntime().maxMemory()));
        env.put("jvm.args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        env.put("git.revision", BuildInfo.ofThisJar().revision().orElseGet(EnvironmentFile::gitRevision));
        return env;
    }

    public EnvironmentFile put(String key, String value) {
        values.put(key, value == null ? "" : value);
        return this;
    }

    /** The system load average over the last minute, as the OS reports it; "unknown" where it does not. */
    public static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load);
    }

    /**
     * For code the build did not stamp with its commit ({@link BuildInfo}): {@code git rev-parse --short HEAD}
     * of the current folder, or else of the folder this jar is in, with {@code +dirty} when tracked files
     * changed; "unknown" without git or a repository.
     */
    static String gitRevision() {
        List<File> places = new ArrayList<>();
        places.add(new File("."));
        try {
            places.add(Path.of(EnvironmentFile.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent().toFile());
        } catch (URISyntaxException | RuntimeException e) {
            // Only the current folder, then.
        }
        for (File place : places) {
            String revision = git(place, "rev-parse", "--short", "HEAD");
            if (revision != null && !revision.isEmpty()) {
                String changes = git(place, "status", "--porcelain", "--untracked-files=no");
                return changes != null && !changes.isEmpty() ? revision + "+dirty" : revision;
            }
        }
        return "unknown";
    }

    private static String git(File folder, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(folder).redirectErrorStream(true).start();
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readAllBytes();
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                return null;
            }
            return process.exitValue() == 0 ? new String(output, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The keys and values of {@code <dir>/environment.properties}, sorted by key; empty when there is no such file.
     *
     * @throws IOException when the file is there but cannot be read
     * @throws IllegalArgumentException when it is not a properties file (a malformed escape)
     */
    public static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> read = new TreeMap<>();
        Path file = dir.resolve(ResultsFolder.ENVIRONMENT_FILE);
        if (Files.isRegularFile(file)) {
            try (java.io.Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                Properties properties = new Properties();
                properties.load(reader);
                properties.stringPropertyNames().forEach(key -> read.put(key, properties.getProperty(key)));
            }
        }
        return read;
    }

    /** Every key and value, sorted by key. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Writes {@code <dir>/environment.properties}; returns the file. */
    public Path write(Path dir) throws IOException {
        // JDK 18+ writes the keys sorted, so two environments diff cleanly.
        Properties properties = new Properties();
        properties.putAll(values);
        Path file = dir.resolve(ResultsFolder.ENVIRONMENT_FILE);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "asynccom benchmark environment; keys explained in results/README.md");
        }
        return file;
    }
}
