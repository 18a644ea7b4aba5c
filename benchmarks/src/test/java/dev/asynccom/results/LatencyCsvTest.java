package dev.asynccom.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyCsvTest {

    @TempDir
    Path dir;

    @Test
    void writtenRowsReadBackEqual() throws Exception {
        List<LatencyRow> rows = new ArrayList<>(ResultsFixture.baselineRows());
        rows.add(LatencyRow.builder("load=\"open, 1000/s\" strategy=virtual")
                .set(LatencyCsv.STRATEGY, "virtual").set(LatencyCsv.LOAD, "open, 1000/s")
                .set(LatencyCsv.THROUGHPUT, 1.5e7).set(LatencyCsv.THROUGHPUT_ERROR, Double.NaN)
                .build());
        Path file = dir.resolve("latency.csv");

        LatencyCsv.write(file, rows);

        assertEquals(rows, LatencyCsv.read(file));
        assertEquals(String.join(",", LatencyCsv.COLUMNS), Files.readAllLines(file).getFirst());
        assertEquals("15000000", LatencyCsv.read(file).getLast().text(LatencyCsv.THROUGHPUT));
        assertEquals("", LatencyCsv.read(file).getLast().text(LatencyCsv.THROUGHPUT_ERROR));
    }

    @Test
    void valuesWithCommasQuotesAndLineBreaksReadBackEqual() throws Exception {
        LatencyRow odd = LatencyRow.builder("baseline=Raw \"quoted\", with a comma\nand a second line")
                .set(LatencyCsv.BENCHMARK, "one\r\ntwo, \"three\"").set(LatencyCsv.LOAD, "rate:1,000")
                .set(LatencyCsv.THROUGHPUT, 12.5).build();
        List<LatencyRow> rows = List.of(odd, ResultsFixture.baselineRows().getFirst());
        Path file = dir.resolve("latency.csv");

        LatencyCsv.write(file, rows);

        assertEquals(rows, LatencyCsv.read(file));
        assertTrue(Files.readString(file).contains(
                "\"baseline=Raw \"\"quoted\"\", with a comma\nand a second line\",\"one\r\ntwo, \"\"three\"\"\""));
    }

    @Test
    void lineNumbersCountTheLinesInsideQuotedValues() throws Exception {
        List<LatencyRow> rows = new ArrayList<>(ResultsFixture.baselineRows());
        rows.set(0, rows.getFirst().toBuilder().set(LatencyCsv.BENCHMARK, "first\nsecond\nthird").build());
        Path file = dir.resolve("latency.csv");
        LatencyCsv.write(file, rows);
        Files.writeString(file, Files.readString(file).replaceFirst("(?s)(.*?\n.*?\n.*?\n.*?\n.*?),burst,", "$1,burst,x,"));

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertTrue(e.getMessage().startsWith(file + " line 5: found 66 fields"), e.getMessage());
    }

    @Test
    void blankLinesAreSkippedAndStillCounted() throws Exception {
        Path file = writeBaseline();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(1, "");
        lines.add(3, "   ");
        Files.write(file, lines);
        assertEquals(ResultsFixture.baselineRows(), LatencyCsv.read(file));
        replaceField(file, 5, LatencyCsv.WORKERS, "two");

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertEquals(file + " line 5, column workers: 'two' is not a whole number.", e.getMessage());
    }

    @Test
    void quoteLeftOpenNamesTheLineItStartsOn() throws Exception {
        Path file = writeBaseline();
        replaceField(file, 4, LatencyCsv.LOAD, "\"burst");

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertEquals(file + " line 4: a quoted value is not closed.", e.getMessage());
    }

    @Test
    void slugTurnsSpacesIntoUnderscoresAndEqualsIntoDashes() {
        assertEquals("transport-inproc_strategy-platform_workers-2",
                LatencyCsv.slug("transport=inproc strategy=platform workers=2"));
    }

    @Test
    void slugHasNoCharacterAWindowsFileNameRefuses() {
        assertEquals("delay-constant_1ms_load-rate_2000_x_y", LatencyCsv.slug("delay=constant:1ms load=rate:2000 x/y"));
        assertEquals("two__lines", LatencyCsv.slug("two\r\nlines"));
    }

    @Test
    void aFileWrittenBeforeTheUnitColumnReadsWithTheUnitItsRowsCount() throws Exception {
        Path file = writeBaseline();
        List<String> lines = Files.readAllLines(file);
        int unit = List.of(lines.getFirst().split(",")).indexOf(LatencyCsv.THROUGHPUT_UNIT);
        List<String> without = lines.stream().map(l -> {
            List<String> fields = new ArrayList<>(List.of(l.split(",", -1)));
            fields.remove(unit);
            return String.join(",", fields);
        }).toList();
        Files.write(file, without);
        List<LatencyRow> rows = LatencyCsv.read(file);
        assertTrue(rows.stream().allMatch(r -> r.throughputUnit().equals(r.strategy().isEmpty() ? "ops/s" : "tasks/s")));
    }

    @Test
    void everyLatencyKindHasItsSixColumnsAndE2eItsErrors() {
        assertEquals(25 + 6 * 6 + 4, LatencyCsv.COLUMNS.size());
        assertTrue(LatencyCsv.COLUMNS.containsAll(List.of("overshoot_p999_us", "transport_count", "queue_max_us",
                "e2e_p50_us_error", "e2e_p99_us_error", "e2e_p999_us_error", "uncorrected_p99_us_error",
                "uncorrected_p99_us")));
    }

    @Test
    void nonNumericValueNamesFileLineAndColumn() throws Exception {
        Path file = writeBaseline();
        replaceField(file, 3, LatencyCsv.THROUGHPUT, "fast");

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertEquals(file + " line 3, column throughput_tasks_per_s: 'fast' is not a number with '.' decimals.",
                e.getMessage());
    }

    @Test
    void decimalCommaIsNotANumber() throws Exception {
        Path file = writeBaseline();
        replaceField(file, 2, LatencyCsv.E2E_P99_US, "\"1234,5\"");

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertEquals(file + " line 2, column e2e_p99_us: '1234,5' is not a number with '.' decimals.", e.getMessage());
    }

    @Test
    void fractionInWholeNumberColumnNamesTheColumn() throws Exception {
        Path file = writeBaseline();
        replaceField(file, 4, LatencyCsv.WORKERS, "2.5");

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertEquals(file + " line 4, column workers: '2.5' is not a whole number.", e.getMessage());
    }

    @Test
    void missingColumnNamesFileAndColumn() throws Exception {
        Path file = writeBaseline();
        int drop = LatencyCsv.COLUMNS.indexOf(LatencyCsv.MAKESPAN_MS_ERROR);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
            fields.remove(drop);
            lines.add(String.join(",", fields));
        }
        Files.write(file, lines);

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertEquals(file + " line 1: missing column 'makespan_ms_error'.", e.getMessage());
    }

    @Test
    void lineWithTooFewFieldsNamesTheLine() throws Exception {
        Path file = writeBaseline();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(5, lines.get(5).substring(0, lines.get(5).lastIndexOf(',')));
        Files.write(file, lines);

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertTrue(e.getMessage().startsWith(file + " line 6: found 64 fields where the header names 65"), e.getMessage());
    }

    @Test
    void repeatedConfigurationIsRefusedWithItsLine() throws Exception {
        Path file = writeBaseline();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(lines.get(1));
        Files.write(file, lines);

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertTrue(e.getMessage().startsWith(file + " line 10, column config: configuration '"), e.getMessage());
    }

    @Test
    void missingFileIsOneSentence() {
        Path file = dir.resolve("nowhere/latency.csv");

        BadInputException e = assertThrows(BadInputException.class, () -> LatencyCsv.read(file));

        assertEquals("Cannot read " + file + ": no such file.", e.getMessage());
    }

    @Test
    void builderReadsHistogramNanosecondsAsMicroseconds() {
        Histogram nanos = new Histogram(3_600_000_000_000L, 3);
        nanos.recordValueWithCount(250_000, 990);
        nanos.recordValueWithCount(7_000_000, 10);

        LatencyRow row = LatencyRow.builder("c").latency(LatencyCsv.Kind.QUEUE, nanos).build();

        assertEquals(250.0, row.number("queue_p50_us").getAsDouble(), 0.25);
        assertEquals(250.0, row.number("queue_p99_us").getAsDouble(), 0.25);
        assertEquals(7000.0, row.number("queue_p999_us").getAsDouble(), 7.0);
        assertEquals(7000.0, row.number("queue_max_us").getAsDouble(), 7.0);
        assertEquals("1000", row.text("queue_count"));
    }

    @Test
    void emptyHistogramLeavesLatenciesEmptyAndCountsZero() {
        LatencyRow row = LatencyRow.builder("c").latency(LatencyCsv.Kind.SERVICE, new Histogram(3)).build();

        assertEquals("", row.text("service_p99_us"));
        assertEquals("0", row.text("service_count"));
    }

    @Test
    void builderRefusesUnknownColumnsAndTextInNumbers() {
        assertThrows(IllegalArgumentException.class, () -> LatencyRow.builder("c").set("throughput", 1.0).build());
        assertThrows(IllegalArgumentException.class, () -> LatencyRow.builder("c").set(LatencyCsv.RUNS, "five").build());
        assertThrows(IllegalArgumentException.class, () -> LatencyRow.builder("c").set(LatencyCsv.WORKERS, 2.5).build());
        assertThrows(IllegalArgumentException.class, () -> LatencyRow.builder("").build());
    }

    @Test
    void writerRefusesTwoRowsOfOneConfiguration() {
        LatencyRow row = LatencyRow.builder("c").build();

        assertThrows(IllegalArgumentException.class, () -> LatencyCsv.write(dir.resolve("x.csv"), List.of(row, row)));
    }

    private Path writeBaseline() throws IOException {
        Path file = dir.resolve("latency.csv");
        LatencyCsv.write(file, ResultsFixture.baselineRows());
        return file;
    }

    /** Replaces one field of one line (1-based, as an editor counts); the fixture has no quoted fields. */
    private static void replaceField(Path file, int lineNumber, String column, String text) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String[] fields = lines.get(lineNumber - 1).split(",", -1);
        fields[LatencyCsv.COLUMNS.indexOf(column)] = text;
        lines.set(lineNumber - 1, String.join(",", fields));
        Files.write(file, lines);
    }
}
