package dev.asynccom.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts of their own for tests that run worker JVMs apart: network namespaces {@code asynccom-<pid>-<k>},
 * each joined by a veth pair to one bridge in the root namespace, all in one free {@code 10.213.<n>.0/24}:
 * the bridge (the root side) is {@code .1}, host {@code k} is {@code .k+1}, so the hosts reach the root side
 * and each other. The test that creates it owns every namespace, link and address in it; {@link #close()}
 * removes them (a shutdown hook does, if the test JVM is stopped first), and {@link #create} first removes
 * what runs that died left behind. Needs root and iproute2's {@code ip}; without them {@link #create} fails
 * with one sentence, so tests never skip silently.
 *
 * <p>Hosts reach each other across the bridge; on a machine whose {@code br_netfilter} passes bridged packets
 * to an iptables FORWARD chain that drops them (Docker's default policy), they still reach the root side
 * but no longer each other.
 *
 * <p>Linux names links with at most 15 characters, so the root side's links are {@code acbr-<pid>} (the
 * bridge) and {@code acv-<pid>-<k>} rather than {@code asynccom-...}; in each namespace the link is
 * {@code eth0}.
 */
final class NetNamespaces implements AutoCloseable {
    /** What is left after the {@code 10.213.<n>.} of a subnet: 1 the root side, 2..254 the hosts. */
    static final int MAX_HOSTS = 253;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LINK_UP_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern NAMESPACE = Pattern.compile("asynccom-(\\d+)-\\d+");
    private static final Pattern LINK = Pattern.compile("ac(?:br|v)-(\\d+)(?:-\\d+)?");
    private static final Pattern IPV4 = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)(?:/(\\d+))?");
    /** Serialises subnet choice between fixtures of this JVM; the lock file does it between JVMs. */
    private static final Object CHOOSING = new Object();
    private static final Path CHOICE_LOCK = Path.of(System.getProperty("java.io.tmpdir"), "asynccom-netns.lock");

    /**
     * One host: {@code name} is its namespace; a process on it binds and is reached at {@code address}; a
     * server in the root namespace bound to {@code rootAddress} is what it reaches there; {@code link} is the
     * root side's end of its veth pair, the cable {@link #cut} pulls.
     */
    record Host(String name, String address, String rootAddress, String link) {
        /**
         * {@code ip netns exec <name>}: a command after it runs on this host. {@code ip} enters the namespace
         * and then execs the command, so the pid of the started {@link Process} is the command's own and
         * signals sent to it reach the command (for the first milliseconds, until the exec, that pid is still
         * ip's: a test waits for the command's first output before it signals).
         */
        List<String> prefix() {
            return List.of(ip().toString(), "netns", "exec", name);
        }

        /** {@link #prefix()} followed by {@code command}, ready for a {@link ProcessBuilder}. */
        List<String> command(List<String> command) {
            List<String> all = new ArrayList<>(prefix());
            all.addAll(command);
            return all;
        }

        /** {@link #command(List)} of the given words. */
        List<String> command(String... command) {
            return command(List.of(command));
        }
    }

    private final long pid = ProcessHandle.current().pid();
    private final int subnet;
    private final String bridge;
    private final List<Host> hosts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = Thread.ofPlatform().name("net-namespaces-cleanup").unstarted(this::remove);

    private NetNamespaces(int subnet, int count) {
        this.subnet = subnet;
        this.bridge = "acbr-" + pid;
        List<Host> all = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            all.add(new Host("asynccom-" + pid + "-" + k, address(k + 1), address(1), "acv-" + pid + "-" + k));
        }
        this.hosts = List.copyOf(all);
    }

    /**
     * Creates {@code count} hosts (1 to {@value #MAX_HOSTS}) in the first {@code 10.213.<n>.0/24} that no
     * address or route of this machine overlaps.
     *
     * @throws IllegalStateException when this JVM is not root, {@code ip} is missing, or an {@code ip}
     *                               command fails (its output is in the message)
     */
    static NetNamespaces create(int count) {
        if (count < 1 || count > MAX_HOSTS) {
            throw new IllegalArgumentException("NetNamespaces holds 1 to " + MAX_HOSTS + " hosts, not " + count);
        }
        unusableReason(effectiveUid(), findIp()).ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        NetNamespaces fixture;
        synchronized (CHOOSING) {
            try (FileChannel channel = FileChannel.open(CHOICE_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                removeStale();
                fixture = new NetNamespaces(freeSubnet(), count);
                Runtime.getRuntime().addShutdownHook(fixture.shutdownHook);
                try {
                    // The address goes on before the lock is released: the next run's choice sees it.
                    fixture.addBridge();
                } catch (RuntimeException e) {
                    fixture.close();
                    throw e;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + CHOICE_LOCK + " to choose a subnet", e);
            }
        }
        try {
            fixture.addHosts();
            return fixture;
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    /** The hosts, in the order of their {@code k}. */
    List<Host> hosts() {
        return hosts;
    }

    /** {@code 10.213.<n>.0/24}. */
    String subnet() {
        return "10.213." + subnet + ".0/24";
    }

    /**
     * Pulls {@code host}'s cable: its bridge port goes down, so what it sends and what is sent to it vanish
     * without an answer, as on a real cut. No reset and no ICMP error reach either side: an established TCP
     * connection only retransmits (for up to {@code tcp_retries2}, some 15 minutes) and carries on after
     * {@link #restore}, and a new connection attempt times out rather than being refused.
     *
     * <p>Two things would turn that silence into errors, and the layout rules both out. A /30 per pair would
     * lose its route with the link, and every send to the host would fail at once with "Network is
     * unreachable": the bridge keeps the subnet's route. An address whose hardware address is unknown
     * fails to resolve after some 3 s, and the kernel then tells the local sender "No route to host"; so
     * every hardware address is fixed ({@link #mac}) and entered as a permanent neighbour on every side.
     * {@code tc netem loss 100%} would do the same without either precaution, but {@code sch_netem} is a
     * kernel module that many kernels lack (the one this was written on among them).
     */
    void cut(Host host) {
        ip("link", "set", mine(host).link(), "down");
    }

    /** Puts {@code host}'s cable back and returns once its bridge port forwards again. */
    void restore(Host host) {
        ip("link", "set", mine(host).link(), "up");
        Path sys = Path.of("/sys/class/net", host.link());
        long deadline = System.nanoTime() + LINK_UP_TIMEOUT.toNanos();
        // 3 is BR_STATE_FORWARDING; without STP the port forwards as soon as both ends are up.
        while (!read(sys.resolve("operstate")).equals("up") || !read(sys.resolve("brport/state")).equals("3")) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(host.link() + " did not come back up within " + LINK_UP_TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** Removes the hosts, the bridge and its address; processes still running on a host are killed. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNotAdded) {
            // The hook runs, or runs already, or was never added: remove() is idempotent.
        }
        remove();
    }

    private void addBridge() {
        ip("link", "add", bridge, "address", mac(1), "type", "bridge");
        ip("addr", "add", address(1) + "/24", "dev", bridge);
        ip("link", "set", bridge, "up");
    }

    private void addHosts() {
        for (int i = 0; i < hosts.size(); i++) {
            Host host = hosts.get(i);
            ip("netns", "add", host.name());
            ip("link", "add", host.link(), "type", "veth", "peer", "name", "eth0", "netns", host.name(),
                    "address", mac(i + 2));
            ip("link", "set", host.link(), "master", bridge, "up");
            ip("-n", host.name(), "addr", "add", host.address() + "/24", "dev", "eth0");
            ip("-n", host.name(), "link", "set", "lo", "up");
            ip("-n", host.name(), "link", "set", "eth0", "up");
            ip("neigh", "replace", host.address(), "lladdr", mac(i + 2), "dev", bridge, "nud", "permanent");
        }
        for (Host host : hosts) {
            ip("-n", host.name(), "neigh", "replace", address(1), "lladdr", mac(1), "dev", "eth0", "nud", "permanent");
            for (int j = 0; j < hosts.size(); j++) {
                if (hosts.get(j) != host) {
                    ip("-n", host.name(), "neigh", "replace", address(j + 2), "lladdr", mac(j + 2), "dev", "eth0",
                            "nud", "permanent");
                }
            }
        }
    }

    private void remove() {
        if (closed.getAndSet(true)) {
            return;
        }
        for (Host host : hosts) {
            tryIp("link", "delete", host.link()); // at once; the namespace's end would go only when it is freed
            removeNamespace(host.name());
        }
        tryIp("link", "delete", bridge);
    }

    private Host mine(Host host) {
        if (!hosts.contains(host)) {
            throw new IllegalArgumentException(host.name() + " is not a host of " + bridge);
        }
        return host;
    }

    private String address(int last) {
        return "10.213." + subnet + "." + last;
    }

    /** Locally administered, unique on the bridge: {@code 02:00} and the four bytes of the address. */
    private String mac(int last) {
        return String.format("02:00:0a:d5:%02x:%02x", subnet, last);
    }

    /**
     * Why this JVM cannot make hosts, in one sentence, or empty if it can.
     *
     * @param uid the effective user id, -1 if unknown
     * @param ip  where iproute2's {@code ip} is, if anywhere
     */
    static Optional<String> unusableReason(long uid, Optional<Path> ip) {
        if (ip.isEmpty()) {
            return Optional.of("NetNamespaces needs iproute2's ip, which is neither on the PATH nor in /usr/sbin or "
                    + "/sbin: install iproute2 (.ci/run does) and run the tests again");
        }
        if (uid != 0) {
            return Optional.of("NetNamespaces needs root to create network namespaces, and this JVM runs as "
                    + (uid < 0 ? "an unknown user" : "uid " + uid) + ": run the tests as root, as CI does");
        }
        return Optional.empty();
    }

    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).strip().split("\\s+")[1]); // real, effective, ...
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // Unknown: reported as such.
        }
        return -1;
    }

    private static Optional<Path> findIp() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String dir : dirs) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "ip"))) {
                return Optional.of(Path.of(dir, "ip").toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static Path ip() {
        return IpHolder.IP;
    }

    private static final class IpHolder {
        static final Path IP = findIp().orElseThrow(() -> new IllegalStateException(
                unusableReason(0, Optional.empty()).orElseThrow()));
    }

    /** Removes namespaces and links named for a pid that no longer runs: what killed test JVMs left. */
    private static void removeStale() {
        for (String line : ip("netns", "list").split("\n")) {
            String name = line.split(" ", 2)[0];
            Matcher m = NAMESPACE.matcher(name);
            if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                removeNamespace(name);
            }
        }
        for (String line : ip("-o", "link", "show").split("\n")) {
            String[] fields = line.split(": ", 3);
            if (fields.length < 2) {
                continue;
            }
            String name = fields[1].split("@", 2)[0];
            Matcher m = LINK.matcher(name);
            if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                tryIp("link", "delete", name);
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills what still runs in {@code name}, which would otherwise keep the namespace alive, then deletes it. */
    private static void removeNamespace(String name) {
        tryRun(List.of(ip().toString(), "netns", "pids", name)).ifPresent(pids -> {
            for (String pid : pids.split("\\s+")) {
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        });
        tryIp("netns", "delete", name);
    }

    /** The first {@code n} for which no IPv4 address or route of the root namespace overlaps 10.213.n.0/24. */
    private static int freeSubnet() {
        List<int[]> taken = new ArrayList<>(); // {network, prefix length}
        for (String line : ip("-4", "-o", "addr", "show").split("\n")) {
            int inet = line.indexOf(" inet ");
            if (inet >= 0) {
                parsePrefix(line.substring(inet + 6).split("\\s+", 2)[0]).ifPresent(taken::add);
            }
        }
        for (String line : ip("-4", "route", "show", "table", "all").split("\n")) {
            for (String word : line.strip().split("\\s+", 3)) { // the prefix comes first, after a route type if any
                Optional<int[]> prefix = parsePrefix(word);
                if (prefix.isPresent()) {
                    taken.add(prefix.get());
                    break;
                }
            }
        }
        for (int n = 1; n <= 254; n++) {
            int candidate = (10 << 24) | (213 << 16) | (n << 8);
            if (taken.stream().noneMatch(t -> t[1] > 0 && overlaps(t[0], t[1], candidate, 24))) {
                return n;
            }
        }
        throw new IllegalStateException("NetNamespaces found no free 10.213.<n>.0/24: every one overlaps an address "
                + "or route of this machine (ip -4 route show table all)");
    }

    private static Optional<int[]> parsePrefix(String word) {
        Matcher m = IPV4.matcher(word);
        if (!m.matches()) {
            return Optional.empty();
        }
        int address = 0;
        for (int i = 1; i <= 4; i++) {
            address = (address << 8) | Integer.parseInt(m.group(i));
        }
        return Optional.of(new int[] {address, m.group(5) == null ? 32 : Integer.parseInt(m.group(5))});
    }

    private static boolean overlaps(int a, int aLength, int b, int bLength) {
        int length = Math.min(aLength, bLength);
        int mask = length == 0 ? 0 : -1 << (32 - length);
        return (a & mask) == (b & mask);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs {@code ip args...} and returns its output. */
    static String ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ip().toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private static void tryIp(String... args) {
        List<String> command = new ArrayList<>(List.of(ip().toString()));
        command.addAll(List.of(args));
        tryRun(command);
    }

    private static Optional<String> tryRun(List<String> command) {
        try {
            return Optional.of(run(command));
        } catch (IllegalStateException | UncheckedIOException alreadyGone) {
            return Optional.empty();
        }
    }

    /** Output goes to a file, so a chatty command cannot block on a full pipe while we wait for it. */
    private static String run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("asynccom-ip", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(new File("/dev/null")).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish within "
                        + COMMAND_TIMEOUT);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed with exit code "
                        + process.exitValue() + ": " + text.strip());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A temporary file left behind in the temporary directory.
                }
            }
        }
    }
}
