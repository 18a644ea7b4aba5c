package dev.asynccom.transport.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.asynccom.core.AllocationMeter;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The seed's JSON reader on any bytes (Jazzer; {@code README.md}, "Fuzzing"): a value of the documented subset,
 * or {@link MalformedFrameException}, never another exception, and never more allocation than the input's size
 * accounts for.
 */
class StrictJsonReaderFuzzTest {
    /** Generous for a tree of boxed values: a 4-byte {@code "a",} becomes a String, its array and a list slot. */
    private static final AllocationMeter METER = new AllocationMeter(64, 64 << 10);

    @FuzzTest
    void anyBytesReadAsArraysStringsAndIntegersOrAreRejected(byte[] frame) {
        Object value = METER.call("reading a frame", frame.length, () -> read(frame));
        if (value == null) {
            return;
        }
        int values = countValues(value, 1);
        assertTrue(values <= frame.length, values + " values read from " + frame.length + " bytes");
        assertEquals(value, read(write(value, new StringBuilder()).toString().getBytes(StandardCharsets.US_ASCII)),
                "the value read back from its compact form");
    }

    /** The value, or null when the frame is rejected. */
    private static Object read(byte[] frame) {
        try {
            return StrictJsonReader.parse(frame);
        } catch (MalformedFrameException rejected) {
            return null;
        }
    }

    /** Values in the tree, checking that each is a Long, a String or a List within the nesting limit. */
    private static int countValues(Object value, int depth) {
        return switch (value) {
            case Long ignored -> 1;
            case String ignored -> 1;
            case List<?> list -> {
                assertTrue(depth <= StrictJsonReader.MAX_DEPTH, "arrays nested " + depth + " deep");
                int n = 1;
                for (Object element : list) {
                    n += countValues(element, depth + 1);
                }
                yield n;
            }
            default -> fail("read a " + value.getClass().getName());
        };
    }

    /** Compact JSON, every character outside printable ASCII as a backslash-u escape. */
    private static StringBuilder write(Object value, StringBuilder json) {
        switch (value) {
            case Long n -> json.append(n);
            case String s -> {
                json.append('"');
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\\') {
                        json.append('\\').append(c);
                    } else if (c < 0x20 || c >= 0x7F) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
                json.append('"');
            }
            case List<?> list -> {
                json.append('[');
                for (int i = 0; i < list.size(); i++) {
                    write(list.get(i), i == 0 ? json : json.append(','));
                }
                json.append(']');
            }
            default -> fail("read a " + value.getClass().getName());
        }
        return json;
    }
}
