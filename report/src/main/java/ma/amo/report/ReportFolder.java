package ma.amo.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A report's output folder, replaced whole: files go to {@code <out>.partial-<pid>} beside it, and only the
 * finished folder takes {@code <out>}'s place (the previous one is moved aside, then removed). Leftovers of a
 * crashed run (partial or previous folders) are removed by the next one.
 */
final class ReportFolder {
    private static final Set<String> REPORT_FILES_HINT = Set.of("manifest.json");

    private final Path target;
    private final Path staging;

    private ReportFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    static ReportFolder prepare(Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (Files.isDirectory(target) && !isReportFolder(target)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not a report folder (no manifest.json):"
                    + " the report replaces its output folder whole, so give an empty or new folder");
        }
        removeLeftovers(target);
        Path staging = parent.resolve(target.getFileName() + ".partial-" + ProcessHandle.current().pid());
        Files.createDirectories(staging);
        return new ReportFolder(target, staging);
    }

    Path staging() {
        return staging;
    }

    Path target() {
        return target;
    }

    /** Moves the finished staging folder into place; renames within one folder are atomic. */
    void publish() throws IOException {
        Path previous = null;
        if (Files.exists(target)) {
            previous = target.resolveSibling(target.getFileName() + ".previous-" + ProcessHandle.current().pid());
            Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        if (previous != null) {
            deleteTree(previous);
        }
    }

    private static boolean isReportFolder(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty() || REPORT_FILES_HINT.stream().anyMatch(f -> Files.exists(dir.resolve(f)));
        }
    }

    private static void removeLeftovers(Path target) throws IOException {
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
                p -> p.getFileName().toString().startsWith(name + ".partial-")
                        || p.getFileName().toString().startsWith(name + ".previous-"))) {
            for (Path leftover : siblings) {
                deleteTree(leftover);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
