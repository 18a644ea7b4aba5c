package dev.asynccom.core.workload;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A generated server table and the client commands that use it, for workloads larger or differently
 * timed than the seed's 512 one-second tasks.
 *
 * @param delayMap the server's table: {@code size} distinct {@code host:command} entries
 * @param commands every entry of the table exactly once, in a shuffled order
 */
public record SyntheticWorkload(DelayMap delayMap, CommandList commands) {
    /** Commands per emulated host: {@code cmd0} to {@code cmd7}. */
    public static final int COMMANDS_PER_HOST = 8;
    /** The most entries {@link #generate} makes: 8 commands on each of the 2^24 hosts of 10.0.0.0/8. */
    public static final int MAX_SIZE = COMMANDS_PER_HOST << 24;

    private static final String[] COMMAND_NAMES = new String[COMMANDS_PER_HOST];

    static {
        for (int i = 0; i < COMMANDS_PER_HOST; i++) {
            COMMAND_NAMES[i] = "cmd" + i;
        }
    }

    public SyntheticWorkload {
        Objects.requireNonNull(delayMap, "delayMap");
        Objects.requireNonNull(commands, "commands");
    }

    /** The random seed the benchmarks and {@code generate} use unless told otherwise. */
    public static final long DEFAULT_RANDOM_SEED = 42;

    /**
     * Generates {@code size} entries {@code 10.a.b.c:cmdN}, filling each host's eight commands before
     * the next host, each with response 1 (so a run's response sum is its task count) and a delay drawn
     * from {@code profile}; the command list holds each entry once, shuffled.
     *
     * <p>The same random seed always gives the same workload. The order of the commands depends only on the
     * random seed and size, not on the profile, so runs that differ in profile send the same sequence.
     *
     * @param size number of entries, from 0 to {@link #MAX_SIZE}
     * @throws IllegalArgumentException when {@code size} is out of range
     */
    public static SyntheticWorkload generate(int size, DelayProfile profile, long randomSeed) {
        Objects.requireNonNull(profile, "profile");
        if (size < 0 || size > MAX_SIZE) {
            throw new IllegalArgumentException("workload size must be from 0 to " + MAX_SIZE + ", got " + size);
        }
        SplittableRandom delayRandom = new SplittableRandom(randomSeed);
        SplittableRandom orderRandom = delayRandom.split();

        String[] hosts = new String[size];
        String[] commands = new String[size];
        String host = null;
        DelayMap.Builder builder = DelayMap.builder(size);
        for (int i = 0; i < size; i++) {
            if (i % COMMANDS_PER_HOST == 0) {
                int h = i / COMMANDS_PER_HOST;
                host = "10." + (h >>> 16) + "." + (h >>> 8 & 0xFF) + "." + (h & 0xFF);
            }
            hosts[i] = host;
            commands[i] = COMMAND_NAMES[i % COMMANDS_PER_HOST];
            builder.put(host, commands[i], 1, profile.sampleNanos(delayRandom));
        }

        // Fisher-Yates: every order equally likely.
        for (int i = size - 1; i > 0; i--) {
            int j = orderRandom.nextInt(i + 1);
            String swapHost = hosts[i];
            hosts[i] = hosts[j];
            hosts[j] = swapHost;
            String swapCommand = commands[i];
            commands[i] = commands[j];
            commands[j] = swapCommand;
        }
        return new SyntheticWorkload(builder.build(), CommandList.wrap(hosts, commands));
    }
}
