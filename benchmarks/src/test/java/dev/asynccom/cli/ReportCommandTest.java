package dev.asynccom.cli;

import dev.asynccom.report.ReportPage;
import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.ResultsFixture;
import dev.asynccom.results.ResultsFolder;
import dev.asynccom.results.TrialRecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyThroughputValueIsABarOfItsConfiguration() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);

        List<Element> marks = marks(report(results));

        for (LatencyRow row : ResultsFixture.baselineRows()) {
            List<Element> bars = marks.stream().filter(m -> m.getAttribute("data-config").equals(row.config())
                    && m.getAttribute("data-metric").equals(LatencyCsv.THROUGHPUT)).toList();
            assertEquals(1, bars.size(), row.config());
            assertEquals("rect", bars.getFirst().getTagName());
            assertEquals(row.text(LatencyCsv.THROUGHPUT), bars.getFirst().getAttribute("data-y"));
            assertEquals(row.text(LatencyCsv.WORKERS), bars.getFirst().getAttribute("data-x"));
        }
    }

    @Test
    void eachStrategysP99FromTheHgrmIsMarkedOnItsCurve() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);

        List<Element> marks = marks(report(results));

        for (int s = 0; s < ResultsFixture.STRATEGIES.size(); s++) {
            for (int workers : ResultsFixture.WORKERS) {
                String config = ResultsFixture.config(ResultsFixture.STRATEGIES.get(s), workers);
                String p99 = valueAtLevel(ResultsFolder.hgrmFile(results, config), 0.99);
                assertEquals(ResultsFixture.tailMicros(s, workers), Double.parseDouble(p99),
                        ResultsFixture.tailMicros(s, workers) * 0.001, "the fixture's p99 is its tail");
                List<Element> p99Marks = marks.stream().filter(m -> m.getAttribute("data-config").equals(config)
                        && m.getAttribute("data-metric").equals("e2e_p99_us")).toList();
                assertEquals(1, p99Marks.size(), config);
                assertEquals(p99, p99Marks.getFirst().getAttribute("data-y"));
                assertEquals("0.99", p99Marks.getFirst().getAttribute("data-x"));
            }
        }
    }

    @Test
    void everyHgrmLineIsAPointWithItsExactText() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);
        String config = ResultsFixture.config("forkjoin", 2);

        List<Element> points = marks(report(results)).stream()
                .filter(m -> m.getAttribute("data-config").equals(config) && m.getAttribute("data-metric").equals("uncorrected"))
                .toList();

        List<String[]> lines = ResultsFixture.hgrmLines(ResultsFolder.uncorrectedHgrmFile(results, config));
        assertEquals(lines.size(), points.size());
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(lines.get(i)[0], points.get(i).getAttribute("data-y"));
            assertEquals(lines.get(i)[1], points.get(i).getAttribute("data-x"));
        }
    }

    @Test
    void pageMakesNoNetworkReferencesAndRunsNoScript() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);

        String html = report(results);

        Matcher addresses = Pattern.compile("(\\S*)https?://[^\"'\\s)]*").matcher(html);
        int count = 0;
        while (addresses.find()) {
            assertEquals("xmlns=\"http://www.w3.org/2000/svg", addresses.group(), "only the SVG namespace");
            count++;
        }
        assertTrue(count > 0, "the charts are inline SVG");
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("url("));
        assertFalse(html.contains("@import"));
    }

    @Test
    void writesWhereOutputOptionSaysAndTellsWhere() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);
        Path page = dir.resolve("elsewhere.html");

        CommandRun run = CommandRun.of(new ReportCommand(), results.toString(), "-o", page.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(page));
        assertFalse(Files.exists(results.resolve("report.html")));
        assertTrue(run.out().startsWith("Wrote " + page + ": "), run.out());
    }

    @Test
    void environmentIsShownWhenPresent() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);

        String html = report(results);

        assertTrue(html.contains("<th class=\"t\">jdk</th><td class=\"t\">25+36</td>"), "environment table");
    }

    @Test
    void folderWithOnlyLatencyCsvStillGivesThroughputCharts() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), false);

        List<Element> marks = marks(report(results));

        assertEquals(8, marks.stream().filter(m -> m.getAttribute("data-metric").equals(LatencyCsv.THROUGHPUT)).count());
        assertTrue(marks.stream().noneMatch(m -> m.getAttribute("data-metric").equals("e2e")));
        assertTrue(Files.readString(results.resolve("report.html")).contains(
                "No latency charts: this folder has no <code>trials/</code>"), "one line says why");
    }

    @Test
    void folderWithoutLatencyCsvExitsTwoWithOneSentence() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        CommandRun run = CommandRun.of(new ReportCommand(), empty.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneSentence(), run.err());
        assertEquals("asynccom report: " + empty + " holds no latency.csv, so it is not a results folder.", run.err().strip());
        assertFalse(Files.exists(empty.resolve("report.html")));
    }

    @Test
    void missingFolderExitsTwoWithOneSentence() {
        CommandRun run = CommandRun.of(new ReportCommand(), dir.resolve("nope").toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneSentence(), run.err());
    }

    @Test
    void brokenTrialLogExitsTwoNamingTheFile() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);
        Path log;
        try (Stream<Path> files = Files.list(results.resolve(TrialRecord.FOLDER))) {
            log = files.filter(f -> f.toString().endsWith(".hlog")).sorted().findFirst().orElseThrow();
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        int interval = lines.indexOf(lines.stream().filter(l -> l.startsWith("Tag=e2e,")).findFirst().orElseThrow());
        lines.set(interval, lines.get(interval).replaceFirst(",[^,]*$", ",oops"));
        Files.write(log, lines);

        CommandRun run = CommandRun.of(new ReportCommand(), results.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneSentence(), run.err());
        assertEquals("asynccom report: " + log + " is not a readable HdrHistogram log: interval 1 does not decode.",
                run.err().strip());
    }

    @Test
    void latencyChartsDoNotNeedTheHgrmFiles() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);
        List<Element> withHgrm = marks(report(results));
        try (Stream<Path> files = Files.list(results)) {
            for (Path hgrm : files.filter(f -> f.toString().endsWith(".hgrm")).toList()) {
                Files.delete(hgrm);
            }
        }

        List<Element> withoutHgrm = marks(report(results));

        assertTrue(withoutHgrm.stream().anyMatch(m -> m.getAttribute("data-metric").equals("e2e_p99_us")));
        assertEquals(withHgrm.size(), withoutHgrm.size());
    }

    @Test
    void sameFolderGivenAbsoluteOrRelativeGivesTheSamePage() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);
        Path relative = Path.of("").toAbsolutePath().relativize(results.toAbsolutePath());
        assertFalse(relative.isAbsolute());

        byte[] fromAbsolute = Files.readAllBytes(page(results.toAbsolutePath().toString()));
        byte[] fromRelative = Files.readAllBytes(page(relative.toString()));

        assertArrayEquals(fromAbsolute, fromRelative);
        String html = new String(fromAbsolute, StandardCharsets.UTF_8);
        assertFalse(html.contains(dir.toAbsolutePath().toString()), "no absolute path on the page");
        assertTrue(html.contains("Results folder <code>run</code> (this page's folder)"), html);
    }

    @Test
    void pageElsewhereNamesTheFolderRelativeToItself() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("runs/run"), ResultsFixture.baselineRows(), true);
        Path page = Files.createDirectories(dir.resolve("pages")).resolve("run.html");

        CommandRun run = CommandRun.of(new ReportCommand(), results.toString(), "-o", page.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.readString(page).contains("Results folder <code>../runs/run</code> (from this page)"));
    }

    /** Runs the report on a folder named as given and returns the page it wrote. */
    private static Path page(String resultsArgument) {
        CommandRun run = CommandRun.of(new ReportCommand(), resultsArgument);
        assertEquals(0, run.exitCode(), run.err());
        return Path.of(resultsArgument).resolve(ReportPage.DEFAULT_FILE_NAME);
    }

    @Test
    void everyLatencyLineHasAColourOfItsOwnEvenWithinOneStrategy() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);

        Map<String, Set<String>> strokesByConfig = new HashMap<>();
        for (Element mark : marks(report(results))) {
            if (mark.getAttribute("data-metric").startsWith("e2e_p")) {
                strokesByConfig.computeIfAbsent(mark.getAttribute("data-config"), c -> new HashSet<>())
                        .add(mark.getAttribute("stroke"));
            }
        }

        assertEquals(ResultsFixture.STRATEGIES.size() * ResultsFixture.WORKERS.size(), strokesByConfig.size());
        assertTrue(strokesByConfig.values().stream().allMatch(strokes -> strokes.size() == 1), "one colour a line");
        long colours = strokesByConfig.values().stream().flatMap(Set::stream).distinct().count();
        assertEquals(strokesByConfig.size(), colours, "two lines share a colour: " + strokesByConfig);
    }

    @Test
    void theHeaderListsTheStrategiesAndCountsTheBaselinesApart() throws Exception {
        List<LatencyRow> rows = new ArrayList<>(ResultsFixture.baselineRows());
        rows.add(LatencyRow.builder("baseline=RawQueueBenchmark.handOff capacity=1024")
                .set(LatencyCsv.BENCHMARK, "dev.asynccom.bench.RawQueueBenchmark.handOff")
                .set(LatencyCsv.THROUGHPUT, 1.2e7).build());
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), rows, false);

        String html = Files.readString(page(results.toString()));

        assertTrue(html.contains(" configurations, strategies platform, virtual, forkjoin, seed and 1 baseline"),
                html.substring(0, Math.min(html.length(), 2000)));
        // A baseline counts hand-offs, not tasks: it has a row in its own table and no bar among the strategies'.
        int section = html.indexOf("<section id=\"baselines\">");
        assertTrue(section > 0, "no baselines section");
        assertTrue(html.indexOf("baseline=RawQueueBenchmark.handOff capacity=1024", section) > 0);
        assertTrue(html.contains("one item handed from a producer thread to a consumer through an ArrayBlockingQueue"));
        assertTrue(marks(html).stream().noneMatch(m -> m.getAttribute("data-config").startsWith("baseline=")),
                "a baseline drawn among the strategies");
    }

    @Test
    void outputThatIsAFolderIsRefusedBeforeRendering() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), false);

        CommandRun run = CommandRun.of(new ReportCommand(), results.toString(), "-o", dir.toString());

        assertEquals(ExitCodes.BAD_INPUT, run.exitCode());
        assertEquals("asynccom report: -o " + dir + " is a folder: give a file name.", run.err().strip());
        assertEquals("", run.out());
    }

    /** Runs the report on a folder and returns the page it wrote. */
    private static String report(Path results) throws Exception {
        CommandRun run = CommandRun.of(new ReportCommand(), results.toString());
        assertEquals(0, run.exitCode(), run.err());
        return Files.readString(results.resolve("report.html"));
    }

    /** Parses the page as XML (it is written well-formed) and returns every element carrying data-config. */
    private static List<Element> marks(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        NodeList all = document.getElementsByTagName("*");
        List<Element> marks = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.hasAttribute("data-config")) {
                assertTrue(element.hasAttribute("data-metric") && element.hasAttribute("data-x")
                        && element.hasAttribute("data-y"), "every mark has all four data attributes");
                marks.add(element);
            }
        }
        assertNotNull(document.getDocumentElement());
        return marks;
    }

    /** The value of the first .hgrm line whose percentile reaches {@code level}. */
    private static String valueAtLevel(Path hgrm, double level) throws Exception {
        return ResultsFixture.hgrmLines(hgrm).stream().filter(l -> Double.parseDouble(l[1]) >= level)
                .findFirst().orElseThrow()[0];
    }
}
