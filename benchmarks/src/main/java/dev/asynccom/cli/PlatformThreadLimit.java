package dev.asynccom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many more platform threads this process may start, from what Linux says: the lowest of
 * {@code kernel.threads-max} and {@code kernel.pid_max} (threads count as tasks) and the process limit
 * ({@code ulimit -u}) less the threads running on the machine, the pids cgroup's {@code pids.max} less its
 * {@code pids.current}, and the available memory at {@value #BYTES_PER_THREAD} bytes a thread. Asking for
 * more ends in {@code OutOfMemoryError: unable to create native thread}, after a long wait for the ones that
 * did start; a server refuses it up front. Where a figure cannot be read (not Linux), it sets no limit.
 *
 * @param limits    what each source allows, the binding one first
 * @param available the threads that can still be started, {@link Long#MAX_VALUE} when nothing is known
 */
record PlatformThreadLimit(List<Limit> limits, long available) {
    /**
     * What a started platform thread costs at least: its kernel stack (16 KiB), the JVM's thread structures
     * and the few pages of its 1 MiB stack reservation it touches. An estimate on the low side, so the
     * memory bound errs towards allowing; the counts of threads the kernel allows bind first on most machines.
     */
    static final long BYTES_PER_THREAD = 64 * 1024;
    /** Threads left to the JVM itself, the transport and the rest of the server. */
    static final long RESERVE = 64;

    /** The limits of this machine now. */
    static PlatformThreadLimit ofThisMachine() {
        return read(Path.of("/"));
    }

    /** The limits as the files under {@code root} ({@code /} on a real machine) say them. */
    static PlatformThreadLimit read(Path root) {
        Path proc = root.resolve("proc");
        long running = runningThreads(proc);
        List<Limit> found = new ArrayList<>();
        add(found, "kernel.threads-max %d", number(proc.resolve("sys/kernel/threads-max")), running);
        add(found, "kernel.pid_max %d", number(proc.resolve("sys/kernel/pid_max")), running);
        add(found, "ulimit -u %d", processLimit(proc.resolve("self/limits")), running);
        Path cgroup = pidsCgroup(root, proc.resolve("self/cgroup"));
        if (cgroup != null) {
            add(found, "the cgroup's pids.max %d", number(cgroup.resolve("pids.max")),
                    number(cgroup.resolve("pids.current")));
        }
        long memAvailable = memAvailableBytes(proc.resolve("meminfo"));
        add(found, "memory for %d threads",
                memAvailable == Long.MAX_VALUE ? Long.MAX_VALUE : memAvailable / BYTES_PER_THREAD, 0);
        found.sort((a, b) -> Long.compare(a.headroom(), b.headroom()));
        long available = found.isEmpty() ? Long.MAX_VALUE : Math.max(0, found.getFirst().headroom() - RESERVE);
        return new PlatformThreadLimit(List.copyOf(found), available);
    }

    /**
     * Why {@link #available()} is what it is: {@code kernel.pid_max 32768 less 1046 threads in use and 64
     * kept for the server (kernel.threads-max 192730, ulimit -u 96365 and memory for 184549 threads allow more)}.
     */
    String explanation() {
        if (limits.isEmpty()) {
            return "no limit is known";
        }
        Limit binding = limits.getFirst();
        String reason = binding.describe() + (binding.inUse() > 0 ? " less " + binding.inUse() + " threads in use" : "")
                + " and " + RESERVE + " kept for the server";
        List<String> others = limits.subList(1, limits.size()).stream().map(Limit::describe).toList();
        return others.isEmpty() ? reason : reason + " (" + CliErrors.andList(others) + " allow more)";
    }

    /**
     * One source of a limit.
     *
     * @param name  how the sentence names it, with {@code %d} for the value
     * @param inUse threads already counted against it (0 when unknown)
     */
    record Limit(String name, long value, long inUse) {
        long headroom() {
            return value - inUse;
        }

        String describe() {
            return String.format(Locale.ROOT, name, value);
        }
    }

    private static void add(List<Limit> limits, String name, long value, long inUse) {
        if (value != Long.MAX_VALUE) {
            limits.add(new Limit(name, value, inUse == Long.MAX_VALUE ? 0 : inUse));
        }
    }

    /** Scheduling entities (threads) on the machine: the fourth field of /proc/loadavg, {@code running/total}. */
    private static long runningThreads(Path proc) {
        String[] fields = firstLine(proc.resolve("loadavg")).split("\\s+");
        int slash = fields.length > 3 ? fields[3].indexOf('/') : -1;
        return slash < 0 ? Long.MAX_VALUE : parse(fields[3].substring(slash + 1));
    }

    /** The soft limit of {@code Max processes} in /proc/self/limits. */
    private static long processLimit(Path limits) {
        for (String line : lines(limits)) {
            if (line.startsWith("Max processes")) {
                String[] fields = line.substring("Max processes".length()).strip().split("\\s+");
                return fields.length > 0 ? parse(fields[0]) : Long.MAX_VALUE;
            }
        }
        return Long.MAX_VALUE;
    }

    /** The pids cgroup folder of this process: cgroup v1's {@code pids} controller, else v2's unified one. */
    private static Path pidsCgroup(Path root, Path cgroupFile) {
        Path v2 = null;
        for (String line : lines(cgroupFile)) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3) {
                continue;
            }
            String relative = fields[2].startsWith("/") ? fields[2].substring(1) : fields[2];
            if (List.of(fields[1].split(",")).contains("pids")) {
                return root.resolve("sys/fs/cgroup/pids").resolve(relative);
            }
            if (fields[0].equals("0") && fields[1].isEmpty()) {
                v2 = root.resolve("sys/fs/cgroup").resolve(relative);
            }
        }
        return v2;
    }

    private static long memAvailableBytes(Path meminfo) {
        for (String line : lines(meminfo)) {
            if (line.startsWith("MemAvailable:")) {
                String[] fields = line.substring("MemAvailable:".length()).strip().split("\\s+");
                long kib = parse(fields[0]);
                return kib == Long.MAX_VALUE ? kib : kib * 1024;
            }
        }
        return Long.MAX_VALUE;
    }

    private static long number(Path file) {
        return parse(firstLine(file).strip());
    }

    /** A count, or {@link Long#MAX_VALUE} for {@code max}, {@code unlimited} or anything unreadable. */
    private static long parse(String text) {
        try {
            long value = Long.parseLong(text.strip().toLowerCase(Locale.ROOT));
            return value < 0 ? Long.MAX_VALUE : value;
        } catch (NumberFormatException notANumber) {
            return Long.MAX_VALUE;
        }
    }

    private static String firstLine(Path file) {
        List<String> lines = lines(file);
        return lines.isEmpty() ? "" : lines.getFirst();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | SecurityException unreadable) {
            return List.of();
        }
    }
}
