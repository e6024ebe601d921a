package ma.amo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.reference.ReferenceData;
import ma.amo.generator.GenerationSummary;
import ma.amo.generator.GeneratorOptions;
import ma.amo.generator.SampleGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The bench's input, generated once per (scale, years, seed) and reused after: {@code data/landing} holds
 * every delivery of the benchmarked years; {@code data/next} holds one more monthly claims delivery, the
 * January claims of the following year of the managing body with the largest one (CNSS), generated in the
 * same run so that it continues the same people and dossiers (late settlements of December's care, pending
 * lines paid, corrections). The generator writes whole years, so the rest of that extra year is deleted.
 * {@code data/bench-data.json} is written last: a folder without it is regenerated.
 */
final class BenchData {
    static final String STAMP = "bench-data.json";
    static final String LANDING = "landing";
    static final String NEXT = "next";
    static final String RUN = "run";

    record Prepared(Path landing, Path next, boolean reused, double generationSeconds) {
    }

    private BenchData() {
    }

    static Prepared prepare(BenchOptions o, ReferenceData reference, Consumer<String> progress) {
        try {
            Path dir = o.data().toAbsolutePath().normalize();
            Path stampFile = dir.resolve(STAMP);
            ObjectMapper json = new ObjectMapper();
            ObjectNode wanted = json.createObjectNode().put("scale", o.scale()).put("first_year", o.firstYear())
                    .put("last_year", o.lastYear()).put("seed", o.seed());
            Path landing = dir.resolve(LANDING);
            Path next = dir.resolve(NEXT);
            if (Files.isRegularFile(stampFile) && json.readTree(stampFile.toFile()).toString().equals(wanted.toString())
                    && Files.isDirectory(landing) && Files.isDirectory(next)) {
                progress.accept("data: reusing " + dir + " (scale " + o.scale() + ", years " + o.firstYear() + "-"
                        + o.lastYear() + ", seed " + o.seed() + ")");
                return new Prepared(landing, next, true, 0);
            }
            if (Files.isDirectory(dir) && !Files.isRegularFile(stampFile) && !onlyOurs(dir)) {
                throw new IllegalArgumentException("--data " + dir + " holds files amo bench did not write: "
                        + "give an empty or new folder");
            }
            Files.deleteIfExists(stampFile);
            for (String sub : List.of(LANDING, NEXT, RUN)) {
                deleteTree(dir.resolve(sub));
            }
            progress.accept("data: generating scale " + o.scale() + ", years " + o.firstYear() + "-" + o.nextYear()
                    + " (the last year only for its January claims) into " + landing);
            long start = System.nanoTime();
            GenerationSummary summary = new SampleGenerator(reference).generate(new GeneratorOptions(landing, o.scale(),
                    o.firstYear(), o.nextYear(), o.seed(), false, 0), (file, rows, done, total) -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            Path moved = keepNextMonth(landing, next, o.nextYear());
            progress.accept(String.format("data: %,d files, %,d bytes generated in %.1f s; incremental delivery: %s",
                    summary.files(), summary.bytes(), seconds, next.relativize(moved)));
            Files.writeString(stampFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(wanted) + "\n");
            return new Prepared(landing, next, false, seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder with nothing but what a bench run leaves (an interrupted one included). */
    private static boolean onlyOurs(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.allMatch(p -> List.of(LANDING, NEXT, RUN).contains(p.getFileName().toString()));
        }
    }

    /**
     * Moves the largest January claims delivery of {@code year} (data file + manifest) from the landing folder
     * into {@code next}, keeping its relative path, and deletes everything else of that year.
     */
    private static Path keepNextMonth(Path landing, Path next, int year) throws IOException {
        String suffix = "_claims_" + year + "-01_01.csv";
        List<Path> yearDirs;
        try (Stream<Path> ogs = Files.list(landing)) {
            yearDirs = ogs.map(og -> og.resolve(String.valueOf(year))).filter(Files::isDirectory).toList();
        }
        Path chosen = null;
        for (Path yearDir : yearDirs) {
            try (Stream<Path> files = Files.list(yearDir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                    if (chosen == null || Files.size(f) > Files.size(chosen)) {
                        chosen = f;
                    }
                }
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("the generator wrote no January " + year + " claims delivery");
        }
        Path target = next.resolve(landing.relativize(chosen));
        Files.createDirectories(target.getParent());
        Files.move(chosen, target, StandardCopyOption.REPLACE_EXISTING);
        Path manifest = chosen.resolveSibling(chosen.getFileName() + ".manifest.json");
        Files.move(manifest, target.resolveSibling(manifest.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        for (Path yearDir : yearDirs) {
            deleteTree(yearDir);
        }
        return target;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
