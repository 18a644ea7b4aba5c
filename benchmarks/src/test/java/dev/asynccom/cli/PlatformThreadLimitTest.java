package dev.asynccom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform-thread bound comes from the lowest of the kernel's counts, the cgroup's and memory. */
class PlatformThreadLimitTest {
    @TempDir
    Path root;

    private void file(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void machine(String threadsMax, String pidMax, String processes, String memAvailableKib)
            throws IOException {
        file("proc/loadavg", "0.52 0.40 0.35 2/1000 4242\n");
        file("proc/sys/kernel/threads-max", threadsMax + "\n");
        file("proc/sys/kernel/pid_max", pidMax + "\n");
        file("proc/self/limits", "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max processes             " + processes + "                " + processes + "                processes\n");
        file("proc/meminfo", "MemTotal:       24000000 kB\nMemAvailable:   " + memAvailableKib + " kB\n");
    }

    @Test
    void lowestCountLessTheThreadsInUseAndTheReserveBinds() throws Exception {
        machine("192730", "32768", "96365", "23000000");

        PlatformThreadLimit limit = PlatformThreadLimit.read(root);

        assertEquals(32768 - 1000 - PlatformThreadLimit.RESERVE, limit.available());
        assertTrue(limit.explanation().startsWith("kernel.pid_max 32768 less 1000 threads in use and 64 kept"),
                limit.explanation());
        assertTrue(limit.explanation().contains("ulimit -u 96365"), limit.explanation());
    }

    @Test
    void memoryBindsWhenItIsShort() throws Exception {
        machine("192730", "4194304", "unlimited", Long.toString(640 * 1024)); // 640 MiB: 10,240 threads

        PlatformThreadLimit limit = PlatformThreadLimit.read(root);

        assertEquals(640L * 1024 * 1024 / PlatformThreadLimit.BYTES_PER_THREAD - PlatformThreadLimit.RESERVE,
                limit.available());
        assertTrue(limit.explanation().startsWith("memory for 10240 threads and 64 kept"), limit.explanation());
    }

    @Test
    void cgroupPidsMaxCountsItsOwnTasks() throws Exception {
        machine("192730", "4194304", "unlimited", "23000000");
        file("proc/self/cgroup", "0::/build/job7\n");
        file("sys/fs/cgroup/build/job7/pids.max", "5000\n");
        file("sys/fs/cgroup/build/job7/pids.current", "300\n");

        assertEquals(5000 - 300 - PlatformThreadLimit.RESERVE, PlatformThreadLimit.read(root).available());
    }

    @Test
    void cgroupV1PidsControllerIsFoundToo() throws Exception {
        machine("192730", "4194304", "unlimited", "23000000");
        file("proc/self/cgroup", "9:name=systemd:/\n8:pids:/ci\n0::/\n");
        file("sys/fs/cgroup/pids/ci/pids.max", "2000\n");
        file("sys/fs/cgroup/pids/ci/pids.current", "0\n");
        file("sys/fs/cgroup/pids.max", "max\n");

        assertEquals(2000 - PlatformThreadLimit.RESERVE, PlatformThreadLimit.read(root).available());
    }

    @Test
    void noFiguresMeanNoLimit() {
        PlatformThreadLimit limit = PlatformThreadLimit.read(root);

        assertEquals(Long.MAX_VALUE, limit.available());
    }
}
