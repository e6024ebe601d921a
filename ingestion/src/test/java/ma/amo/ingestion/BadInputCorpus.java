package ma.amo.ingestion;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.amo.common.testing.TempFolders;
import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bad-input corpus of {@code src/test/resources/bad-inputs} (see its README.md): one folder per case with
 * the delivery files as an OG would drop them and an {@code expected.json} saying what the platform must do.
 *
 * <p>{@link #main} maintains the corpus: it writes each Parquet data file from its {@code source.json} and
 * puts the data file's SHA-256 into every manifest (except where the mismatch is the point). Row counts and
 * control totals are written by hand in the manifests: each file has a handful of rows and expected.json
 * shows the arithmetic ({@code manifest_figures}).
 */
final class BadInputCorpus {
    static final String EXPECTED = "expected.json";
    static final String PARQUET_SOURCE = "source.json";
    static final String MANIFEST_SUFFIX = LandingScanner.MANIFEST_SUFFIX;
    private static final Pattern SHA256 = Pattern.compile("(\"sha256\"\\s*:\\s*\")[0-9a-fA-F]{64}(\")");
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** One case: its folder (whose name is the case id) and its expected.json. */
    record Case(Path dir, JsonNode expected) {
        String id() {
            return dir.getFileName().toString();
        }

        String title() {
            return expected.path("title").asText();
        }

        List<JsonNode> deliveries() {
            List<JsonNode> list = new ArrayList<>();
            expected.path("deliveries").forEach(list::add);
            return list;
        }

        /** A delivery's data file path relative to the landing folder: the case folder, then the file. */
        String landingName(JsonNode delivery) {
            return id() + "/" + delivery.path("file").asText();
        }

        /** Present when the data file is made at test time instead of being committed. */
        JsonNode generate() {
            return expected.path("generate");
        }

        /** The files that are not delivery files: the expectation, Parquet sources, generation templates. */
        Set<String> notDelivered() {
            return generate().isMissingNode() ? Set.of(EXPECTED, PARQUET_SOURCE)
                    : Set.of(EXPECTED, PARQUET_SOURCE, generate().path("template").asText());
        }
    }

    private BadInputCorpus() {
    }

    /** The corpus as the test classpath holds it. */
    static Path onClasspath() {
        URL url = BadInputCorpus.class.getClassLoader().getResource("bad-inputs");
        if (url == null) {
            throw new IllegalStateException("bad-inputs is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Case> load(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            List<Case> cases = new ArrayList<>();
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                cases.add(new Case(dir, JSON.readTree(dir.resolve(EXPECTED).toFile())));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies every case's delivery files to {@code landing/<case id>/}, and makes the generated ones: the template
     * with its placeholder replaced, and the generated file's SHA-256 written into its manifest.
     */
    static void copyInto(List<Case> cases, Path landing) {
        try {
            for (Case c : cases) {
                Path target = Files.createDirectories(landing.resolve(c.id()));
                try (Stream<Path> files = Files.list(c.dir())) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        if (!c.notDelivered().contains(f.getFileName().toString())) {
                            Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                if (!c.generate().isMissingNode()) {
                    generate(c, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void generate(Case c, Path target) throws IOException {
        JsonNode g = c.generate();
        String template = Files.readString(c.dir().resolve(g.path("template").asText()), StandardCharsets.UTF_8);
        String filler = g.path("character").asText().repeat(g.path("length").asInt());
        byte[] data = template.replace(g.path("placeholder").asText(), filler).getBytes(StandardCharsets.UTF_8);
        Path file = target.resolve(g.path("file").asText());
        Files.write(file, data);
        Path manifest = file.resolveSibling(file.getFileName() + MANIFEST_SUFFIX);
        Files.writeString(manifest, withSha256(Files.readString(manifest), FileFingerprint.sha256(data)));
    }

    /** The manifest text with its sha256 value replaced; unchanged when it holds no 64-digit sha256. */
    static String withSha256(String manifest, String sha256) {
        Matcher m = SHA256.matcher(manifest);
        return m.find() ? m.replaceFirst("$1" + sha256 + "$2") : manifest;
    }

    /** The manifest's sha256 when it holds a well-formed one, else null. */
    static String declaredSha256(String manifest) {
        Matcher m = SHA256.matcher(manifest);
        return m.find() ? manifest.substring(m.end(1), m.start(2)) : null;
    }

    /**
     * Maintains the committed corpus (run from the ingestion module folder, or give the corpus folder):
     * writes each Parquet data file from its source.json, then refreshes every manifest's sha256 except where
     * expected.json says {@code "keep_manifest_sha256": true}.
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/bad-inputs");
        List<Case> cases = load(root);
        for (Case c : cases) {
            if (Files.exists(c.dir().resolve(PARQUET_SOURCE))) {
                writeParquet(c);
            }
            for (JsonNode d : c.deliveries()) {
                Path data = c.dir().resolve(d.path("file").asText());
                Path manifest = data.resolveSibling(data.getFileName() + MANIFEST_SUFFIX);
                if (d.path("keep_manifest_sha256").asBoolean() || !Files.exists(data) || !Files.exists(manifest)) {
                    continue;
                }
                String text = new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8);
                String updated = withSha256(text, FileFingerprint.sha256(Files.readAllBytes(data)));
                if (!updated.equals(text)) {
                    Files.write(manifest, updated.getBytes(StandardCharsets.UTF_8));
                    System.out.println("sha256 refreshed: " + c.id() + "/" + manifest.getFileName());
                }
            }
        }
        System.out.println(cases.size() + " cases");
    }

    /** The case's one Parquet data file, written by Spark from source.json: a Spark DDL schema and JSON rows. */
    private static void writeParquet(Case c) throws IOException {
        JsonNode source = JSON.readTree(c.dir().resolve(PARQUET_SOURCE).toFile());
        List<String> rows = new ArrayList<>();
        source.path("rows").forEach(r -> rows.add(r.toString()));
        SparkSession spark = TestSpark.get();
        Path out = TempFolders.create("bad-input-parquet");
        spark.read().schema(source.path("schema").asText()).option("mode", "FAILFAST")
                .json(spark.createDataset(rows, Encoders.STRING()))
                .coalesce(1).write().mode("overwrite").parquet(out.resolve("p").toString());
        try (Stream<Path> parts = Files.list(out.resolve("p"))) {
            Path part = parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            Path data = c.dir().resolve(c.deliveries().get(0).path("file").asText());
            Files.copy(part, data, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("parquet written: " + c.id() + "/" + data.getFileName());
        }
    }
}
