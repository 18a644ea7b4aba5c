package dev.asynccom.results;

import dev.asynccom.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output paths are checked before any work, each problem one sentence naming the option and the path. */
class OutputPathsTest {
    @TempDir
    Path dir;

    @Test
    void newFileInAFolderThatIsMissingIsFine() {
        Path file = dir.resolve("a/b/out.hgrm");

        assertEquals(file, OutputPaths.requireWritableFile(file, "--hgrm"));
        assertFalse(Files.exists(dir.resolve("a")), "a check creates nothing");
    }

    @Test
    void folderWhereAFileIsWantedIsNamed() {
        UserError e = assertThrows(UserError.class, () -> OutputPaths.requireWritableFile(dir, "--csv"));

        assertEquals("--csv " + dir + " is a folder: give a file name", e.getMessage());
    }

    @Test
    void parentThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");

        UserError e = assertThrows(UserError.class,
                () -> OutputPaths.requireWritableFile(file.resolve("sub/out.hgrm"), "--hgrm"));

        assertTrue(e.getMessage().contains("cannot be created: " + file + " is a file, not a folder"), e.getMessage());
    }

    @Test
    void fileWhereAFolderIsWantedIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");

        UserError e = assertThrows(UserError.class, () -> OutputPaths.requireWritableFolder(file, "--out"));

        assertEquals("--out " + file + " is a file, not a folder", e.getMessage());
    }

    @Test
    void appendingNeedsTheSameHeaderInText() throws Exception {
        Path same = Files.writeString(dir.resolve("same.csv"), "a,b\r\n1,2\n");
        Path other = Files.writeString(dir.resolve("other.csv"), "x,y\n");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        Path binary = Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A});
        Path control = Files.write(dir.resolve("nul.csv"), new byte[] {'a', 0, 'b', '\n'});

        assertEquals(same, OutputPaths.requireAppendable(same, "--csv", "a,b"));
        assertEquals(empty, OutputPaths.requireAppendable(empty, "--csv", "a,b"));
        assertEquals(dir.resolve("new.csv"), OutputPaths.requireAppendable(dir.resolve("new.csv"), "--csv", "a,b"));
        assertTrue(assertThrows(UserError.class, () -> OutputPaths.requireAppendable(other, "--csv", "a,b"))
                .getMessage().contains("holds other columns"));
        for (Path notText : new Path[] {binary, control}) {
            UserError e = assertThrows(UserError.class, () -> OutputPaths.requireAppendable(notText, "--csv", "a,b"));
            assertEquals("--csv " + notText + " is not a text file, so a row cannot be appended to it: give a new "
                    + "file or one written by earlier runs", e.getMessage());
        }
    }
}
