package ma.amo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.amo.common.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's path through the command line: generate deliveries with planted anomalies, ingest them, and check
 * that every anomaly the generator lists in .anomalies.json is caught exactly (rejected with its check, or
 * quarantined with exactly its reasons) and nothing else is; then query, ask the status, and ingest again.
 */
class CliEndToEndTest {
    @TempDir
    static Path dir;
    static Path landing;
    static Path warehouse;
    static AmoRun ingest;
    static JsonNode anomalies;

    static AmoRun amo(String... args) {
        return AmoRun.on(warehouse, args);
    }

    @BeforeAll
    static void generateAndIngest() throws IOException {
        TestSpark.get();
        landing = dir.resolve("landing");
        warehouse = dir.resolve("warehouse");
        AmoRun generate = amo("generate", "--out", landing.toString(), "--scale", "0.0002", "--years", "2024", "--anomalies");
        assertThat(generate.code()).as(generate.err()).isZero();
        anomalies = new ObjectMapper().readTree(landing.resolve(".anomalies.json").toFile());
        ingest = amo("ingest", landing.toString());
    }

    /** Rows of a query through `amo sql --format json` (one object per line). */
    private static List<Map<String, String>> query(String sql) {
        AmoRun run = amo("sql", sql, "--format", "json");
        assertThat(run.code()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            try {
                Map<String, String> row = new HashMap<>();
                json.readTree(line).fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().asText()));
                rows.add(row);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return rows;
    }

    @Test
    void everyPlantedBadDeliveryIsRejectedWithItsCheckAndNothingElseIs() {
        assertThat(ingest.code()).as("exit code 2: some delivery rejected\n" + ingest.err()).isEqualTo(2);
        Map<String, String> expected = new TreeMap<>();
        for (JsonNode d : anomalies.get("deliveries")) {
            expected.put(d.get("file").asText().replaceAll("\\.manifest\\.json$", ""), d.get("check").asText());
        }
        Map<String, String> actual = new TreeMap<>();
        for (Map<String, String> r : query("select source_file, reason from bronze.deliveries where status = 'REJECTED'")) {
            actual.put(r.get("source_file"), r.get("reason").substring(0, r.get("reason").indexOf(':')));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.values()).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyPlantedBadRowIsQuarantinedWithExactlyItsReasonsAndNoOtherRowIs() {
        Map<String, List<String>> expected = new TreeMap<>();
        for (JsonNode r : anomalies.get("rows")) {
            List<String> reasons = new ArrayList<>();
            r.get("reasons").forEach(x -> reasons.add(x.asText()));
            expected.put(r.get("file").asText() + "#" + r.get("row").asLong(), reasons.stream().sorted().toList());
        }
        Map<String, List<String>> actual = new TreeMap<>();
        for (Map<String, String> r : query("select _source_file, _row_number, array_join(reasons, ',') as reasons from bronze.quarantine")) {
            actual.put(r.get("_source_file") + "#" + r.get("_row_number"), List.of(r.get("reasons").split(",")));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theDeliveriesQueryOfTheReadmeAnswersWhatWasGenerated() throws IOException {
        long clean;
        try (Stream<Path> files = Files.walk(landing)) {
            clean = files.filter(p -> p.toString().endsWith(".manifest.json"))
                    .filter(p -> !landing.relativize(p).startsWith("anomalies")).count();
        }
        Map<String, Long> byFeedStatus = new TreeMap<>();
        for (Map<String, String> r : query("select feed, status, count(*) as n from bronze.deliveries group by 1, 2")) {
            byFeedStatus.merge(r.get("status"), Long.parseLong(r.get("n")), Long::sum);
        }
        assertThat(byFeedStatus).containsEntry("LOADED", clean).doesNotContainKey("DUPLICATE");
        assertThat(byFeedStatus.get("REJECTED")).isEqualTo(anomalies.get("deliveries").size());
        assertThat(ingest.out()).contains("rows: ").contains("warehouse: " + warehouse.toAbsolutePath());
    }

    @Test
    void statusListsTablesAndASecondIngestChangesNothing() throws IOException {
        AmoRun status = amo("status", "--json");
        assertThat(status.code()).as(status.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(status.out());
        List<String> tables = new ArrayList<>();
        doc.get("tables").forEach(t -> tables.add(t.get("table").asText()));
        assertThat(tables).contains("bronze.claims", "bronze.beneficiaries", "bronze.deliveries", "bronze.quarantine");
        String before = amo("sql", "select count(*) from bronze.claims", "--format", "csv").out();

        AmoRun again = amo("ingest", landing.toString());

        assertThat(again.code()).isEqualTo(2);
        assertThat(again.out()).contains("0 loaded, 0 rejected, 0 duplicate");
        assertThat(amo("sql", "select count(*) from bronze.claims", "--format", "csv").out()).isEqualTo(before);
    }

    @Test
    void sqlReadsStatementsFromAPipeAndPrintsWholeNumbersAsWholeNumbers() {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("select 1 as one;\nselect 'a;b' as text,\n 2.5 as half;\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            AmoRun run = amo("sql", "--format", "json");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("{\"one\":1}\n{\"text\":\"a;b\",\"half\":2.5}\n");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void usageErrorsAndPlatformErrorsAreOneLine() {
        AmoRun usage = amo("ingest");
        assertThat(usage.code()).isEqualTo(64);
        assertThat(usage.err()).contains("Missing required parameter: 'LANDING_DIR'");
        for (String[] args : List.of(new String[]{"build", "--parallel", "0"},
                new String[]{"ingest", dir.resolve("nowhere").toString(), "--parallel", "-1"})) {
            AmoRun parallel = amo(args);
            assertThat(parallel.code()).as(String.join(" ", args)).isEqualTo(64);
            assertThat(parallel.err()).contains("--parallel must be 1 or more, not " + args[args.length - 1])
                    .doesNotContain("\tat ");
        }
        AmoRun missing = amo("ingest", dir.resolve("nowhere").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("amo: error: landing folder").doesNotContain("\tat ");
        AmoRun badSql = amo("sql", "select * from bronze.nothing");
        assertThat(badSql.code()).isEqualTo(1);
        assertThat(badSql.err()).contains("amo: error:").doesNotContain("\tat ");
    }
}
