package dev.asynccom.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --help} explains each command: usage, an example and the exit codes. */
class CommandHelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"client", "server", "generate", "keygen", "soak"})
    void helpShowsUsageExamplesAndExitCodes(String name) {
        Object command = switch (name) {
            case "client" -> new ClientCommand();
            case "server" -> new ServerCommand();
            case "keygen" -> new KeygenCommand();
            case "soak" -> new SoakCommand();
            default -> new GenerateCommand();
        };
        StringWriter out = new StringWriter();
        CommandLine cli = CliErrors.install(new CommandLine(command));
        cli.setOut(new PrintWriter(out, true));

        int exit = cli.execute("--help");

        assertEquals(0, exit);
        String help = out.toString();
        assertTrue(help.startsWith("Usage: "), help);
        assertTrue(help.contains("Examples"), help);
        assertTrue(help.contains("Exit codes:") && help.contains("  2   bad input"), help);
    }
}
