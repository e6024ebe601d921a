package ma.amo.ingestion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds deliveries in a landing folder, at any depth: every data file paired with its
 * {@code <name>.manifest.json}. A data file without manifest and a manifest without data file are
 * returned too, so that they are rejected visibly instead of ignored. Hidden files and folders
 * (starting with '.') are skipped; the order is the sorted relative path, so runs are deterministic.
 */
public final class LandingScanner {
    public static final String MANIFEST_SUFFIX = ".manifest.json";

    /** One candidate delivery; either path may be absent (null). */
    public record Candidate(Path landing, Path dataFile, Path manifestFile) {
        /** The data file's path relative to the landing folder, with '/' separators. */
        public String relativeName() {
            Path p = dataFile != null ? dataFile
                    : manifestFile.resolveSibling(manifestFile.getFileName().toString()
                    .substring(0, manifestFile.getFileName().toString().length() - MANIFEST_SUFFIX.length()));
            return landing.relativize(p).toString().replace('\\', '/');
        }
    }

    public List<Candidate> scan(Path landing) {
        if (!Files.isDirectory(landing)) {
            throw new IllegalArgumentException("landing folder " + landing + " does not exist or is not a folder");
        }
        Set<Path> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(landing)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(landing, p))
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + landing, e);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(MANIFEST_SUFFIX)) {
                Path data = file.resolveSibling(name.substring(0, name.length() - MANIFEST_SUFFIX.length()));
                if (!files.contains(data)) {
                    candidates.add(new Candidate(landing, null, file));
                }
            } else {
                Path manifest = file.resolveSibling(name + MANIFEST_SUFFIX);
                candidates.add(new Candidate(landing, file, files.contains(manifest) ? manifest : null));
            }
        }
        candidates.sort((a, b) -> a.relativeName().compareTo(b.relativeName()));
        return candidates;
    }

    private static boolean hidden(Path landing, Path file) {
        for (Path part : landing.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
