package dev.asynccom.core.workload;

/**
 * The open-addressing table behind {@link DelayMap} and its builder: linear probing over a power-of-two
 * array of longs, each the key's hash in the high half and entry index + 1 in the low half (0 marks an
 * empty slot), so a probe reads one array element before touching any string. Static helpers only; the
 * arrays belong to their map or builder.
 */
final class KeyTable {
    /** Fibonacci hashing spreads the clustered hashes of similar keys (consecutive IPs) over the table. */
    private static final int GOLDEN = 0x9E3779B9;
    /** Powers of 31, for combining cached string hashes; longer commands fall back to a loop. */
    private static final int[] POW31 = new int[64];

    static {
        int p = 1;
        for (int i = 0; i < POW31.length; i++) {
            POW31[i] = p;
            p *= 31;
        }
    }

    private KeyTable() {
    }

    /** {@code (host + ':' + command).hashCode()}, without building the string: from the two cached hashes. */
    static int keyHash(String host, String command) {
        int length = command.length();
        int pow = length < POW31.length ? POW31[length] : pow31(length);
        return (host.hashCode() * 31 + ':') * pow + command.hashCode();
    }

    private static int pow31(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 31;
        }
        return p;
    }

    /** Bits of a table at most half full with {@code size} entries (at least 2 slots). */
    static int tableBits(int size) {
        int bits = 1;
        while ((1L << bits) < 2L * size) {
            bits++;
        }
        return bits;
    }

    /** The slot where probing for {@code hash} starts in a table of {@code 32 - shift} bits. */
    static int firstSlot(int hash, int shift) {
        return (hash * GOLDEN) >>> shift;
    }

    /** A table element for entry {@code entry} whose key hashes to {@code hash}. */
    static long element(int hash, int entry) {
        return (long) hash << 32 | (entry + 1L);
    }

    /** The key hash an element holds. */
    static int hash(long element) {
        return (int) (element >>> 32);
    }

    /** The entry index an element holds. */
    static int entry(long element) {
        return (int) element - 1;
    }

    /** Puts {@code element} in the first free slot from its hash's. */
    static void insert(long[] table, int shift, long element) {
        int mask = table.length - 1;
        int slot = firstSlot(hash(element), shift);
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = element;
    }
}
