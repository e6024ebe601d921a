package ma.amo.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import ma.amo.common.BronzeTables;
import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input corpus (src/test/resources/bad-inputs, see its README.md), every case at once: all cases are
 * copied into one landing folder, ONE real ingestion runs into one warehouse, then each case's expected.json
 * is checked against what the warehouse holds: status and check, message words, the exact quarantined rows
 * with their reasons and columns, the exact rows in bronze, and for a rejected delivery no row anywhere but its
 * ledger entry.
 */
class BadInputCorpusTest {
    @TempDir
    static Path dir;
    static List<BadInputCorpus.Case> cases;
    static IngestReport report;
    static Throwable failure;
    /** Per data file (relative to the landing folder): its ledger rows, bronze rows by row number, quarantine rows. */
    static final Map<String, List<Row>> ledger = new HashMap<>();
    static final Map<String, Map<Long, Row>> bronze = new HashMap<>();
    static final Map<String, Map<Long, Row>> quarantine = new HashMap<>();

    @BeforeAll
    static void ingestTheWholeCorpusOnce() {
        cases = BadInputCorpus.load(BadInputCorpus.onClasspath());
        Path landing = dir.resolve("landing");
        BadInputCorpus.copyInto(cases, landing);
        IngestionFixture fx = new IngestionFixture(dir.resolve("warehouse"));
        try {
            report = fx.ingest(landing);
        } catch (Throwable t) { // every bad input must end as a recorded outcome: a throw is a failure of its own
            failure = t;
            return;
        }
        for (Row r : fx.table(BronzeTables.DELIVERIES).collectAsList()) {
            ledger.computeIfAbsent(r.getAs("source_file"), k -> new ArrayList<>()).add(r);
        }
        for (Feed feed : Feed.values()) {
            index(fx.bronze(feed).collectAsList(), bronze);
        }
        index(fx.table(BronzeTables.QUARANTINE).collectAsList(), quarantine);
    }

    private static void index(List<Row> rows, Map<String, Map<Long, Row>> into) {
        for (Row r : rows) {
            Row previous = into.computeIfAbsent(r.getAs(BronzeTables.SOURCE_FILE), k -> new TreeMap<>())
                    .put(r.getAs(BronzeTables.ROW_NUMBER), r);
            assertThat(previous).as("row %s of %s stored twice", r.<Long>getAs(BronzeTables.ROW_NUMBER),
                    r.<String>getAs(BronzeTables.SOURCE_FILE)).isNull();
        }
    }

    @Test
    void theCorpusHasAtLeastFortyCases() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void theRunNeverThrowsAndRecordsEveryDeliveryOnce() {
        assertThat(failure).as("ingestion threw instead of recording an outcome").isNull();
        Set<String> expected = cases.stream().flatMap(c -> c.deliveries().stream().map(c::landingName))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(ledger.keySet())).isEqualTo(expected);
        assertThat(ledger.values()).allSatisfy(rows -> assertThat(rows).hasSize(1));
        assertThat(report.outcomes()).hasSize(expected.size()).allMatch(DeliveryOutcome::newlyRecorded);
        // nothing in bronze or quarantine that does not come from a corpus file
        assertThat(expected).containsAll(bronze.keySet()).containsAll(quarantine.keySet());
    }

    /** Cases share one landing folder: two cases with the same (og, feed, period, sequence) would interfere. */
    @Test
    void casesDoNotShareADeliveryKey() throws IOException {
        Map<String, String> owner = new HashMap<>();
        for (BadInputCorpus.Case c : cases) {
            for (JsonNode d : c.deliveries()) {
                JsonNode m = readManifest(c, d);
                if (m == null || !m.path("sequence").isInt()) {
                    continue;
                }
                String key = m.path("og_code").asText() + "/" + m.path("feed").asText() + "/" + m.path("period").asText()
                        + "/" + m.path("sequence").asInt();
                String other = owner.putIfAbsent(key, c.id());
                assertThat(other == null || other.equals(c.id())).as("%s and %s both deliver %s", other, c.id(), key).isTrue();
            }
        }
    }

    /** Committed manifests carry their data file's sha256, except where the mismatch is the point. */
    @Test
    void committedManifestsNameTheirFilesSha256() throws IOException {
        for (BadInputCorpus.Case c : cases) {
            for (JsonNode d : c.deliveries()) {
                Path data = c.dir().resolve(d.path("file").asText());
                Path manifest = data.resolveSibling(data.getFileName() + BadInputCorpus.MANIFEST_SUFFIX);
                if (d.path("keep_manifest_sha256").asBoolean() || !Files.exists(data) || !Files.exists(manifest)) {
                    continue;
                }
                String declared = BadInputCorpus.declaredSha256(new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8));
                if (declared != null) {
                    assertThat(declared).as("%s/%s is stale: run BadInputCorpus.main", c.id(), manifest.getFileName())
                            .isEqualTo(FileFingerprint.sha256(Files.readAllBytes(data)));
                }
            }
        }
    }

    /** The README's table of cases and outcomes is the corpus's documentation: it must not miss a case. */
    @Test
    void theReadmeListsEveryCase() throws IOException {
        String readme = Files.readString(BadInputCorpus.onClasspath().resolve("README.md"));
        assertThat(cases).allSatisfy(c -> assertThat(readme).as("README.md line of %s", c.id()).contains("| `" + c.id() + "` |"));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseEndsAsExpected() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.id() + ": " + c.title(), () -> {
            assertThat(failure).as("ingestion threw").isNull();
            for (JsonNode d : c.deliveries()) {
                check(c.landingName(d), d);
            }
        }));
    }

    private static void check(String file, JsonNode expected) {
        DeliveryOutcome outcome = report.outcomes().stream().filter(o -> o.file().equals(file)).findFirst().orElse(null);
        assertThat(outcome).as("outcome of %s", file).isNotNull();
        assertThat(ledger.get(file)).as("ledger rows of %s", file).hasSize(1);
        Row entry = ledger.get(file).get(0);
        String status = expected.path("status").asText();
        String reason = entry.getAs("reason");
        assertThat(entry.<String>getAs("status")).as("%s: %s", file, reason).isEqualTo(status).isEqualTo(outcome.status().name());
        if (status.equals("REJECTED")) {
            assertThat(reason).as(file).startsWith(expected.path("check").asText() + ": ");
            expected.path("message_contains").forEach(w -> assertThat(reason).as(file).contains(w.asText()));
            assertThat(entry.<Long>getAs("rows_loaded")).isZero();
            assertThat(entry.<Long>getAs("rows_quarantined")).isZero();
            assertThat(bronze.get(file)).as("bronze rows of rejected %s", file).isNull();
            assertThat(quarantine.get(file)).as("quarantine rows of rejected %s", file).isNull();
            return;
        }
        assertThat(reason).as(file).isNull();
        assertThat(entry.<String>getAs("replaced_by")).as(file).isNull();
        Map<Long, String> expectedQuarantine = new TreeMap<>();
        expected.path("quarantined").forEach(q -> expectedQuarantine.put(q.path("row").asLong(),
                texts(q.path("reasons")) + " " + new TreeSet<>(texts(q.path("findings")))));
        Map<Long, String> actualQuarantine = new TreeMap<>();
        quarantine.getOrDefault(file, Map.of()).forEach((n, r) -> actualQuarantine.put(n,
                scala.jdk.javaapi.CollectionConverters.asJava(r.<scala.collection.Seq<String>>getAs("reasons")) + " "
                        + new TreeSet<>(List.of(r.<String>getAs("details").split("; ")))));
        assertThat(actualQuarantine).as("quarantine of %s", file).isEqualTo(expectedQuarantine);

        long loaded = expected.path("rows_loaded").asLong();
        long rows = loaded + expectedQuarantine.size();
        // every input row in exactly one place: the rows 1..n not quarantined are in bronze, and only they
        Set<Long> clean = LongStream.rangeClosed(1, rows).boxed().filter(n -> !expectedQuarantine.containsKey(n))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(bronze.getOrDefault(file, Map.of()).keySet())).as("bronze rows of %s", file).isEqualTo(clean);
        assertThat(entry.<Long>getAs("rows_loaded")).isEqualTo(loaded).isEqualTo(outcome.rowsLoaded());
        assertThat(entry.<Long>getAs("rows_quarantined")).isEqualTo(expectedQuarantine.size());

        expected.path("loaded_values").forEach(v -> {
            Row row = bronze.get(file).get(v.path("row").asLong());
            v.path("values").properties().forEach(e -> assertThat(text(row.getAs(e.getKey())))
                    .as("%s row %s %s", file, v.path("row"), e.getKey())
                    .isEqualTo(e.getValue().isNull() ? null : e.getValue().asText()));
        });
        expected.path("value_lengths").forEach(v -> {
            Row row = bronze.get(file).get(v.path("row").asLong());
            v.path("lengths").properties().forEach(e -> assertThat(row.<String>getAs(e.getKey()))
                    .as("%s row %s %s", file, v.path("row"), e.getKey()).hasSize(e.getValue().asInt()));
        });
    }

    /** A bronze value as the corpus writes it: dates YYYY-MM-DD, amounts with their 2 decimals. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    /** The delivery's manifest as JSON when it is readable JSON, else null (the malformed-manifest cases). */
    private static JsonNode readManifest(BadInputCorpus.Case c, JsonNode d) throws IOException {
        Path manifest = c.dir().resolve(d.path("file").asText() + BadInputCorpus.MANIFEST_SUFFIX);
        if (!Files.exists(manifest)) {
            return null;
        }
        try {
            JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(new String(Files.readAllBytes(manifest), StandardCharsets.UTF_8).replace("\uFEFF", ""));
            return m != null && m.isObject() ? m : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }
}
