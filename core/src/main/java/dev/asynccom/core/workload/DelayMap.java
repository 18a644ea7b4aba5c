package dev.asynccom.core.workload;

import dev.asynccom.core.Task;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's table of known commands: for each {@code host:command}, the response to answer and the
 * delay to emulate, as the seed's {@code server_data.txt} lists them.
 *
 * <p>Immutable and so safe to share between any number of worker threads. Lookups allocate nothing:
 * entries live in parallel arrays, indexed {@code 0..size()-1} in the order their keys first
 * appeared, and an open-addressing {@link KeyTable} (at most half full) maps the hash of
 * {@code host + ':' + command} to an entry without building that string.
 */
public final class DelayMap {
    /** The most entries a map holds, so its table (twice as many slots) stays a Java array. */
    static final int MAX_ENTRIES = 1 << 29;

    private final String[] hosts;
    private final String[] commands;
    private final int[] responses;
    private final long[] delays;
    /** The {@link KeyTable} of the entries. */
    private final long[] table;
    private final int shift;
    private final long responseSum;
    private final long totalDelayNanos;

    private DelayMap(String[] hosts, String[] commands, int[] responses, long[] delays, long[] builderTable) {
        this.hosts = hosts;
        this.commands = commands;
        this.responses = responses;
        this.delays = delays;
        int bits = KeyTable.tableBits(hosts.length);
        this.shift = 32 - bits;
        if (builderTable.length == 1 << bits) {
            // Same size, same slots: a sequential copy instead of a million random inserts.
            this.table = builderTable.clone();
        } else {
            this.table = new long[1 << bits];
            for (long element : builderTable) {
                if (element != 0) {
                    KeyTable.insert(table, shift, element);
                }
            }
        }
        long sum = 0;
        long total = 0;
        for (int i = 0; i < hosts.length; i++) {
            sum += responses[i];
            total = saturatedAdd(total, delays[i]);
        }
        this.responseSum = sum;
        this.totalDelayNanos = total;
    }

    /**
     * Loads a server file, one {@code <ipv4>:<command>:<response int>:<wait seconds>} per line
     * ({@code 137.72.95.0:foo:1:0.5}). Strict dotted IPv4 (no leading zeros); a command is any
     * non-empty token without {@code ':'}, white space or control characters, of at most
     * {@link Task#MAX_STRING_BYTES} bytes (what a task can carry); the response is a 32-bit integer; the
     * wait is a finite non-negative decimal number of seconds ({@code 1}, {@code 0.5}, {@code 1e-3}),
     * rounded to nanoseconds. The file is UTF-8; blank lines, {@code #} comment lines, surrounding
     * white space and CRLF endings are accepted; a line may be at most 1 MiB. When a key appears twice,
     * the later line wins, as in the seed ({@link #load(Path, LoadMode)} reports it).
     *
     * @throws InputFormatException at the first bad line (naming file and line), or when the file
     *                              cannot be read (line 0)
     */
    public static DelayMap load(Path file) throws InputFormatException {
        return load(file, LoadMode.STRICT).value();
    }

    /**
     * Loads a server file as {@link #load} does, but skips bad lines and reports them, as the seed
     * silently did.
     *
     * @throws InputFormatException only when the file cannot be read
     */
    public static LoadReport<DelayMap> loadLenient(Path file) throws InputFormatException {
        return load(file, LoadMode.LENIENT);
    }

    /**
     * Loads a server file as {@link #load} or {@link #loadLenient} does, and reports the keys that a
     * later line defines again ({@link LoadReport#redefined()}).
     *
     * @throws InputFormatException when the file cannot be read, or (strict) at the first bad line
     */
    public static LoadReport<DelayMap> load(Path file, LoadMode mode) throws InputFormatException {
        return ServerFile.load(file, mode);
    }

    /** A builder expecting about {@code expectedSize} entries (it grows past that as needed). */
    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /** Number of distinct {@code host:command} entries. */
    public int size() {
        return hosts.length;
    }

    /**
     * The index of the entry for {@code host:command}, or -1 when there is none. Allocates nothing.
     */
    public int indexOf(String host, String command) {
        int h = KeyTable.keyHash(host, command);
        int mask = table.length - 1;
        for (int slot = KeyTable.firstSlot(h, shift); ; slot = (slot + 1) & mask) {
            long element = table[slot];
            if (element == 0) {
                return -1;
            }
            if (KeyTable.hash(element) == h) {
                int entry = KeyTable.entry(element);
                if (hosts[entry].equals(host) && commands[entry].equals(command)) {
                    return entry;
                }
            }
        }
    }

    /** The index of the entry for the task's {@code host:command}, or -1 when there is none. */
    public int indexOf(Task task) {
        return indexOf(task.host(), task.command());
    }

    /** The host of entry {@code index} (0-based, below {@link #size()}). */
    public String host(int index) {
        return hosts[index];
    }

    /** The command of entry {@code index}. */
    public String command(int index) {
        return commands[index];
    }

    /** The response entry {@code index} answers. */
    public int response(int index) {
        return responses[index];
    }

    /** The delay of entry {@code index}, in nanoseconds (0 for none). */
    public long delayNanos(int index) {
        return delays[index];
    }

    /** The sum of all entries' responses: what a client sending every known command once adds up. */
    public long responseSum() {
        return responseSum;
    }

    /** The sum of all entries' delays in nanoseconds, saturating at {@link Long#MAX_VALUE}. */
    public long totalDelayNanos() {
        return totalDelayNanos;
    }

    @Override
    public String toString() {
        return "DelayMap[" + size() + " entries]";
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /**
     * Collects entries for a {@link DelayMap}; a key put again replaces its response and delay (the
     * later one wins) and keeps its index. Owned by one thread; {@link #build} copies, so the builder
     * can go on being used.
     */
    public static final class Builder {
        private String[] hosts;
        private String[] commands;
        private int[] responses;
        private long[] delays;
        private long[] table;
        private int shift;
        private int size;

        private Builder(int expectedSize) {
            if (expectedSize < 0 || expectedSize > MAX_ENTRIES) {
                throw new IllegalArgumentException("expected size must be between 0 and " + MAX_ENTRIES + ", got "
                        + expectedSize);
            }
            allocate(Math.max(expectedSize, 8));
        }

        /**
         * Adds or replaces the entry for {@code host:command}.
         *
         * @param delayNanos the delay to emulate, in nanoseconds, not negative
         * @return this builder
         */
        public Builder put(String host, String command, int response, long delayNanos) {
            add(host, command, response, delayNanos);
            return this;
        }

        /** {@link #put}, returning the entry's index: {@link #size()} before the call when the key is new. */
        int add(String host, String command, int response, long delayNanos) {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(command, "command");
            if (delayNanos < 0) {
                throw new IllegalArgumentException("delay must not be negative, got " + delayNanos + " ns for "
                        + host + ':' + command);
            }
            int h = KeyTable.keyHash(host, command);
            int mask = table.length - 1;
            int slot = KeyTable.firstSlot(h, shift);
            for (long element; (element = table[slot]) != 0; slot = (slot + 1) & mask) {
                int entry = KeyTable.entry(element);
                if (KeyTable.hash(element) == h && hosts[entry].equals(host) && commands[entry].equals(command)) {
                    responses[entry] = response;
                    delays[entry] = delayNanos;
                    return entry;
                }
            }
            if (size == hosts.length) {
                grow();
                return add(host, command, response, delayNanos);
            }
            hosts[size] = host;
            commands[size] = command;
            responses[size] = response;
            delays[size] = delayNanos;
            table[slot] = KeyTable.element(h, size);
            return size++;
        }

        /** Number of distinct entries put so far. */
        public int size() {
            return size;
        }

        /** An immutable map of the entries put so far. */
        public DelayMap build() {
            return new DelayMap(Arrays.copyOf(hosts, size), Arrays.copyOf(commands, size),
                    Arrays.copyOf(responses, size), Arrays.copyOf(delays, size), table);
        }

        private void grow() {
            if (size >= MAX_ENTRIES) {
                throw new IllegalStateException("a DelayMap holds at most " + MAX_ENTRIES + " entries");
            }
            long[] oldTable = table;
            String[] oldHosts = hosts;
            String[] oldCommands = commands;
            int[] oldResponses = responses;
            long[] oldDelays = delays;
            allocate((int) Math.min(size * 2L, MAX_ENTRIES));
            System.arraycopy(oldHosts, 0, hosts, 0, size);
            System.arraycopy(oldCommands, 0, commands, 0, size);
            System.arraycopy(oldResponses, 0, responses, 0, size);
            System.arraycopy(oldDelays, 0, delays, 0, size);
            for (long element : oldTable) {
                if (element != 0) {
                    KeyTable.insert(table, shift, element);
                }
            }
        }

        private void allocate(int capacity) {
            hosts = new String[capacity];
            commands = new String[capacity];
            responses = new int[capacity];
            delays = new long[capacity];
            int bits = KeyTable.tableBits(capacity);
            table = new long[1 << bits];
            shift = 32 - bits;
        }
    }
}
