package dev.asynccom.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultsJsonTest {
    @TempDir
    Path dir;

    @Test
    void oneFileHoldsWhatTheCsvFilesHold() throws Exception {
        LatencyRow row = LatencyRow.builder("transport=inproc strategy=platform workers=2")
                .set(LatencyCsv.STRATEGY, "platform").set(LatencyCsv.THROUGHPUT, 2_500_000.5)
                .set(LatencyCsv.THROUGHPUT_ERROR, Double.NaN).build();
        CapacityRecord capacity = CapacityTableTest.record("inproc", "platform", 32, "constant:5ms", 6200, 6300);
        EnvironmentFile environment = EnvironmentFile.ofThisMachine().put("cores", "2");
        Path file = ResultsJson.write(dir, List.of(row), List.of(capacity), environment, List.of());
        assertEquals(dir.resolve("results.json"), file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals("2", json.get("environment").get("cores").asText());
        JsonNode latency = json.get("latency").get(0);
        assertTrue(latency.get(LatencyCsv.THROUGHPUT).isNumber(), "numbers as numbers");
        assertEquals(2_500_000.5, latency.get(LatencyCsv.THROUGHPUT).asDouble());
        assertTrue(latency.get(LatencyCsv.THROUGHPUT_ERROR).isNull(), "no data as null");
        assertEquals("platform", latency.get(LatencyCsv.STRATEGY).asText());
        JsonNode search = json.get("capacity").get(0);
        assertEquals(6200, search.get("capacity").asDouble());
        assertEquals(3, search.get("steps").size());
        assertEquals("platform-32", json.get("decision").get(0).get("recommended").asText());
        assertTrue(json.get("jmh").isArray());
    }
}
