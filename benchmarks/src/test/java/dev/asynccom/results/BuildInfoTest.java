package dev.asynccom.results;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildInfoTest {
    private static BuildInfo of(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new BuildInfo(properties);
    }

    @Test
    void aCleanBuildNamesItsCommitAndADirtyOneSaysSo() {
        assertEquals(Optional.of("5bcd758"), of("git.revision", "5bcd758", "git.dirty", "false").revision());
        assertEquals(Optional.of("5bcd758+dirty"), of("git.revision", "5bcd758", "git.dirty", "true").revision());
        assertEquals(Optional.of("5bcd758"), of("git.revision", "5bcd758").revision());
    }

    @Test
    void whatMavenDidNotFillReadsAsAbsent() {
        BuildInfo unfiltered = of("version", "${project.version}", "git.revision", "${git.commit.id.abbrev}",
                "git.dirty", "${git.dirty}");
        assertEquals(Optional.empty(), unfiltered.revision());
        assertEquals(Optional.empty(), unfiltered.version());
        assertEquals(Optional.empty(), of("git.revision", " ").revision());
        assertEquals(Optional.empty(), of().revision());
    }

    /** The build this test runs in stamped the classes with the commit of the checkout it built. */
    @Test
    void theBuildStampsTheCommitOfItsCheckout() throws IOException, InterruptedException {
        BuildInfo built = BuildInfo.ofThisJar();
        assertTrue(built.version().isPresent(), "the build did not fill in the project version");
        Process git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").directory(new File("."))
                .redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(git.waitFor(10, TimeUnit.SECONDS));
        if (git.exitValue() == 0) {
            String revision = built.revision().orElseThrow(() -> new AssertionError("no revision stamped in a git checkout"));
            assertTrue(revision.equals(head) || revision.equals(head + "+dirty"), revision + " against HEAD " + head);
        } else {
            assertEquals(Optional.empty(), built.revision(), "a revision stamped without a repository");
        }
    }
}
