package ma.amo.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders that outlive a test method (fixtures shared by a JVM's test classes, servers' data folders)
 * and are deleted when the test JVM exits: JUnit's {@code @TempDir} cannot hold them, and without this every run
 * of the suite left about 100 MB of warehouses, PostgreSQL clusters and browser profiles in /tmp.
 */
public final class TempFolders {
    private TempFolders() {
    }

    /** A new folder under the system's temporary folder, deleted at JVM exit. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "delete " + dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes the folder and everything in it, as far as it can: a file another process still writes (a server
     * stopping at the same time) may stay behind, which is not worth failing a finished test run for.
     */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
