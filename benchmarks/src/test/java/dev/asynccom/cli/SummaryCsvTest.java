package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.core.client.Latencies;
import dev.asynccom.core.client.RunEnd;
import dev.asynccom.core.client.RunSummary;
import dev.asynccom.results.CsvFile;
import dev.asynccom.results.LatencyCsv;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryCsvTest {
    @TempDir
    Path dir;

    private static RunSummary summary(long ok, long missing) {
        Latencies latencies = Latencies.create();
        latencies.endToEnd().recordValue(1_500); // exact: HdrHistogram keeps values below 2048 unrounded
        return new RunSummary(ok + missing, ok + missing, 0, ok, 0, 0, 0, missing, 0, 0, 0, 0, ok, 0, new long[0],
                missing == 0 ? RunEnd.ANSWERED : RunEnd.SILENT, false, 2_000_000_000L, Double.NaN, latencies);
    }

    @Test
    void headerIsWrittenOnceAndRowsAppend() throws Exception {
        Path file = dir.resolve("runs/summary.csv");
        SummaryCsv.Setup setup = new SummaryCsv.Setup("binary", 16, 1, 0, 0);

        SummaryCsv.append(file, SummaryCsv.row(Instant.EPOCH, setup, summary(10, 0)));
        SummaryCsv.append(file, SummaryCsv.row(Instant.EPOCH, setup, summary(8, 2)));

        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals(String.join(",", SummaryCsv.COLUMNS), lines.get(0));
        List<String> second = List.of(lines.get(2).split(",", -1));
        assertEquals(SummaryCsv.COLUMNS.size(), second.size());
        assertEquals("2", second.get(SummaryCsv.COLUMNS.indexOf("missing")));
        assertEquals("2000", second.get(SummaryCsv.COLUMNS.indexOf("makespan_ms")));
        assertEquals("4", second.get(SummaryCsv.COLUMNS.indexOf("tasks_per_s")));
        assertEquals("1.5", second.get(SummaryCsv.COLUMNS.indexOf("e2e_p50_us")));
        assertEquals("", second.get(SummaryCsv.COLUMNS.indexOf("service_p50_us")), "no data stays empty");
    }

    @Test
    void valuesWithCommasQuotesAndLineBreaksAreQuotedAndReadBack() throws Exception {
        Path file = dir.resolve("summary.csv");
        String codec = "binary, \"v2\"\nsecond line";
        SummaryCsv.Setup setup = new SummaryCsv.Setup(codec, 16, 1, 0, 0);

        SummaryCsv.append(file, SummaryCsv.row(Instant.EPOCH, setup, summary(10, 0)));
        SummaryCsv.append(file, SummaryCsv.row(Instant.EPOCH, setup, summary(8, 2)));

        assertTrue(Files.readString(file).contains(",\"binary, \"\"v2\"\"\nsecond line\","), Files.readString(file));
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, CsvFile.FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            assertEquals(3, records.size());
            assertEquals(SummaryCsv.COLUMNS, records.get(0).toList());
            assertEquals(codec, records.get(2).get(SummaryCsv.COLUMNS.indexOf(SummaryCsv.CODEC)));
            assertEquals("2", records.get(2).get(SummaryCsv.COLUMNS.indexOf("missing")));
        }
    }

    @Test
    void resendsDeadlineAndHowTheRunEndedAreColumnsAfterTheOlderOnes() throws Exception {
        Path file = dir.resolve("summary.csv");
        RunSummary resent = new RunSummary(10, 10, 4, 10, 0, 0, 0, 0, 0, 3, 0, 0, 10, 0, new long[0], RunEnd.ANSWERED,
                false, 2_000_000_000L, Double.NaN, Latencies.create());
        SummaryCsv.Setup setup = new SummaryCsv.Setup("binary", 16, 1, 0, 0, Duration.ofMillis(1500), 3, Duration.ZERO);

        SummaryCsv.append(file, SummaryCsv.row(Instant.EPOCH, setup, resent));

        List<String> row = List.of(Files.readAllLines(file).get(1).split(",", -1));
        List<String> added = List.of("resent", "resend_duplicates", "end", "retry_after_ms", "retries", "deadline_ms");
        assertEquals(added, SummaryCsv.COLUMNS.subList(SummaryCsv.COLUMNS.size() - added.size(), SummaryCsv.COLUMNS.size()));
        assertEquals(List.of("4", "3", "answered", "1500", "3", ""), row.subList(row.size() - added.size(), row.size()),
                "no deadline is no data");
        assertEquals("0", row.get(SummaryCsv.COLUMNS.indexOf("duplicates")), "resend duplicates are no duplicates");
    }

    @Test
    void resultsReadmeDocumentsEveryColumn() throws Exception {
        Path readme = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(readme.resolve("results/README.md"))) {
            readme = readme.getParent();
        }
        String text = Files.readString(readme.resolve("results/README.md"));
        String section = text.substring(text.indexOf("## The client's --csv file"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        for (String column : SummaryCsv.COLUMNS) {
            // Latency columns are documented once, as <kind>_p50_us and so on.
            boolean latency = Arrays.stream(LatencyCsv.Kind.values()).anyMatch(k -> column.startsWith(k.prefix() + "_"));
            assertTrue(latency || section.contains("`" + column + "`"), "results/README.md does not document " + column);
        }
    }

    @Test
    void fileWithOtherColumnsIsNotAppendedTo() throws Exception {
        Path file = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");

        UserError error = assertThrows(UserError.class, () -> SummaryCsv.append(file,
                SummaryCsv.row(Instant.EPOCH, new SummaryCsv.Setup("binary", 16, 1, 0, 0), summary(1, 0))));

        assertTrue(error.getMessage().contains("other.csv"), error.getMessage());
        assertEquals("a,b\n1,2\n", Files.readString(file));
    }
}
