package dev.asynccom.harness;

import dev.asynccom.core.UserError;
import dev.asynccom.loop.LoopConfig;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The harness's command line, read before anything runs: {@code --out DIR} (or {@code --out=DIR}) anywhere,
 * everything else JMH's own options and benchmark regexes, with each {@code -p} value of a loop parameter
 * checked.
 *
 * @param jmhArgs the arguments for JMH, in order
 * @param out     the results folder asked for, or null for the default
 * @param jmh     JMH's reading of {@code jmhArgs}, or null when there are none (the default suite)
 */
record HarnessCommandLine(List<String> jmhArgs, Path out, CommandLineOptions jmh) {
    /** The option naming the results folder; the rest of the command line goes to JMH. */
    static final String OUT_OPTION = "--out";

    HarnessCommandLine {
        jmhArgs = List.copyOf(jmhArgs);
    }

    /** @throws UserError for an {@code --out} without a folder or arguments JMH does not take */
    static HarnessCommandLine parse(String[] args) {
        List<String> jmhArgs = new ArrayList<>();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String folder = null;
            if (args[i].equals(OUT_OPTION)) {
                folder = i + 1 < args.length ? args[++i] : "";
            } else if (args[i].startsWith(OUT_OPTION + "=")) {
                folder = args[i].substring(OUT_OPTION.length() + 1);
            } else {
                jmhArgs.add(args[i]);
                continue;
            }
            if (folder.isBlank()) {
                throw new UserError(OUT_OPTION + " needs a folder: " + OUT_OPTION + " results/mine");
            }
            out = Path.of(folder);
        }
        if (jmhArgs.isEmpty()) {
            return new HarnessCommandLine(jmhArgs, out, null);
        }
        CommandLineOptions jmh;
        try {
            jmh = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UserError("cannot read the JMH options: " + e.getMessage() + "; -h lists them");
        }
        requireLoopParams(jmh);
        return new HarnessCommandLine(jmhArgs, out, jmh);
    }

    /** A {@code -p} value no loop benchmark can take fails now, not in every fork after the others ran. */
    private static void requireLoopParams(CommandLineOptions jmh) {
        for (String name : LoopConfig.PARAMS) {
            for (String value : jmh.getParameter(name).orElse(List.of())) {
                String problem = LoopConfig.problemWith(name, value);
                if (problem != null) {
                    throw new UserError("-p " + name + "=" + value + ": " + problem);
                }
            }
        }
    }
}
