package dev.asynccom.cli;

import dev.asynccom.core.UserError;
import dev.asynccom.core.workload.DelayProfile;
import dev.asynccom.core.workload.SyntheticWorkload;
import dev.asynccom.core.workload.WorkloadFiles;
import dev.asynccom.results.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code generate}: writes a {@link SyntheticWorkload} as the seed's two data files, so any workload
 * (zero delay, 1 ms, exponential, ...) can be run through the client and server commands.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
                "Writes a generated workload in the seed's file formats: <out>/server_data.txt for the server "
                        + "(<ipv4>:<command>:<response>:<wait seconds>) and <out>/client_data.txt for the client "
                        + "(every entry once, shuffled), replacing files of those names.",
                "Entries are 10.a.b.c:cmd0 to cmd7, each answering 1, so a run's response sum is its task count. "
                        + "(The original Python server knows only the commands foo and bar and skips these lines.)",
                "",
                "Examples (after java -jar benchmarks.jar):",
                "  generate --size 1000 --delay zero --out zero",
                "  generate --size 10000 --delay constant:1ms --out 1ms",
                "  generate --size 10000 --delay exponential:5ms --random-seed 7 --out exp5ms",
                ""})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "N", defaultValue = "1000",
            description = "Distinct commands, 1 to " + SyntheticWorkload.MAX_SIZE + " (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--delay", paramLabel = "PROFILE", defaultValue = "zero", converter = ProfileConverter.class,
            description = "How long each command waits: zero, constant:1ms, uniform:1ms:5ms, exponential:5ms or "
                    + "bimodal:1ms:50ms:0.05 (default: ${DEFAULT-VALUE}).")
    DelayProfile delay;

    @Option(names = {"--random-seed", "--seed"}, paramLabel = "S", defaultValue = "" + SyntheticWorkload.DEFAULT_RANDOM_SEED,
            description = "Random seed: the same seed gives the same files (default: ${DEFAULT-VALUE}).")
    long randomSeed;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder to write the two files to; created if missing.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (size < 1 || size > SyntheticWorkload.MAX_SIZE) {
            throw new UserError("--size must be from 1 to " + SyntheticWorkload.MAX_SIZE + ", got " + size);
        }
        OutputPaths.createFolder(out, "--out");
        Path server = OutputPaths.requireWritableFile(out.resolve(WorkloadFiles.SERVER_FILE), "--out");
        Path client = OutputPaths.requireWritableFile(out.resolve(WorkloadFiles.CLIENT_FILE), "--out");
        SyntheticWorkload workload = SyntheticWorkload.generate(size, delay, randomSeed);
        WorkloadFiles.writeServerFile(server, workload.delayMap());
        WorkloadFiles.writeClientFile(client, workload.commands());
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "wrote %s (%d entries, delay %s, %.0f s of work in all) and %s (%d commands)%n",
                server, size, delay.label(), workload.delayMap().totalDelayNanos() / 1e9, client, size);
        stdout.flush();
        return ExitCodes.OK;
    }

    /** Reads {@code --delay}. */
    static final class ProfileConverter extends ParsingConverter<DelayProfile> {
        ProfileConverter() {
            super(DelayProfile::parse);
        }
    }
}
