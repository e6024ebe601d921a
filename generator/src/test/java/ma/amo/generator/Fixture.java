package ma.amo.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import ma.amo.common.reference.ReferenceData;
import ma.amo.common.testing.TempFolders;

/** Generated trees shared by the tests of one JVM (each is generated once, in a temporary folder). */
final class Fixture {
    static final ReferenceData REF = ReferenceData.bundled();
    private static final Map<String, Fixture> CACHE = new HashMap<>();

    final Path root;
    final GenerationSummary summary;
    final List<ContractChecker.Parsed> clean = new ArrayList<>();
    final Map<String, ContractChecker.Parsed> byPath = new TreeMap<>();

    private Fixture(GeneratorOptions options) throws IOException {
        this.root = options.out();
        this.summary = new SampleGenerator(REF).generate(options, GenerationProgress.SILENT);
        ContractChecker checker = new ContractChecker(REF);
        for (Path data : dataFiles(root)) {
            String rel = root.relativize(data).toString().replace('\\', '/');
            if (rel.startsWith("anomalies/")) {
                continue;
            }
            List<ContractChecker.Parsed> one = new ArrayList<>();
            var failed = checker.checkDelivery(data, manifestOf(data), null, one);
            if (!failed.isEmpty()) {
                throw new AssertionError(rel + " fails " + failed);
            }
            clean.add(one.get(0));
            byPath.put(rel, one.get(0));
        }
    }

    static synchronized Fixture get(String name, double scale, int first, int last, long seed, boolean anomalies) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                Path dir = TempFolders.create("amo-gen-" + n);
                return new Fixture(new GeneratorOptions(dir, scale, first, last, seed, anomalies, 2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** 2023-2024 with anomalies, tiny scale. */
    static Fixture small() {
        return get("small", 0.0002, 2023, 2024, 42, true);
    }

    /** 2025-2026: the public-sector regime moves from CNOPS to CNSS, the students' regime ends. */
    static Fixture transfer() {
        return get("transfer", 0.0002, 2025, 2026, 42, false);
    }

    /** 2024 at a scale big enough for the calibration checks. */
    static Fixture calibration() {
        return get("calibration", 0.002, 2024, 2024, 7, false);
    }

    static Path manifestOf(Path data) {
        return data.resolveSibling(data.getFileName() + ".manifest.json");
    }

    static List<Path> dataFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }

    /** relative path -> sha256 of every file of a tree. */
    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), ContractChecker.sha256(Files.readAllBytes(p)));
            }
        }
        return m;
    }
}
