package dev.asynccom.transport.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 with an ASCII fast path (hosts and commands are ASCII in practice) and strict decoding. */
final class Utf8 {
    private Utf8() {
    }

    /** Bytes of UTF-8 that {@link #write} produces for {@code s}. */
    static int length(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }

    /** {@link #length}, or an {@link IllegalArgumentException} naming {@code what} when over the limit. */
    static int checkedLength(String s, String what) {
        return checkLength(length(s), s, what);
    }

    /** {@code length} (the UTF-8 length of {@code s}), or an {@link IllegalArgumentException} when over the limit. */
    static int checkLength(int length, String s, String what) {
        if (length > WireCodec.MAX_STRING_BYTES) {
            throw new IllegalArgumentException(what + " '" + s + "' is " + length + " bytes of UTF-8, over the "
                    + WireCodec.MAX_STRING_BYTES + "-byte limit");
        }
        return length;
    }

    /** Writes {@code s} as UTF-8 at {@code offset}; returns the offset after it. */
    static int write(String s, byte[] dst, int offset) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(bytes, 0, dst, offset, bytes.length);
                return offset + bytes.length;
            }
            dst[offset + i] = (byte) c;
        }
        return offset + n;
    }

    /** Decodes {@code length} bytes at {@code offset}, rejecting invalid UTF-8 rather than replacing it. */
    static String decode(byte[] src, int offset, int length) throws MalformedFrameException {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (src[i] < 0) {
                return decodeStrict(src, offset, length);
            }
        }
        return new String(src, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static String decodeStrict(byte[] src, int offset, int length) throws MalformedFrameException {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(src, offset, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new MalformedFrameException("invalid UTF-8 in the " + length + "-byte string at offset " + offset);
        }
    }
}
