package dev.asynccom.transport.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the subset of JSON the seed's protocol uses: arrays, strings and integers, with any JSON white
 * space between tokens and every JSON string escape. Anything else (objects, fractions, exponents,
 * {@code true}/{@code false}/{@code null}, leading zeros, trailing commas or trailing data) is rejected,
 * as is nesting deeper than {@value #MAX_DEPTH}. Values come back as {@link Long}, {@link String} and
 * {@code List<Object>}.
 */
final class StrictJsonReader {
    static final int MAX_DEPTH = 4;

    private final byte[] in;
    private int pos;

    private StrictJsonReader(byte[] in) {
        this.in = in;
    }

    /** The one JSON value {@code frame} holds. */
    static Object parse(byte[] frame) throws MalformedFrameException {
        if (frame.length > WireCodec.MAX_FRAME_BYTES) {
            throw new MalformedFrameException("frame of " + frame.length + " bytes is over the "
                    + WireCodec.MAX_FRAME_BYTES + "-byte limit");
        }
        StrictJsonReader reader = new StrictJsonReader(frame);
        reader.skipWhiteSpace();
        Object value = reader.value(1);
        reader.skipWhiteSpace();
        if (reader.pos != frame.length) {
            throw reader.error("trailing data");
        }
        return value;
    }

    private Object value(int depth) throws MalformedFrameException {
        int c = peek();
        if (c == '[') {
            return array(depth);
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return integer();
        }
        throw error(c < 0 ? "end of frame where a value was expected" : "only arrays, strings and integers are allowed");
    }

    private List<Object> array(int depth) throws MalformedFrameException {
        if (depth > MAX_DEPTH) {
            throw error("arrays nested deeper than " + MAX_DEPTH);
        }
        pos++;
        List<Object> values = new ArrayList<>();
        skipWhiteSpace();
        if (peek() == ']') {
            pos++;
            return values;
        }
        while (true) {
            skipWhiteSpace();
            values.add(value(depth + 1));
            skipWhiteSpace();
            int c = peek();
            pos++;
            if (c == ']') {
                return values;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private Long integer() throws MalformedFrameException {
        boolean negative = peek() == '-';
        if (negative) {
            pos++;
        }
        int first = peek();
        if (first < '0' || first > '9') {
            throw error("a digit must follow '-'");
        }
        long value = 0;
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9') {
            int digit = in[pos] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error("integer out of the 64-bit range");
            }
            value = value * 10 + digit;
            pos++;
        }
        if (first == '0' && pos - start > 1) {
            throw error("leading zero");
        }
        int c = peek();
        if (c == '.' || c == 'e' || c == 'E') {
            throw error("only integers are allowed");
        }
        return negative ? -value : value;
    }

    private String string() throws MalformedFrameException {
        int start = ++pos;
        while (pos < in.length) { // fast path: plain ASCII up to the closing quote
            byte b = in[pos];
            if (b == '"') {
                return new String(in, start, pos++ - start, StandardCharsets.ISO_8859_1);
            }
            if (b == '\\' || b < 0x20) {
                break;
            }
            pos++;
        }
        StringBuilder sb = new StringBuilder(pos - start + 16).append(new String(in, start, pos - start,
                StandardCharsets.ISO_8859_1));
        while (pos < in.length) {
            int b = in[pos];
            if (b == '"') {
                pos++;
                return sb.toString();
            }
            if (b == '\\') {
                escape(sb);
            } else if (b < 0) { // a run of non-ASCII bytes is a run of whole UTF-8 sequences, if valid
                int run = pos;
                while (pos < in.length && in[pos] < 0) {
                    pos++;
                }
                sb.append(Utf8.decode(in, run, pos - run));
            } else if (b < 0x20) {
                throw error("raw control character in a string");
            } else {
                sb.append((char) b);
                pos++;
            }
        }
        throw error("unterminated string");
    }

    private void escape(StringBuilder sb) throws MalformedFrameException {
        if (pos + 1 >= in.length) {
            throw error("unterminated escape");
        }
        int c = in[pos + 1];
        pos += 2;
        switch (c) {
            case '"', '\\', '/' -> sb.append((char) c);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                if (in.length - pos < 4) {
                    throw error("truncated \\u escape");
                }
                int unit = 0;
                for (int i = 0; i < 4; i++) {
                    int digit = Character.digit(in[pos + i], 16);
                    if (digit < 0) {
                        throw error("bad hex digit in a \\u escape");
                    }
                    unit = unit << 4 | digit;
                }
                pos += 4;
                sb.append((char) unit);
            }
            default -> {
                pos -= 2;
                throw error("unknown escape");
            }
        }
    }

    private void skipWhiteSpace() {
        while (pos < in.length && (in[pos] == ' ' || in[pos] == '\t' || in[pos] == '\n' || in[pos] == '\r')) {
            pos++;
        }
    }

    private int peek() {
        return pos < in.length ? in[pos] : -1;
    }

    private MalformedFrameException error(String what) {
        return new MalformedFrameException("malformed seed JSON at byte " + pos + ": " + what);
    }
}
