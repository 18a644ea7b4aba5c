package dev.asynccom.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One exit-code table: every command's --help lists its codes from it, and the README shows it. */
class ExitCodesTest {
    @Test
    void readmeShowsTheTableAsTheCodeHasIt() throws IOException {
        String readme = Files.readString(readme(), StandardCharsets.UTF_8);

        assertTrue(readme.contains(ExitCodes.markdownTable()),
                "README.md's exit-code table differs from ExitCodes.markdownTable():\n" + ExitCodes.markdownTable());
    }

    @Test
    void everyCommandListsItsCodesFromTheTable() {
        CommandLine launcher = CliErrors.install(new CommandLine(new Main.Cli()));

        assertEquals(ExitCodes.helpList(ExitCodes.HARNESS), launcher.getCommandSpec().usageMessage().exitCodeList());
        for (Map.Entry<String, CommandLine> command : launcher.getSubcommands().entrySet()) {
            if (command.getKey().equals("help")) {
                continue; // picocli's help command only prints usage
            }
            Map<String, String> listed = command.getValue().getCommandSpec().usageMessage().exitCodeList();
            assertEquals(ExitCodes.helpList(command.getKey()), listed, command.getKey());
            assertTrue(listed.containsKey(Integer.toString(ExitCodes.OK)), command.getKey());
            assertTrue(listed.containsKey(Integer.toString(ExitCodes.BAD_INPUT)), command.getKey());
            assertTrue(listed.containsKey(Integer.toString(ExitCodes.INTERNAL)), command.getKey());
        }
    }

    @Test
    void codesAreDistinctAndInOrder() {
        List<Integer> codes = ExitCodes.ROWS.stream().map(ExitCodes.Row::code).toList();

        assertEquals(List.of(ExitCodes.OK, ExitCodes.MISSING, ExitCodes.BAD_INPUT, ExitCodes.NOT_ALL_OK,
                ExitCodes.INTERNAL, ExitCodes.OUTPUT_FAILED), codes);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), codes);
    }

    /** The project's README.md, found from the module folder the tests run in. */
    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("benchmarks"))) {
                return dir.resolve("README.md");
            }
        }
        assertNotNull(null, "no README.md above " + Path.of("").toAbsolutePath());
        return null;
    }
}
