package dev.asynccom.core.workload;

import java.math.BigDecimal;
import java.util.random.RandomGenerator;

/**
 * How long synthetic tasks take: the distribution {@link SyntheticWorkload} draws each command's
 * delay from. Written on command lines as its {@link #label()}, which {@link #parse} reads back:
 * {@code zero}, {@code constant:1ms}, {@code uniform:1ms:5ms}, {@code exponential:5ms},
 * {@code bimodal:1ms:50ms:0.05}. Durations are {@code <number><ns|us|ms|s>}.
 */
public sealed interface DelayProfile {
    /** What {@link #parse} accepts, for messages. */
    String ACCEPTED = "zero, constant:<delay>, uniform:<min>:<max>, exponential:<mean> or "
            + "bimodal:<fast>:<slow>:<slow fraction>, with durations such as 250us, 1.5ms or 2s";

    /**
     * One delay in nanoseconds, drawn with {@code random}; never negative. Deterministic for a
     * deterministic generator.
     */
    long sampleNanos(RandomGenerator random);

    /** The distribution's mean delay in nanoseconds. */
    double meanNanos();

    /** The profile as {@link #parse} reads it ({@code uniform:1ms:5ms}), durations in their largest exact unit. */
    String label();

    /**
     * Reads a profile as {@link #label()} prints it.
     *
     * @throws IllegalArgumentException naming the bad value and what is accepted
     */
    static DelayProfile parse(String text) {
        String[] parts = text.split(":", -1);
        String context = "delay profile '" + text + "'";
        switch (parts[0]) {
            case "zero" -> {
                if (parts.length == 1) {
                    return new Zero();
                }
            }
            case "constant" -> {
                if (parts.length == 2) {
                    return new Constant(Durations.parse(parts[1], context));
                }
            }
            case "uniform" -> {
                if (parts.length == 3) {
                    long min = Durations.parse(parts[1], context);
                    long max = Durations.parse(parts[2], context);
                    if (max < min) {
                        throw new IllegalArgumentException("bad " + context + ": min " + parts[1] + " is above max "
                                + parts[2]);
                    }
                    return new Uniform(min, max);
                }
            }
            case "exponential" -> {
                if (parts.length == 2) {
                    return new Exponential(Durations.parse(parts[1], context));
                }
            }
            case "bimodal" -> {
                if (parts.length == 4) {
                    long fast = Durations.parse(parts[1], context);
                    long slow = Durations.parse(parts[2], context);
                    double fraction = Decimals.parse(parts[3]);
                    if (!(fraction >= 0 && fraction <= 1)) {
                        throw new IllegalArgumentException("bad slow fraction '" + parts[3] + "' in " + context
                                + ": expected a decimal number from 0 to 1 such as 0.05");
                    }
                    return new Bimodal(fast, slow, fraction);
                }
            }
            default -> {
                // Falls through to the message below.
            }
        }
        throw new IllegalArgumentException("bad " + context + ": expected " + ACCEPTED);
    }

    /** No delay at all: measures the system's own overhead. */
    record Zero() implements DelayProfile {
        @Override
        public long sampleNanos(RandomGenerator random) {
            return 0;
        }

        @Override
        public double meanNanos() {
            return 0;
        }

        @Override
        public String label() {
            return "zero";
        }
    }

    /**
     * The same delay for every task, as the seed's data (1 s each).
     *
     * @param nanos the delay in nanoseconds, not negative
     */
    record Constant(long nanos) implements DelayProfile {
        public Constant {
            Durations.requireNonNegative(nanos, "constant delay");
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return nanos;
        }

        @Override
        public double meanNanos() {
            return nanos;
        }

        @Override
        public String label() {
            return "constant:" + Durations.format(nanos);
        }
    }

    /**
     * Delays spread evenly from {@code minNanos} to {@code maxNanos}, both included.
     *
     * @param minNanos the shortest delay in nanoseconds, not negative
     * @param maxNanos the longest delay in nanoseconds, at least {@code minNanos}
     */
    record Uniform(long minNanos, long maxNanos) implements DelayProfile {
        public Uniform {
            Durations.requireNonNegative(minNanos, "uniform min");
            if (maxNanos < minNanos) {
                throw new IllegalArgumentException("uniform min " + Durations.format(minNanos) + " is above max "
                        + Durations.format(maxNanos));
            }
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            if (minNanos == maxNanos) {
                return minNanos;
            }
            return maxNanos < Long.MAX_VALUE ? random.nextLong(minNanos, maxNanos + 1) : random.nextLong(minNanos, maxNanos);
        }

        @Override
        public double meanNanos() {
            return ((double) minNanos + maxNanos) / 2;
        }

        @Override
        public String label() {
            return "uniform:" + Durations.format(minNanos) + ":" + Durations.format(maxNanos);
        }
    }

    /**
     * Exponentially distributed delays: mostly short, with a long tail, like service times of
     * independent requests. (The component is not named {@code meanNanos}, which would clash with
     * {@link DelayProfile#meanNanos()}.)
     *
     * @param meanDelayNanos the mean delay in nanoseconds, not negative
     */
    record Exponential(long meanDelayNanos) implements DelayProfile {
        public Exponential {
            Durations.requireNonNegative(meanDelayNanos, "exponential mean");
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return Math.round(random.nextExponential() * meanDelayNanos);
        }

        @Override
        public double meanNanos() {
            return meanDelayNanos;
        }

        @Override
        public String label() {
            return "exponential:" + Durations.format(meanDelayNanos);
        }
    }

    /**
     * Two kinds of task: most take {@code fastNanos}, a fraction take {@code slowNanos}. Shows how a
     * strategy copes with stragglers (head-of-line blocking).
     *
     * @param fastNanos    the common delay in nanoseconds, not negative
     * @param slowNanos    the rare delay in nanoseconds, not negative
     * @param slowFraction the share of slow tasks, from 0 to 1
     */
    record Bimodal(long fastNanos, long slowNanos, double slowFraction) implements DelayProfile {
        public Bimodal {
            Durations.requireNonNegative(fastNanos, "bimodal fast delay");
            Durations.requireNonNegative(slowNanos, "bimodal slow delay");
            if (!(slowFraction >= 0 && slowFraction <= 1)) {
                throw new IllegalArgumentException("bimodal slow fraction " + slowFraction + " is not from 0 to 1");
            }
            // -0.0 prints as 0 and would not equal the 0.0 that label() parses back to.
            slowFraction += 0.0;
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return random.nextDouble() < slowFraction ? slowNanos : fastNanos;
        }

        @Override
        public double meanNanos() {
            return fastNanos * (1 - slowFraction) + slowNanos * slowFraction;
        }

        @Override
        public String label() {
            return "bimodal:" + Durations.format(fastNanos) + ":" + Durations.format(slowNanos) + ":"
                    + BigDecimal.valueOf(slowFraction).stripTrailingZeros().toPlainString();
        }
    }
}
