package dev.asynccom.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserErrorTest {
    @Test
    void controlBytesOfAQuotedValueNeverReachTheTerminal() {
        assertEquals("'\\x7FELF\\x02\\x01\\x1B[31m'", UserError.quote("\u007FELF\u0002\u0001\u001B[31m"));
        assertEquals("'a\\tb\\r\\n'", UserError.quote("a\tb\r\n"));
        assertEquals("'abc\\u202Edef'", UserError.quote("abc\u202Edef"), "a right-to-left override is escaped too");
        assertEquals("'\\x85'", UserError.quote("\u0085"), "C1 controls are escaped");
    }

    @Test
    void printableTextIsQuotedAsItIs() {
        String text = "h\u00E9llo-\u4E16\u754C \uD83D\uDE00";
        assertEquals("'" + text + "'", UserError.quote(text));
        assertEquals(text, UserError.printable(text));
    }

    @Test
    void loneSurrogateIsEscaped() {
        assertEquals("a\\uD83Db", UserError.printable("a\uD83Db"));
    }

    @Test
    void longValueIsShortenedWithoutSplittingACharacter() {
        String quoted = UserError.quote("x".repeat(500));
        assertEquals(UserError.MAX_QUOTED + 2, quoted.length(), quoted);
        assertTrue(quoted.endsWith("...'"), quoted);
        String emoji = "x".repeat(UserError.MAX_QUOTED - 4) + "\uD83D\uDE00".repeat(10);
        String cut = UserError.quote(emoji);
        assertTrue(cut.endsWith("x...'"), cut);
    }

    @Test
    void reasonSaysWhatWentWrongInWords() {
        assertEquals("no such file", UserError.reason(new NoSuchFileException("a")));
        assertEquals("permission denied", UserError.reason(new AccessDeniedException("a")));
        assertEquals("it is not UTF-8 text", UserError.reason(new MalformedInputException(1)));
        assertEquals("Is a directory", UserError.reason(new FileSystemException("a", null, "Is a directory")));
    }
}
