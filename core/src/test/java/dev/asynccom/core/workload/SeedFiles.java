package dev.asynccom.core.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The seed's data files ({@code client_data.txt}, {@code server_data.txt}, 512 lines each) as paths,
 * for tests here and, through core's test-jar, in other modules.
 */
public final class SeedFiles {
    private SeedFiles() {
    }

    /** The seed's {@code server_data.txt}: 512 entries, each with response 1 and wait 1 s. */
    public static Path serverData() {
        return resource("server_data.txt");
    }

    /** The seed's {@code client_data.txt}: 512 commands, each known to {@link #serverData()}. */
    public static Path clientData() {
        return resource("client_data.txt");
    }

    private static Path resource(String name) {
        URL url = SeedFiles.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing from the class path");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            // Inside core's test-jar (another module's tests): copy it out, loaders read files.
            Path copy = Files.createTempFile("asynccom-", "-" + name);
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
