package dev.asynccom.core.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes the seed inputs of the data-file fuzz tests ({@code README.md}, "Fuzzing"): the seed's own files,
 * every rule of the format met and broken, byte-level edge cases. From the repository root, after
 * {@code ./mvnw -B -q test-compile}:
 * <pre>
 * "$JAVA_HOME/bin/java" -cp core/target/classes:core/target/test-classes dev.asynccom.core.workload.FuzzSeeds
 * </pre>
 * It replaces the files named {@code seed-*} and leaves every other file of the corpus (findings) alone.
 */
public final class FuzzSeeds {
    private static final Path INPUTS = Path.of("core/src/test/resources/dev/asynccom/core/workload");

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        String command255 = "c".repeat(253) + "é";
        write(inputs(CommandListFuzzTest.class, "anyFileLoadsToCommandsOfTheFileRulesOrFailsNamingItsFirstBadLine"),
                seeds(
                        "seed-client-data-head", head(Path.of("examples/client_data.txt"), 24),
                        "seed-comments-blank-crlf-bom", "\uFEFF# commands\r\n\r\n  10.0.0.1:foo  \r\n\t# indented\n10.0.0.2:bar",
                        "seed-repeated-lines", "1.1.1.1:a\n1.1.1.1:a\n1.1.1.1:a\n",
                        "seed-unicode-commands", "10.0.0.1:命令😀\n255.255.255.255:é\n0.0.0.0:x\n10.0.0.1:\uFFFD\n",
                        "seed-longest-command", "10.0.0.1:" + command255 + "\n",
                        "seed-command-over-255-bytes", "10.0.0.1:" + command255 + "c\n",
                        "seed-bad-hosts", "010.0.0.1:foo\n256.0.0.1:foo\n1.2.3:foo\n1.2.3.4.5:foo\n1..2.3:foo\n:foo\n",
                        "seed-bad-commands", "10.0.0.1\n10.0.0.1:\n10.0.0.1:a:b\n10.0.0.1:a b\n10.0.0.1:a\u0001\n"
                                + "10.0.0.1:a\u00a0b\n10.0.0.1:a\u2028b\n",
                        "seed-only-comments", "# nothing\n   \n#\n"),
                bytes("seed-invalid-utf8", "10.0.0.1:a", 0xC3, '(', '\n', "10.0.0.1:", 0xED, 0xA0, 0x80, '\n'),
                bytes("seed-nul-and-cr", "10.0.0.1:a", 0, '\n', "10.0.0.1:b\r\r\n\r", "10.0.0.1:c"),
                bytes("seed-bom-then-bad-line", 0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, "10.0.0.1:a\n"));
        write(inputs(DelayMapFuzzTest.class, "anyFileLoadsToAMapOfTheFileRulesOrFailsNamingItsFirstBadLine"),
                seeds(
                        "seed-server-data-head", head(Path.of("examples/server_data.txt"), 24),
                        "seed-comments-blank-crlf-bom", "\uFEFF# map\r\n\r\n  10.0.0.1:foo:1:1  \r\n\t# indented\n10.0.0.2:bar:2:0.5",
                        "seed-waits", "10.0.0.1:a:1:0.5\n10.0.0.1:b:-5:1e-3\n10.0.0.1:c:+7:0\n10.0.0.1:d:1:999999999.999999999\n"
                                + "10.0.0.1:e:1:0.0000000005\n10.0.0.1:f:1:1E2\n10.0.0.1:g:1:9223372036.854775807\n",
                        "seed-bad-waits", "1.1.1.1:a:1:nan\n1.1.1.1:b:1:Infinity\n1.1.1.1:c:1:1e400\n1.1.1.1:d:1:-1\n"
                                + "1.1.1.1:e:1:0x10\n1.1.1.1:f:1:1.\n1.1.1.1:g:1:.5\n1.1.1.1:h:1:1e-400\n1.1.1.1:i:1:9223372037\n"
                                + "1.1.1.1:j:1:1d\n1.1.1.1:k:1:-0\n1.1.1.1:l:1:\n",
                        "seed-responses", "1.1.1.1:a:2147483647:0\n1.1.1.1:b:-2147483648:0\n1.1.1.1:c:2147483648:0\n"
                                + "1.1.1.1:d:-2147483649:0\n1.1.1.1:e:99999999999999999999:0\n1.1.1.1:f:+:0\n1.1.1.1:g:1.0:0\n",
                        "seed-redefined-keys", "1.1.1.1:foo:1:1\n# note\n2.2.2.2:foo:2:2\n1.1.1.1:foo:7:0.5\n1.1.1.1:foo:8:0\n",
                        "seed-field-counts", "1.1.1.1\n1.1.1.1:a\n1.1.1.1:a:1\n1.1.1.1:a:1:1:1\n:::\n",
                        "seed-unicode-and-longest-command", "10.0.0.1:命令😀:1:1\n10.0.0.1:\uFFFD:1:1\n10.0.0.1:" + command255 + ":1:1\n"
                                + "10.0.0.1:" + command255 + "c:1:1\n"),
                bytes("seed-invalid-utf8", "10.0.0.1:a", 0xC3, '(', ":1:1\n", "10.0.0.1:", 0xED, 0xA0, 0x80, ":1:1\n"),
                bytes("seed-nul-and-cr", "10.0.0.1:a:1:1", 0, '\n', "10.0.0.1:b:1:1\r\r\n\r", "10.0.0.1:c:1:1"));
    }

    static Path inputs(Class<?> test, String method) {
        return INPUTS.resolve(test.getSimpleName() + "Inputs").resolve(method);
    }

    /** Replaces the {@code seed-*} files of {@code dir} by {@code seeds}. */
    @SafeVarargs
    static void write(Path dir, Map<String, byte[]>... seeds) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path old : files.filter(f -> f.getFileName().toString().startsWith("seed-")).toList()) {
                Files.delete(old);
            }
        }
        for (Map<String, byte[]> some : seeds) {
            for (Map.Entry<String, byte[]> seed : some.entrySet()) {
                Files.write(dir.resolve(seed.getKey()), seed.getValue());
            }
        }
        System.out.println(dir + ": " + Arrays.stream(seeds).mapToInt(Map::size).sum() + " seeds");
    }

    /** Name, text, name, text...: each text as UTF-8. */
    static Map<String, byte[]> seeds(String... namesAndTexts) {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            seeds.put(namesAndTexts[i], namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return seeds;
    }

    /** One seed of raw bytes: each part a String (as UTF-8), or a char or an int for one byte. */
    static Map<String, byte[]> bytes(String name, Object... parts) {
        StringBuilder latin1 = new StringBuilder();
        for (Object part : parts) {
            switch (part) {
                case String s -> {
                    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                        latin1.append((char) (b & 0xFF));
                    }
                }
                case Character c -> latin1.append(c.charValue());
                case Integer b -> latin1.append((char) (b & 0xFF));
                default -> throw new IllegalArgumentException("not a string or a byte: " + part);
            }
        }
        return Map.of(name, latin1.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String head(Path file, int lines) throws IOException {
        try (Stream<String> all = Files.lines(file)) {
            return String.join("\n", all.limit(lines).toList()) + "\n";
        }
    }
}
