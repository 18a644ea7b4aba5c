package dev.asynccom.cli;

import dev.asynccom.report.ReportPage;
import dev.asynccom.results.OutputPaths;
import dev.asynccom.results.ResultsFolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code report <results-dir>}: one self-contained HTML page of charts and tables from a results
 * folder (see {@link ResultsFolder}). Exits {@link ExitCodes#OK} when written, {@link ExitCodes#BAD_INPUT}
 * when the folder cannot be read, {@link ExitCodes#OUTPUT_FAILED} when the page cannot be written.
 */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Writes one self-contained HTML page (inline SVG charts, no scripts, no network) from a results folder:",
                "latency percentile distributions, throughput, efficiency, key numbers and the environment."})
public final class ReportCommand implements Callable<Integer> {


    @Parameters(index = "0", paramLabel = "<results-dir>",
            description = "A results folder: latency.csv, and optionally trials/ (the HdrHistogram logs the latency "
                    + "charts are drawn from) and environment.properties.")
    private Path resultsDir;

    @Option(names = {"-o", "--output"}, paramLabel = "<file>",
            description = "Where to write the page (default: <results-dir>/" + ReportPage.DEFAULT_FILE_NAME + ").")
    private Path output;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ResultsFolder folder = ResultsFolder.load(resultsDir);
        Path target = output != null ? OutputPaths.requireWritableFile(output, "-o")
                : OutputPaths.requireWritableFile(resultsDir.resolve(ReportPage.DEFAULT_FILE_NAME), "<results-dir>");
        int charts = ReportPage.write(folder, target);
        out.printf("Wrote %s: %d charts for %d configurations.%n", target, charts, folder.rows().size());
        out.flush();
        return ExitCodes.OK;
    }
}
