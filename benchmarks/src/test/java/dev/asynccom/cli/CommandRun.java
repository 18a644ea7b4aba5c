package dev.asynccom.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** One execution of a picocli command, with its errors reported as the launcher reports them, output captured. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = CliErrors.install(new CommandLine(command));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exitCode = line.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** Whether stderr is a single sentence: one line ending in a full stop (or a question mark), no stack trace. */
    boolean errIsOneSentence() {
        String text = err.strip();
        return !text.isEmpty() && text.lines().count() == 1 && (text.endsWith(".") || text.endsWith("?"))
                && !text.contains("Exception");
    }
}
