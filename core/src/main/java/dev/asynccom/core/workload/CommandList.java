package dev.asynccom.core.workload;

import dev.asynccom.core.Task;
import dev.asynccom.core.TaskColumns;
import dev.asynccom.core.UserError;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The commands a client sends, in order, as the seed's {@code client_data.txt} lists them: one
 * {@code <ipv4>:<command>} per line, with the same rules as {@link DelayMap#load}. Duplicates are
 * kept: each line is one task to send. Each command remembers the line of the file it came from, so a
 * client can name a task it lost by its line ({@link #line}).
 *
 * <p>Immutable, so safe to share between threads.
 */
public final class CommandList {
    private final String[] hosts;
    private final String[] commands;
    /** The 1-based file line of each command; for a list made in memory, its position from 1. */
    private final int[] lines;

    private CommandList(String[] hosts, String[] commands, int[] lines) {
        this.hosts = hosts;
        this.commands = commands;
        this.lines = lines;
    }

    /** 1, 2, ... n: the lines of a list made in memory, as if each key were a line of a file. */
    private static int[] positions(int n) {
        int[] lines = new int[n];
        for (int i = 0; i < n; i++) {
            lines[i] = i + 1;
        }
        return lines;
    }

    /**
     * Loads a client file, one {@code <ipv4>:<command>} per line ({@code 137.72.95.0:foo}), hosts and
     * commands as {@link DelayMap#load} takes them. The file is UTF-8; blank lines, {@code #} comment lines,
     * surrounding white space and CRLF endings are accepted.
     *
     * @throws InputFormatException at the first bad line (naming file and line), or when the file
     *                              cannot be read (line 0)
     */
    public static CommandList load(Path file) throws InputFormatException {
        return load(file, LoadMode.STRICT).value();
    }

    /**
     * Loads a client file as {@link #load} does, but skips bad lines and reports them.
     *
     * @throws InputFormatException only when the file cannot be read
     */
    public static LoadReport<CommandList> loadLenient(Path file) throws InputFormatException {
        return load(file, LoadMode.LENIENT);
    }

    private static LoadReport<CommandList> load(Path file, LoadMode mode) throws InputFormatException {
        int expected = LineReader.estimateLines(file, 16);
        List<String> hosts = new ArrayList<>(expected);
        List<String> commands = new ArrayList<>(expected);
        IntStream.Builder lines = IntStream.builder();
        LineParser parser = new LineParser();
        List<SkippedLine> skipped = LineReader.readLines(file, mode, (line, from, to, lineNumber) -> {
            String problem = parser.parseClientLine(line, from, to);
            if (problem == null) {
                lines.add(lineNumber);
                hosts.add(parser.host);
                commands.add(parser.command);
            }
            return problem;
        });
        CommandList list = new CommandList(hosts.toArray(String[]::new), commands.toArray(String[]::new),
                lines.build().toArray());
        return new LoadReport<>(list, skipped);
    }

    /**
     * The commands given as {@code <ipv4>:<command>} keys, in order.
     *
     * @throws IllegalArgumentException naming the first key that is not a valid {@code <ipv4>:<command>}
     */
    public static CommandList of(List<String> keys) {
        String[] hosts = new String[keys.size()];
        String[] commands = new String[keys.size()];
        LineParser parser = new LineParser();
        int i = 0;
        for (String key : keys) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            String problem = parser.parseClientLine(bytes, 0, bytes.length);
            if (problem != null) {
                throw new IllegalArgumentException("command key " + i + " " + UserError.quote(key) + " is bad: "
                        + problem);
            }
            hosts[i] = parser.host;
            commands[i] = parser.command;
            i++;
        }
        return new CommandList(hosts, commands, positions(hosts.length));
    }

    /**
     * The commands {@code hosts[i]:commands[i]}, in order. The arrays are copied.
     *
     * @throws IllegalArgumentException when the lengths differ or naming the first host or command
     *                                  that breaks the file rules
     */
    public static CommandList of(String[] hosts, String[] commands) {
        if (hosts.length != commands.length) {
            throw new IllegalArgumentException("hosts and commands differ in length: " + hosts.length + " hosts, "
                    + commands.length + " commands");
        }
        String[] hostsCopy = hosts.clone();
        String[] commandsCopy = commands.clone();
        for (int i = 0; i < hostsCopy.length; i++) {
            String problem = LineParser.checkHost(Objects.requireNonNull(hostsCopy[i], "host"));
            if (problem == null) {
                problem = LineParser.checkCommand(Objects.requireNonNull(commandsCopy[i], "command"));
            }
            if (problem != null) {
                throw new IllegalArgumentException("command " + i + " is bad: " + problem);
            }
        }
        return new CommandList(hostsCopy, commandsCopy, positions(hostsCopy.length));
    }

    /** Wraps arrays whose entries are valid by construction, without checking or copying them. */
    static CommandList wrap(String[] hosts, String[] commands) {
        return new CommandList(hosts, commands, positions(hosts.length));
    }

    /** Number of commands (tasks to send). */
    public int size() {
        return hosts.length;
    }

    /** The host of command {@code index} (0-based, below {@link #size()}). */
    public String host(int index) {
        return hosts[index];
    }

    /** The command of command {@code index}. */
    public String command(int index) {
        return commands[index];
    }

    /**
     * The 1-based line of the file command {@code index} was read from (blank and comment lines counted, as
     * an editor counts them); for a list made in memory ({@link #of}), its position in the list from 1.
     */
    public int line(int index) {
        return lines[index];
    }

    /**
     * Commands {@code from} to {@code from + size} as the tasks of one batch, numbered {@code firstId} up: a
     * view over this list, which copies nothing.
     */
    public TaskColumns tasks(long firstId, int from, int size) {
        return TaskColumns.slice(firstId, hosts, commands, from, size);
    }

    /** Command {@code index} as a task with the given id. */
    public Task task(long id, int index) {
        return new Task(id, hosts[index], commands[index]);
    }

    /**
     * A list of exactly {@code n} commands that runs through this one from its start, again and again as
     * often as needed: a run of any length over the same commands (the strings are shared, not copied).
     */
    public CommandList cycled(int n) {
        if (n < 1 || size() == 0) {
            throw new IllegalArgumentException("a cycled list needs at least 1 command of a non-empty list, got " + n
                    + " of " + size());
        }
        String[] cycledHosts = new String[n];
        String[] cycledCommands = new String[n];
        int[] cycledLines = new int[n];
        for (int i = 0; i < n; i++) {
            cycledHosts[i] = hosts[i % hosts.length];
            cycledCommands[i] = commands[i % commands.length];
            cycledLines[i] = lines[i % lines.length];
        }
        return new CommandList(cycledHosts, cycledCommands, cycledLines);
    }

    @Override
    public String toString() {
        return "CommandList[" + size() + " commands]";
    }
}
