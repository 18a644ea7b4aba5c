package dev.asynccom.transport.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Strings decoded lately, found again by their bytes: the hosts and commands of task frames repeat (a workload
 * has a few thousand of them), and decoding each anew costs a {@code String} and its array per task, the largest
 * part of what the server allocated per task. ASCII strings of up to {@value #MAX_BYTES} bytes are cached in a
 * table of {@value #SLOTS} slots, {@value #WAYS} ways: a string is looked for in its slot and the others of its
 * group of {@value #WAYS}, so strings that hash alike do not evict each other on every task (with two ways of
 * 8,192 slots, 18 of 1,008 generated keys still did, by the birthday bound); any other string is decoded as
 * before. The bytes are read eight at a time: a string of up to 16 bytes (a host, a command) is hashed and then
 * recognised by two words, a longer one compared with the bytes kept beside it. A multiply-by-31 hash and a
 * compare char by char, byte after byte, were half of the server's receive thread (JFR execution samples).
 *
 * <p>Any thread. Racy by design: a slot holds an immutable pair of a {@code String} and a copy of its bytes,
 * never written after, safely published through the pair's final fields; a reader sees an old pair, whose bytes
 * it compares, or the new one, and a store lost to a race costs only a decode.
 */
final class RecentStrings {
    static final int SLOTS = 1 << 14;
    /** The slots a string may sit in: the aligned group of this many around the one its hash gives. */
    static final int WAYS = 4;
    static final int MAX_BYTES = 64;
    private static final int SLOT_BITS = Integer.numberOfTrailingZeros(SLOTS);
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * A decoded ASCII string, its bytes, and the two words that cover them up to 16 bytes: the first eight bytes
     * and the last eight (overlapping below 16), or for a string under 8 bytes all of them packed and 0.
     */
    private record Kept(String string, byte[] ascii, long first, long last) {
    }

    private final Kept[] slots = new Kept[SLOTS];

    /** The string of {@code length} bytes of UTF-8 at {@code offset}, as {@link Utf8#decode} decodes it. */
    String decode(byte[] src, int offset, int length) throws MalformedFrameException {
        if (length > MAX_BYTES) {
            return Utf8.decode(src, offset, length);
        }
        long first;
        long last;
        if (length >= Long.BYTES) {
            first = (long) LONG.get(src, offset);
            last = (long) LONG.get(src, offset + length - Long.BYTES);
        } else {
            first = 0;
            for (int i = 0; i < length; i++) {
                first |= (src[offset + i] & 0xFFL) << (Byte.SIZE * i);
            }
            last = 0;
        }
        long h = (((length ^ first) * MIX) ^ last) * MIX;
        for (int p = offset + Long.BYTES, end = offset + length - Long.BYTES; p < end; p += Long.BYTES) {
            h = (h ^ (long) LONG.get(src, p)) * MIX; // the words between, past 16 bytes
        }
        h ^= h >>> 29;
        int slot = (int) ((h * MIX) >>> (Long.SIZE - SLOT_BITS));
        int set = slot & -WAYS;
        int free = -1; // the group's first empty slot, where a new string goes (else its own slot)
        for (int way = 0; way < WAYS; way++) {
            int at = set + ((slot + way) & (WAYS - 1));
            Kept kept = slots[at];
            if (matches(kept, src, offset, length, first, last)) {
                return kept.string;
            }
            if (kept == null && free < 0) {
                free = at;
            }
        }
        String decoded = Utf8.decode(src, offset, length);
        // A char per byte only when every byte is ASCII: multi-byte sequences decode to fewer chars.
        if (decoded.length() == length) {
            slots[free >= 0 ? free : slot] = new Kept(decoded, Arrays.copyOfRange(src, offset, offset + length),
                    first, last);
        }
        return decoded;
    }

    private static boolean matches(Kept kept, byte[] src, int offset, int length, long first, long last) {
        return kept != null && kept.first == first && kept.last == last && kept.ascii.length == length
                && (length <= 2 * Long.BYTES || Arrays.equals(kept.ascii, 0, length, src, offset, offset + length));
    }
}
