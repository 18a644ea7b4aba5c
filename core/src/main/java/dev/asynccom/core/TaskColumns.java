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
    private final long[] ids;
    private final String[] hosts;
    private final String[] commands;

    /**
     * Columns over the arrays, which become this object's own: the caller must not change them after. All three
     * have the same length, at least 1, and no null string.
     */
    public TaskColumns(long[] ids, String[] hosts, String[] commands) {
        if (ids.length != hosts.length || ids.length != commands.length) {
            throw new IllegalArgumentException("columns of different lengths: " + ids.length + " ids, "
                    + hosts.length + " hosts, " + commands.length + " commands");
        }
        for (int i = 0; i < ids.length; i++) {
            Objects.requireNonNull(hosts[i], "host");
            Objects.requireNonNull(commands[i], "command");
        }
        this.ids = ids;
        this.hosts = hosts;
        this.commands = commands;
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
        return ids[index];
    }

    /** The host of task {@code index}. */
    public String host(int index) {
        return hosts[index];
    }

    /** The command of task {@code index}. */
    public String command(int index) {
        return commands[index];
    }

    /** Task {@code index}, made on each call. */
    @Override
    public Task get(int index) {
        return new Task(ids[index], hosts[index], commands[index]);
    }

    @Override
    public int size() {
        return ids.length;
    }
}
