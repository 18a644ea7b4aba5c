package dev.asynccom.transport.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentStringsTest {
    private final RecentStrings strings = new RecentStrings();

    private static byte[] framed(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, frame, 2, bytes.length);
        return frame;
    }

    @Test
    void theSameBytesGiveTheSameStringInstance() throws MalformedFrameException {
        String first = strings.decode(framed("137.72.95.1"), 2, 11);
        String second = strings.decode(framed("137.72.95.1"), 2, 11);
        assertEquals("137.72.95.1", first);
        assertSame(first, second);
    }

    @Test
    void otherBytesInTheSameSlotAreNeverTakenForTheCachedString() throws MalformedFrameException {
        // Every two-letter string once, twice over: 4,096 strings share 8,192 slots, so some collide.
        for (int round = 0; round < 2; round++) {
            for (char a = '0'; a < '0' + 64; a++) {
                for (char b = '0'; b < '0' + 64; b++) {
                    String s = "" + a + b;
                    assertEquals(s, strings.decode(framed(s), 2, 2));
                }
            }
        }
        assertEquals("", strings.decode(new byte[0], 0, 0));
    }

    @Test
    void stringsOfEveryCachedLengthDifferingInAnyOneByteAreToldApart() throws MalformedFrameException {
        for (int length = 1; length <= RecentStrings.MAX_BYTES; length++) {
            for (int at = 0; at < length; at++) {
                char[] chars = "a".repeat(length).toCharArray();
                String plain = new String(chars);
                chars[at] = 'b';
                String changed = new String(chars);
                for (int round = 0; round < 2; round++) {
                    assertEquals(plain, strings.decode(framed(plain), 2, length));
                    assertEquals(changed, strings.decode(framed(changed), 2, length));
                }
            }
        }
        // The bytes around the string are not part of it.
        byte[] frame = framed("10.0.0.1");
        frame[0] = 'x';
        frame[frame.length - 1] = 'y';
        assertEquals("10.0.0.1", strings.decode(frame, 2, 8));
        assertEquals("0.0.0", strings.decode(frame, 3, 5));
        assertSame(strings.decode(frame, 2, 8), strings.decode(framed("10.0.0.1"), 2, 8));
    }

    @Test
    void aThousandHostsAndEightCommandsAreAllKeptOnceSeen() throws MalformedFrameException {
        // A generated workload's keys: after one pass, every one of them comes back as the same instance.
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add("10." + (i >> 16) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF));
        }
        for (int c = 0; c < 8; c++) {
            keys.add("cmd" + c);
        }
        java.util.Map<String, String> first = new java.util.HashMap<>();
        for (String key : keys) {
            first.put(key, strings.decode(framed(key), 2, key.length()));
        }
        int missed = 0;
        for (String key : keys) {
            if (strings.decode(framed(key), 2, key.length()) != first.get(key)) {
                missed++;
            }
        }
        assertTrue(missed <= keys.size() / 100, missed + " of " + keys.size() + " keys decoded again");
    }

    @Test
    void nonAsciiAndLongStringsAreDecodedEachTime() throws MalformedFrameException {
        String accented = "hôte";
        byte[] frame = framed(accented);
        int length = accented.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(accented, strings.decode(frame, 2, length));
        assertNotSame(strings.decode(frame, 2, length), strings.decode(frame, 2, length));
        String longer = "x".repeat(RecentStrings.MAX_BYTES + 1);
        assertEquals(longer, strings.decode(framed(longer), 2, longer.length()));
    }

    @Test
    void invalidUtf8IsStillRefused() {
        byte[] frame = {(byte) 0xC3, (byte) 0x28};
        assertThrows(MalformedFrameException.class, () -> strings.decode(frame, 0, 2));
    }
}
