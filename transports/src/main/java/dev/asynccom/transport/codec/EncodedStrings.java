package dev.asynccom.transport.codec;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 of strings encoded lately, found again by identity: a client sends the same host and command
 * {@code String}s over and over (a workload's, a task per line, repeated), and measuring then copying each one
 * char by char was a sixth of what a client did per task. Strings of up to {@value #MAX_BYTES} bytes are kept
 * in a direct-mapped table of {@value #SLOTS} slots, placed by their cached {@link String#hashCode}. An equal
 * string of another instance finds the pair too: a file read line by line holds one instance of
 * {@code cmd0} per line, all placed in the same slot, and matching by identity alone had them evict one
 * another on every task (a fifth of a client's allocation, measured by JFR).
 *
 * <p>Any thread. Racy by design: a slot holds an immutable pair, safely published through its final fields,
 * so a reader sees an old pair, which it checks, or the new one; a store lost to a race costs an encoding.
 */
final class EncodedStrings {
    static final int SLOTS = 1 << 13;
    static final int MAX_BYTES = 64;

    private record Encoded(String string, byte[] utf8) {
    }

    private final Encoded[] slots = new Encoded[SLOTS];

    /** The UTF-8 of {@code s}, as {@link Utf8#write} writes it. The array may be shared: never write to it. */
    byte[] utf8(String s) {
        int hash = s.hashCode();
        int slot = (hash ^ (hash >>> 13)) & (SLOTS - 1);
        Encoded kept = slots[slot];
        if (kept != null && (kept.string == s || (kept.string.hashCode() == hash && kept.string.equals(s)))) {
            return kept.utf8;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_BYTES) {
            slots[slot] = new Encoded(s, utf8);
        }
        return utf8;
    }
}
