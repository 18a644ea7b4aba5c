package dev.asynccom.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code results.json}: a whole run in one file for tools that would rather not parse CSV. It holds
 * {@code environment} (environment.properties' keys), {@code latency} (latency.csv's rows, one object per
 * row, numbers as numbers and no data left out), {@code capacity} (every capacity record, as in
 * {@code capacity/*.json}: steps, curve, diagnostics), {@code decision} (decision.csv's rows) and
 * {@code jmh} (JMH's own JSON result format, as {@code -rf json} writes it). Written once, by the harness.
 */
public final class ResultsJson {
    public static final String FILE_NAME = "results.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {
    }

    /** Writes {@code <dir>/results.json}; returns it. */
    public static Path write(Path dir, List<LatencyRow> rows, List<CapacityRecord> capacities,
                             EnvironmentFile environment, List<RunResult> jmh) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode env = root.putObject("environment");
        environment.values().forEach(env::put);
        ArrayNode latency = root.putArray("latency");
        for (LatencyRow row : rows) {
            ObjectNode item = latency.addObject();
            for (Map.Entry<String, String> cell : row.values().entrySet()) {
                if (cell.getValue().isEmpty()) {
                    item.putNull(cell.getKey());
                } else if (LatencyCsv.isNumeric(cell.getKey())) {
                    item.put(cell.getKey(), new BigDecimal(cell.getValue()));
                } else {
                    item.put(cell.getKey(), cell.getValue());
                }
            }
        }
        ArrayNode capacity = root.putArray("capacity");
        capacities.forEach(c -> capacity.add(c.toJsonTree()));
        ArrayNode decision = root.putArray("decision");
        for (CapacityTable.Decision d : CapacityTable.decisions(capacities)) {
            ObjectNode item = decision.addObject();
            item.put("transport", d.workload().transport());
            item.put("batch", d.workload().batch());
            item.put("delay", d.workload().delay());
            item.put("slo", d.workload().slo());
            item.put("recommended", d.recommended());
            item.put("capacity_tasks_per_s", Math.round(d.capacity()));
            if (d.runnerUp() == null) {
                item.putNull("runner_up");
            } else {
                item.put("runner_up", d.runnerUp());
                item.put("runner_up_capacity_tasks_per_s", Math.round(d.runnerUpCapacity()));
                item.put("ratio", d.ratio());
            }
            item.put("ranking", d.ranking());
        }
        ByteArrayOutputStream jmhJson = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(jmhJson, false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, print).writeOut(jmh);
        }
        String text = jmhJson.toString(StandardCharsets.UTF_8);
        root.set("jmh", text.isBlank() ? JSON.createArrayNode() : JSON.readTree(text));
        Path file = dir.resolve(FILE_NAME);
        JSON.writeValue(file.toFile(), root);
        return file;
    }
}
