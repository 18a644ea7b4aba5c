package dev.asynccom.transport.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class EncodedStringsTest {
    private final EncodedStrings strings = new EncodedStrings();

    @Test
    void theSameInstanceGivesTheSameArrayOfItsUtf8() {
        String host = "137.72.95.1";
        byte[] first = strings.utf8(host);
        assertArrayEquals(host.getBytes(StandardCharsets.UTF_8), first);
        assertSame(first, strings.utf8(host));
    }

    @Test
    void anEqualStringThatIsAnotherInstanceFindsTheKeptBytes() {
        // A file read line by line holds one "cmd7" per line; they share a slot, so they must share its bytes.
        String kept = "cmd7";
        byte[] first = strings.utf8(kept);
        String other = new String("cmd7".toCharArray());
        assertNotSame(kept, other);
        assertSame(first, strings.utf8(other));
        assertSame(first, strings.utf8(kept), "the kept pair was not replaced");
        String different = new String("cmd8".toCharArray());
        assertArrayEquals("cmd8".getBytes(StandardCharsets.UTF_8), strings.utf8(different));
    }

    @Test
    void stringsSharingASlotEachGetTheirOwnBytes() {
        // Every two-letter string once, twice over: 4,096 strings in 8,192 slots, placed by hash, so some collide.
        String[] all = new String[64 * 64];
        for (int i = 0; i < all.length; i++) {
            all[i] = "" + (char) ('0' + i / 64) + (char) ('0' + i % 64);
        }
        for (int round = 0; round < 2; round++) {
            for (String s : all) {
                assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), strings.utf8(s), s);
            }
        }
    }

    @Test
    void nonAsciiAndLongStringsAreEncodedAsUtf8() {
        String accented = "höst-ü";
        assertArrayEquals(accented.getBytes(StandardCharsets.UTF_8), strings.utf8(accented));
        String longer = "x".repeat(EncodedStrings.MAX_BYTES + 1);
        byte[] first = strings.utf8(longer);
        assertArrayEquals(longer.getBytes(StandardCharsets.UTF_8), first);
        assertNotSame(first, strings.utf8(longer), "a string over the cached length is not kept");
    }
}
