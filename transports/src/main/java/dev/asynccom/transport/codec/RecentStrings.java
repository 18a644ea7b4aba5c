package dev.asynccom.transport.codec;

/**
 * Strings decoded lately, found again by their bytes: the hosts and commands of task frames repeat (a workload
 * has a few thousand of them), and decoding each anew costs a {@code String} and its array per task, the largest
 * part of what the server allocated per task. ASCII strings of up to {@value #MAX_BYTES} bytes are cached in a
 * direct-mapped table of {@value #SLOTS} slots; any other string is decoded as before.
 *
 * <p>Any thread. Racy by design: a slot holds an immutable {@code String} (safely published through its final
 * fields), so a reader sees either an old string, which it compares byte for byte, or the new one; a store lost
 * to a race costs only a decode.
 */
final class RecentStrings {
    static final int SLOTS = 1 << 13;
    static final int MAX_BYTES = 64;

    private final String[] slots = new String[SLOTS];

    /** The string of {@code length} bytes of UTF-8 at {@code offset}, as {@link Utf8#decode} decodes it. */
    String decode(byte[] src, int offset, int length) throws MalformedFrameException {
        if (length > MAX_BYTES) {
            return Utf8.decode(src, offset, length);
        }
        int hash = 0;
        int ascii = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = src[i];
            hash = 31 * hash + b;
            ascii |= b;
        }
        if (ascii < 0) {
            return Utf8.decode(src, offset, length); // a byte over 0x7F: not cached
        }
        int slot = (hash ^ (hash >>> 13)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && sameAscii(cached, src, offset, length)) {
            return cached;
        }
        String decoded = Utf8.decode(src, offset, length);
        slots[slot] = decoded;
        return decoded;
    }

    private static boolean sameAscii(String s, byte[] src, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != src[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
