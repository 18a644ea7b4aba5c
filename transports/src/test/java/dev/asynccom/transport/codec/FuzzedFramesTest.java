package dev.asynccom.transport.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Random bytes, random truncations and random byte flips of valid frames: decoded or rejected, nothing else. */
class FuzzedFramesTest {
    private static final int ROUNDS = 20_000;

    static Stream<Arguments> codecsAndValidFrames() {
        BinaryCodec binary = new BinaryCodec();
        PythonJsonCodec seed = new PythonJsonCodec();
        return Stream.of(
                Arguments.of(binary, List.of(BinaryCodecTest.hex(BinaryCodecTest.EXAMPLE_TASKS_HEX),
                        BinaryCodecTest.hex(BinaryCodecTest.EXAMPLE_RESULTS_HEX))),
                Arguments.of(seed, List.of(seed.encodeTasks(BinaryCodecTest.EXAMPLE_TASKS),
                        seed.encodeResults(BinaryCodecTest.EXAMPLE_RESULTS),
                        "[1, \"u\", [\"h\\u00e9:c\\\"\", \"a:\\ud83d\\ude00\"]]".getBytes(StandardCharsets.UTF_8),
                        "[4, \"x\", [1, [2, []]]]".getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @MethodSource("codecsAndValidFrames")
    void decodingNeverThrowsAnythingButMalformedFrame(WireCodec codec, List<byte[]> valid) {
        SplittableRandom random = new SplittableRandom(42);
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            byte[] frame = switch (round % 3) {
                case 0 -> randomBytes(random, random.nextInt(64));
                case 1 -> {
                    byte[] source = valid.get(random.nextInt(valid.size()));
                    yield Arrays.copyOf(source, random.nextInt(source.length));
                }
                default -> {
                    byte[] copy = valid.get(random.nextInt(valid.size())).clone();
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    }
                    yield copy;
                }
            };
            rejected += decodeBothWays(codec, frame);
        }
        assertTrue(rejected > ROUNDS, "most fuzzed frames are malformed for at least one direction: " + rejected);
    }

    /** How many of the two decoders rejected the frame; fails on any other exception. */
    private static int decodeBothWays(WireCodec codec, byte[] frame) {
        int rejected = 0;
        try {
            codec.decodeTasks(frame);
        } catch (MalformedFrameException expected) {
            rejected++;
        } catch (RuntimeException | Error e) {
            fail("decodeTasks threw " + e + " for " + Arrays.toString(frame));
        }
        try {
            codec.decodeResults(frame);
        } catch (MalformedFrameException expected) {
            rejected++;
        } catch (RuntimeException | Error e) {
            fail("decodeResults threw " + e + " for " + Arrays.toString(frame));
        }
        return rejected;
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
