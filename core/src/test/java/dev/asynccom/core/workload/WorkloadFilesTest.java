package dev.asynccom.core.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkloadFilesTest {
    @Test
    void waitsAreWrittenAsExactDecimalSeconds() {
        assertEquals("0", WorkloadFiles.seconds(0));
        assertEquals("0.001", WorkloadFiles.seconds(1_000_000));
        assertEquals("1.5", WorkloadFiles.seconds(1_500_000_000));
        assertEquals("0.000000001", WorkloadFiles.seconds(1));
    }

    @Test
    void whatIsWrittenLoadsBackEntryForEntry(@TempDir Path dir) throws IOException, InputFormatException {
        SyntheticWorkload workload = SyntheticWorkload.generate(300, DelayProfile.parse("exponential:5ms"), 7);
        Path server = dir.resolve(WorkloadFiles.SERVER_FILE);
        Path client = dir.resolve(WorkloadFiles.CLIENT_FILE);
        WorkloadFiles.writeServerFile(server, workload.delayMap());
        WorkloadFiles.writeClientFile(client, workload.commands());
        DelayMap map = DelayMap.load(server);
        CommandList commands = CommandList.load(client);
        assertEquals(workload.delayMap().size(), map.size());
        for (int i = 0; i < map.size(); i++) {
            int j = workload.delayMap().indexOf(map.host(i), map.command(i));
            assertEquals(workload.delayMap().delayNanos(j), map.delayNanos(i), map.host(i));
            assertEquals(workload.delayMap().response(j), map.response(i));
        }
        assertEquals(workload.commands().size(), commands.size());
        for (int i = 0; i < commands.size(); i++) {
            assertEquals(workload.commands().task(i, i).key(), commands.task(i, i).key());
        }
    }
}
