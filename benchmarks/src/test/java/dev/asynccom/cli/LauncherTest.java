package dev.asynccom.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/asynccom}, run as a user runs it, on a small jar of its own ({@link LauncherProbe}): it adds
 * {@code -XX:AOTCache} only for a cache this JDK made for this jar, and otherwise runs the jar plainly and without
 * a scary line: no cache, a cache stamped for another JDK, a damaged cache, a JDK before 24 (a JDK home whose
 * release file says 21, its java a wrapper of this one's), and a JDK before 21 is refused in one sentence.
 */
@Timeout(180)
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "bin", "asynccom").toAbsolutePath().normalize();
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path dir;
    private Path jar;
    private Path cache;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void probeJar() throws IOException {
        jar = dir.resolve("probe.jar");
        cache = dir.resolve("probe.aot");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
        String entry = LauncherProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             InputStream in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
    }

    private Run launch(Path javaHome, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("ASYNCCOM_"));
        environment.put("JAVA_HOME", javaHome.toString());
        environment.put("ASYNCCOM_JAR", jar.toString());
        environment.put("ASYNCCOM_SHOW_COMMAND", "1");
        environment.putAll(env);
        Process p = builder.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher ended");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Run launch(String... args) throws Exception {
        return launch(THIS_JDK, Map.of(), args);
    }

    /** The cache, made through the launcher's training mode (this JDK is 25+ in CI: the README's build JDK). */
    private void train() throws Exception {
        Run trained = launch(THIS_JDK, Map.of("ASYNCCOM_AOT_TRAIN", "1",
                "ASYNCCOM_AOT_TRAIN_MAIN", LauncherProbe.class.getName()));
        assertEquals(0, trained.exit, trained.err);
        assertTrue(Files.size(cache) > 0 && Files.isRegularFile(dir.resolve("probe.aot.id")), trained.err);
    }

    /** The lines of stderr that are not the command the launcher shows. */
    private static List<String> otherLines(Run run) {
        return run.err.lines().filter(l -> !l.startsWith("asynccom: /")).toList();
    }

    @Test
    void withoutACacheItRunsTheJarPlainlyAndSilently() throws Exception {
        Run run = launch("client", "--x");

        assertEquals(0, run.exit, run.err);
        assertEquals("probe ran on Java " + Runtime.version().feature() + " with client --x", run.out.strip());
        assertFalse(run.err.contains("AOTCache"), run.err);
        assertEquals(List.of(), otherLines(run));
    }

    @Test
    void aCacheThisJdkMadeForThisJarIsUsedAndFits() throws Exception {
        train();

        Run run = launch("server");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.err.contains("-XX:AOTCache=" + cache), run.err);
        assertTrue(run.out.startsWith("probe ran"), run.out);
        assertEquals(List.of(), otherLines(run));
        // The JVM takes it: with AOTMode=on a cache that does not fit is an error, not a quiet fallback.
        Process strict = new ProcessBuilder(THIS_JDK.resolve("bin/java").toString(), "-XX:AOTCache=" + cache,
                "-XX:AOTMode=on", "-jar", jar.toString()).redirectErrorStream(true).start();
        String said = new String(strict.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(strict.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, strict.exitValue(), said);
    }

    @Test
    void aCacheStampedForAnotherJdkOrJarIsLeftOutWithOneNote() throws Exception {
        train();
        Path stamp = dir.resolve("probe.aot.id");
        Files.writeString(stamp, Files.readString(stamp).replaceFirst("^jdk \\S+", "jdk 25.0.0+1-other"));

        Run run = launch();

        assertEquals(0, run.exit, run.err);
        assertFalse(run.err.contains("AOTCache"), run.err);
        assertTrue(run.out.startsWith("probe ran"), run.out);
        List<String> notes = otherLines(run);
        assertEquals(1, notes.size(), run.err);
        assertTrue(notes.get(0).startsWith("asynccom: note: " + cache + " was made for another jar or JDK"), run.err);
    }

    @Test
    void aDamagedCacheNeverBreaksARunNorWarns() throws Exception {
        train();
        try (OutputStream out = Files.newOutputStream(cache)) {
            out.write("not a cache".getBytes(StandardCharsets.US_ASCII));
        }

        Run run = launch("worker");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.err.contains("-XX:AOTCache="), "the stamp (JDK and jar) still matches, so the flag is given: " + run.err);
        assertTrue(run.out.startsWith("probe ran"), run.out);
        assertEquals(List.of(), otherLines(run), "the JVM's own complaint is kept quiet");
    }

    @Test
    void aJdkBefore24RunsPlainlyEvenBesideACache() throws Exception {
        train();
        Path jdk21 = fakeJdk("21.0.5");

        Run run = launch(jdk21, Map.of(), "client");

        assertEquals(0, run.exit, run.err);
        assertTrue(run.err.contains(jdk21.resolve("bin/java").toString()), run.err);
        assertFalse(run.err.contains("AOTCache"), run.err);
        assertTrue(run.out.startsWith("probe ran"), run.out);
        assertEquals(List.of(), otherLines(run), "no note: a JDK 21 user has nothing to do about a cache");
        Run training = launch(jdk21, Map.of("ASYNCCOM_AOT_TRAIN", "1"));
        assertEquals(0, training.exit, "training is skipped, not failed, before JDK 25: " + training.err);
        assertTrue(training.err.contains("needs JDK 25+"), training.err);
    }

    @Test
    void aJdkBefore21IsRefusedInOneSentence() throws Exception {
        Run run = launch(fakeJdk("17.0.15"), Map.of());

        assertEquals(2, run.exit, run.err);
        assertEquals("", run.out);
        assertEquals(1, run.err.lines().count(), run.err);
        assertTrue(run.err.startsWith("asynccom: ") && run.err.contains("is Java 17.0.15; asynccom needs a JDK 21 "
                + "or newer"), run.err);
    }

    @Test
    void aMissingJarIsToldWithTheBuildCommand() throws Exception {
        Files.delete(jar);

        Run run = launch();

        assertEquals(2, run.exit, run.err);
        assertTrue(run.err.contains("does not exist: build it first with ./mvnw"), run.err);
    }

    /** A JDK home whose release file says {@code version}; its bin/java runs this JDK's. */
    private Path fakeJdk(String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + version
                + "+1\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nexec '" + THIS_JDK.resolve("bin/java") + "' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
