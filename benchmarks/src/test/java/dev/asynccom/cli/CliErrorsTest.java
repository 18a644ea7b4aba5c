package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.core.workload.InputFormatException;
import dev.asynccom.results.BadInputException;
import dev.asynccom.results.OutputPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every failure becomes one sentence and the code of the table; each user error type is a UserError. */
class CliErrorsTest {
    @Test
    void everyUserErrorIsBadInput() {
        for (UserError e : new UserError[] {new UserError("x"), new InputFormatException(Path.of("f"), 2, "bad"),
                new UserError("bad endpoint"), new BadInputException("bad row.")}) {
            assertEquals(ExitCodes.BAD_INPUT, CliErrors.exitCode(e), e.toString());
            assertTrue(CliErrors.sentence(e).endsWith("."), CliErrors.sentence(e));
        }
    }

    @Test
    void outputThatFailedIsItsOwnCodeNamingTheFile() {
        IOException named = OutputPaths.failed(Path.of("out.csv"), new IOException("No space left on device"));

        assertEquals(ExitCodes.OUTPUT_FAILED, CliErrors.exitCode(named));
        assertEquals(ExitCodes.OUTPUT_FAILED, CliErrors.exitCode(new UncheckedIOException(named)));
        assertEquals("cannot write or read out.csv: No space left on device.", CliErrors.sentence(named));
        assertEquals("cannot write or read gone.txt: no such file.",
                CliErrors.sentence(new NoSuchFileException("gone.txt")));
    }

    @Test
    void anythingElseIsABugThatSaysWhere() {
        IllegalStateException bug = new IllegalStateException("queue\nclosed");

        assertEquals(ExitCodes.INTERNAL, CliErrors.exitCode(bug));
        String sentence = CliErrors.sentence(bug);
        assertTrue(sentence.startsWith("unexpected failure (IllegalState: queue closed, at CliErrorsTest."), sentence);
        assertTrue(sentence.endsWith("); this is a bug, please report it."), sentence);
    }

    @Test
    void aSentenceEndsOnceAndAQuestionStaysOne() {
        assertEquals("bad row.", UserError.sentence("bad row.", "."));
        assertEquals("did you mean client?", UserError.sentence("did you mean client?", "."));
        assertEquals("two lines as one.", UserError.sentence("two lines\n  as one", "."));
    }
}
