package dev.asynccom.core;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The tasks of one batch as columns (ids, hosts, commands), an immutable {@code List<Task>} that makes a
 * {@link Task} only when one is asked for ({@link #get}): how the binary codec decodes a batch and the client
 * builds one, so that the server's path (decode, dispatch, handler) and the client's (build, encode) cost no
 * object per task. The hosts and commands are shared strings (the codec finds them again by their bytes, the
 * client takes them from its command list). Read it by {@link #id}, {@link #host} and {@link #command}.
 *
 * <p>Threads: immutable once built; safe to read from any thread.
 */
public final class TaskColumns extends AbstractList<Task> implements RandomAccess {
    /** The ids, or null when they run from {@link #firstId} up by one. */
    private final long[] ids;
    private final long firstId;
    private final String[] hosts;
    private final String[] commands;
    /** Where this batch starts in {@link #hosts} and {@link #commands}, which may be longer than it. */
    private final int offset;
    private final int size;

    /**
     * Columns over the arrays, which become this object's own: the caller must not change them after. All three
     * have the same length, at least 1, and no null string.
     */
    public TaskColumns(long[] ids, String[] hosts, String[] commands) {
        if (ids.length != hosts.length || ids.length != commands.length) {
            throw new IllegalArgumentException("columns of different lengths: " + ids.length + " ids, "
                    + hosts.length + " hosts, " + commands.length + " commands");
        }
        requireStrings(hosts, commands, 0, ids.length);
        this.ids = ids;
        this.firstId = 0;
        this.hosts = hosts;
        this.commands = commands;
        this.offset = 0;
        this.size = ids.length;
    }

    private TaskColumns(long firstId, String[] hosts, String[] commands, int offset, int size) {
        this.ids = null;
        this.firstId = firstId;
        this.hosts = hosts;
        this.commands = commands;
        this.offset = offset;
        this.size = size;
    }

    /**
     * The {@code size} tasks from {@code offset} of two parallel arrays that nobody changes (a command list's),
     * numbered {@code firstId} up: a view, so a client that sends its list in order builds a batch without
     * copying a column. The arrays have the same length and hold no null in the range. Ids are 64-bit labels:
     * past {@link Long#MAX_VALUE} they wrap, as the sum {@code firstId + index} does.
     */
    public static TaskColumns slice(long firstId, String[] hosts, String[] commands, int offset, int size) {
        if (hosts.length != commands.length) {
            throw new IllegalArgumentException("columns of different lengths: " + hosts.length + " hosts, "
                    + commands.length + " commands");
        }
        Objects.checkFromIndexSize(offset, size, hosts.length);
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least 1 task, got " + size);
        }
        requireStrings(hosts, commands, offset, offset + size);
        return new TaskColumns(firstId, hosts, commands, offset, size);
    }

    /** Refuses a null host or command from {@code from} to {@code to - 1}. */
    private static void requireStrings(String[] hosts, String[] commands, int from, int to) {
        for (int i = from; i < to; i++) {
            Objects.requireNonNull(hosts[i], "host");
            Objects.requireNonNull(commands[i], "command");
        }
    }

    /** The columns of {@code tasks}, or {@code tasks} itself when it is columns already. */
    public static TaskColumns of(List<Task> tasks) {
        if (tasks instanceof TaskColumns columns) {
            return columns;
        }
        int n = tasks.size();
        long[] ids = new long[n];
        String[] hosts = new String[n];
        String[] commands = new String[n];
        for (int i = 0; i < n; i++) {
            Task task = tasks.get(i);
            ids[i] = task.id();
            hosts[i] = task.host();
            commands[i] = task.command();
        }
        return new TaskColumns(ids, hosts, commands);
    }

    /** The id of task {@code index}. */
    public long id(int index) {
        if (ids != null) {
            return ids[index];
        }
        Objects.checkIndex(index, size);
        return firstId + index;
    }

    /** The host of task {@code index}. */
    public String host(int index) {
        return hosts[offset + Objects.checkIndex(index, size)];
    }

    /** The command of task {@code index}. */
    public String command(int index) {
        return commands[offset + Objects.checkIndex(index, size)];
    }

    /** Task {@code index}, made on each call. */
    @Override
    public Task get(int index) {
        return new Task(id(index), host(index), command(index));
    }

    @Override
    public int size() {
        return size;
    }
}
