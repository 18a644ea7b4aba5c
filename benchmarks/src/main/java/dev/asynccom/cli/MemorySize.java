package dev.asynccom.cli;

import dev.asynccom.core.UserError;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A memory size given to child JVMs as {@code -Xmx} or {@code -Xmn} takes it (256m, 1g), checked before any work. */
final class MemorySize {
    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]*)([kKmMgG]?)");

    private MemorySize() {
    }

    /**
     * The bytes {@code value} stands for, or a {@link UserError} naming {@code option}: not a size, below
     * {@code minBytes} ({@code minText} as the user would write it), or above this machine's memory.
     *
     * @param eachOf what gets the size, for the sentence ("each of the two JVMs")
     */
    static long require(String option, String value, long minBytes, String minText, String eachOf) {
        Matcher m = SIZE.matcher(value);
        Measuring.require(m.matches(), option + " takes a size as -Xmx does, such as 256m or 1g, got "
                + UserError.quote(value));
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String tooLarge = String.format(Locale.ROOT, "%s %s is more than this machine's memory (%.1f GiB), and %s "
                + "gets it", option, value, memory / (double) (1L << 30), eachOf);
        Measuring.require(m.group(1).length() <= 18, tooLarge);
        long bytes;
        try {
            bytes = Math.multiplyExact(Long.parseLong(m.group(1)), switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> 1L << 10;
                case "m" -> 1L << 20;
                case "g" -> 1L << 30;
                default -> 1L;
            });
        } catch (ArithmeticException overflow) {
            bytes = Long.MAX_VALUE;
        }
        Measuring.require(bytes >= minBytes, option + " must be at least " + minText + ", got " + value);
        Measuring.require(bytes <= memory, tooLarge);
        return bytes;
    }
}
