package dev.asynccom.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exit codes of every command of {@code benchmarks.jar}, the harness included: one table, so a script
 * can test a code without knowing which command ran. Each command's {@code --help} lists the codes it can
 * end with ({@link #helpList}), and the README shows {@link #markdownTable()} (a test keeps it so).
 */
public final class ExitCodes {
    /** Done as asked: every task came back ok, a server drained, files written, no regression. */
    public static final int OK = 0;
    /** Results are missing: tasks never answered, a server that could not drain, benchmarks without a result. */
    public static final int MISSING = 1;
    /** Bad input, refused before any work started: one sentence says what and where. */
    public static final int BAD_INPUT = 2;
    /** Done, but the answer is not all good: tasks answered not ok, a regression found. */
    public static final int NOT_ALL_OK = 3;
    /** An unexpected failure: a bug, reported in one sentence. */
    public static final int INTERNAL = 4;
    /** The work was done, but writing (or reading back) its results failed: disk full, folder removed meanwhile. */
    public static final int OUTPUT_FAILED = 5;

    /** The key of the harness (the launcher run without a command) in {@link #ROWS}. */
    static final String HARNESS = "harness";
    static final String HEADING = "%nExit codes:%n";

    /**
     * One code: what it means in general, and for each command that can end with it, when.
     *
     * @param byCommand command name ({@link #HARNESS} for the harness, {@code *} for every command) to the
     *                  case that ends it with this code ("" when the meaning says it all)
     */
    record Row(int code, String meaning, Map<String, String> byCommand) {
        /** The {@code --help} line for {@code command}, or null when the command never ends with this code. */
        String helpLine(String command) {
            String when = byCommand.getOrDefault(command, byCommand.get("*"));
            return when == null ? null : when.isEmpty() ? meaning : meaning + ": " + when;
        }
    }

    static final List<Row> ROWS = List.of(
            new Row(OK, "done", ordered(
                    "client", "every task came back ok (a resent task answered twice included)",
                    "server", "stopped by SIGINT or SIGTERM after draining every accepted task",
                    "worker", "stopped by SIGINT or SIGTERM after its goodbye, every task it held answered",
                    "generate", "both files written",
                    "keygen", "both certificate files written",
                    "capacity", "the capacity found (or it is at least --max-rate)",
                    "compare", "no regression",
                    "report", "the page written",
                    "remote-workers", "every configuration measured, every task ok",
                    "soak", "every task answered ok, once",
                    "fairness", "every run measured, every task ok",
                    "curve-cost", "every round of both modes measured, every task ok",
                    "virtual-scale", "every leg of every round measured, every task of every client run answered ok, "
                            + "once",
                    "cold-start", "every run of every mode measured, every task answered",
                    HARNESS, "every benchmark and capacity search gave a result, the results folder and its report "
                            + "written")),
            new Row(MISSING, "results missing", ordered(
                    "client", "some results never came back (--timeout, --deadline, server gone, stopped by SIGINT "
                            + "or SIGTERM: the summary names what is missing)",
                    "server", "accepted tasks did not finish within the drain timeout",
                    "worker", "tasks it held did not finish within the drain timeout",
                    "soak", "tasks missing, or stopped early (--deadline, SIGINT or SIGTERM, a JVM that exited): "
                            + "soak.csv holds what came back",
                    "fairness", "stopped by SIGINT or SIGTERM: the rows measured so far are written",
                    "curve-cost", "stopped by SIGINT or SIGTERM: the rounds measured so far written",
                    "virtual-scale", "a client run lost, doubled or failed a task, the bare program reported nothing, or "
                            + "stopped by SIGINT or SIGTERM: the legs measured so far written",
                    "cold-start", "a run did not account for every task (told on stderr, left out of the medians), "
                            + "or stopped by SIGINT or SIGTERM: the runs measured so far written",
                    HARNESS, "some benchmarks or capacity searches gave no result (jmh.log or the search's log says "
                            + "why); the files of what finished are written")),
            new Row(BAD_INPUT, "bad input, nothing done", ordered(
                    "client", "a bad file line, URL, option or number, a missing file, a host that does not "
                            + "resolve, a --csv or --hgrm that cannot be written, --retry-after with --codec seed",
                    "server", "a bad or empty map file, a bad URL, option or number, a port in use, more platform "
                            + "threads than this machine can start",
                    "worker", "a bad or empty map file, a bad URL, option or number, more platform threads than "
                            + "this machine can start",
                    "generate", "a bad option or number, an --out that cannot be written",
                    "keygen", "a bad --name, an --out that cannot be written, a key file of that name already there",
                    "capacity", "a bad SLO, option or number, a bad endpoint or commands file",
                    "compare", "a missing or unreadable results folder or latency.csv, a bad option",
                    "report", "a missing or unreadable results folder, an -o that cannot be written",
                    "remote-workers", "a bad option or number, an --out that cannot be written",
                    "soak", "a bad option or number, an --out that is not a new or empty folder",
                    "fairness", "a bad option or number, an --out that cannot be written",
                    "curve-cost", "a bad option or number, an --out that is a file, holds files already or cannot "
                            + "be created",
                    "virtual-scale", "a bad option or number, a --seed-files folder without the two files, an --out "
                            + "that is not a new or empty folder",
                    "cold-start", "a bad option or number, a --seed that is no checkout of the seed, an --aot-cache "
                            + "that does not fit the jar and JDK, an --out that is not a new or empty folder",
                    HARNESS, "a bad option, a command or benchmark that does not exist, an --out that is not a "
                            + "new or empty folder")),
            new Row(NOT_ALL_OK, "done, but not all good", ordered(
                    "client", "every result came back, but not all ok (unknown command, failed, rejected) or one "
                            + "came more often than its task was sent",
                    "capacity", "the SLO was not met even at the lowest rate tried (--min-rate)",
                    "compare", "a regression: some metric significantly worse by more than the threshold",
                    "remote-workers", "a configuration lost or doubled a task",
                    "soak", "every task came back, but not all ok, or some more than once",
                    "fairness", "a run lost or doubled a task, or one was not ok",
                    "curve-cost", "a round (or its warm-up) lost, doubled or failed a task: told on stderr, the "
                            + "round's row marked failed and left out of the medians")),
            new Row(INTERNAL, "unexpected failure (a bug: please report the message)", ordered("*", "")),
            new Row(OUTPUT_FAILED, "done, but its output failed", ordered(
                    "client", "--csv or --hgrm could not be written after the run (disk full?)",
                    "generate", "a file could not be written (disk full?)",
                    "keygen", "a certificate file could not be written (disk full?); none is left half-written",
                    "report", "the page could not be written (disk full?)",
                    "remote-workers", "remote-workers.csv could not be written (disk full?)",
                    "soak", "soak.csv could not be written (disk full?)",
                    "fairness", "fairness.csv could not be written (disk full?)",
                    "curve-cost", "curve-cost.csv could not be written (disk full?)",
                    "virtual-scale", "virtual-scale.csv or its summary could not be written (disk full?)",
                    "cold-start", "cold-start.csv could not be written (disk full?)",
                    HARNESS, "a result file could not be written or read back (disk full?)")));

    private ExitCodes() {
    }

    /** The {@code --help} exit-code list of {@code command}: each code it can end with, and what it means there. */
    static Map<String, String> helpList(String command) {
        Map<String, String> list = new LinkedHashMap<>();
        for (Row row : ROWS) {
            String line = row.helpLine(command);
            if (line != null) {
                list.put(Integer.toString(row.code()), line);
            }
        }
        return list;
    }

    /** The table as the README shows it: code, meaning, and when each command ends with it. */
    static String markdownTable() {
        StringBuilder table = new StringBuilder("| code | meaning | when |\n|---|---|---|\n");
        for (Row row : ROWS) {
            List<String> cases = row.byCommand().entrySet().stream()
                    .map(e -> switch (e.getKey()) {
                        case "*" -> "any command";
                        case HARNESS -> "the benchmarks (no command): " + e.getValue();
                        default -> "`" + e.getKey() + "`: " + e.getValue();
                    })
                    .toList();
            table.append("| ").append(row.code()).append(" | ").append(row.meaning()).append(" | ")
                    .append(String.join("<br>", cases)).append(" |\n");
        }
        return table.toString();
    }

    private static Map<String, String> ordered(String... commandsAndMeanings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < commandsAndMeanings.length; i += 2) {
            map.put(commandsAndMeanings[i], commandsAndMeanings[i + 1]);
        }
        return map;
    }
}
