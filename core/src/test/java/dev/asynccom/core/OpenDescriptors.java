package dev.asynccom.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A process's open descriptors as Linux lists them in {@code /proc/<pid>/fd}: what tests of leaks compare. */
public final class OpenDescriptors {
    private OpenDescriptors() {
    }

    /**
     * Descriptor number to what it points at ({@code socket:[123]}, {@code pipe:[456]}, a file's path, ...); one
     * closed while the folder is read is left out.
     */
    public static Map<Integer, String> of(long pid) throws IOException {
        Map<Integer, String> descriptors = new TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    descriptors.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
                } catch (NoSuchFileException closed) {
                    // closed between the listing and the read
                }
            }
        }
        return descriptors;
    }
}
