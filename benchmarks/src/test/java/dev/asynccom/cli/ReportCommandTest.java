package dev.asynccom.cli;

import dev.asynccom.results.LatencyCsv;
import dev.asynccom.results.LatencyRow;
import dev.asynccom.results.ResultsFixture;
import dev.asynccom.results.ResultsFolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

        List<String[]> lines = hgrmLines(ResultsFolder.uncorrectedHgrmFile(results, config));
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
    void brokenHgrmExitsTwoNamingFileAndLine() throws Exception {
        Path results = ResultsFixture.writeFolder(dir.resolve("run"), ResultsFixture.baselineRows(), true);
        Path hgrm = ResultsFolder.hgrmFile(results, ResultsFixture.config("seed", 4));
        List<String> lines = new ArrayList<>(Files.readAllLines(hgrm));
        lines.set(4, "   oops 0.5 1000 2.00");
        Files.write(hgrm, lines);

        CommandRun run = CommandRun.of(new ReportCommand(), results.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.errIsOneSentence(), run.err());
        assertEquals("asynccom report: " + hgrm + " line 5: 'oops' is not a latency value.", run.err().strip());
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

    /** The data lines of a .hgrm as [value, percentile] text, read independently of the report's parser. */
    private static List<String[]> hgrmLines(Path hgrm) throws Exception {
        List<String[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(hgrm)) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && fields[0].matches("[0-9.]+")) {
                lines.add(new String[] {fields[0], fields[1]});
            }
        }
        return lines;
    }

    /** The value of the first .hgrm line whose percentile reaches {@code level}. */
    private static String valueAtLevel(Path hgrm, double level) throws Exception {
        return hgrmLines(hgrm).stream().filter(l -> Double.parseDouble(l[1]) >= level)
                .findFirst().orElseThrow()[0];
    }
}
