package dev.asynccom.harness;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Resident memory as /proc/<pid>/status says it: the peak (VmHWM) and now (VmRSS), in KiB. */
class ProcStatusTest {
    @Test
    void readsPeakAndResidentFromAStatusFile() {
        String status = """
                Name:\tjava
                VmPeak:\t 8940736 kB
                VmSize:\t 8876544 kB
                VmHWM:\t  259096 kB
                VmRSS:\t  201344 kB
                Threads:\t31
                """;

        assertEquals(Optional.of(new ProcStatus(201344, 259096)), ProcStatus.parse(status));
    }

    @Test
    void aProcessWithoutMemoryFieldsReadsAsNone() {
        // A zombie (exited, not yet reaped) keeps its status file but loses its Vm lines.
        assertEquals(Optional.empty(), ProcStatus.parse("Name:\tjava\nState:\tZ (zombie)\nThreads:\t1\n"));
    }

    @Test
    void thisJvmIsResidentAndItsPeakIsAtLeastWhatIsResident() {
        assumeTrue(java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/self")), "Linux only");

        ProcStatus self = ProcStatus.of(ProcessHandle.current().pid()).orElseThrow();

        assertTrue(self.rssKib() > 10_000, "a JVM holds more than 10 MB: " + self);
        assertTrue(self.peakKib() >= self.rssKib(), self.toString());
        assertEquals(Optional.empty(), ProcStatus.of(Long.MAX_VALUE));
    }
}
