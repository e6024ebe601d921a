package ma.amo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.amo.common.Warehouse;
import ma.amo.common.contract.Column;
import ma.amo.common.contract.Feed;
import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No raw identifier leaves ingestion: every identifier of generated deliveries (bad rows and bad deliveries
 * included) is looked for in every Delta table (through Spark, so compressed Parquet is read as values), in
 * every other file of the warehouse (Delta logs with their min/max statistics, ledger, audit records), and in
 * everything the commands printed; the key is looked for too. Then audit.runs is checked to hold each run.
 * Silver, gold and the reports are computed from bronze only, so a bronze without raw identifiers bounds them.
 */
class PrivacyAndAuditTest {
    private static final String KEY = "privacy-test-key-5f3a9c1e7b2d4068aa1b";

    @TempDir
    static Path dir;
    static Path landing;
    static Path warehouse;
    static final StringBuilder printed = new StringBuilder();

    static AmoRun amo(String... args) {
        AmoRun run = AmoRun.on(warehouse, args);
        printed.append(run.out()).append(run.err());
        return run;
    }

    @BeforeAll
    static void ingestDeliveriesWithKnownIdentifiers() throws IOException {
        TestSpark.get();
        landing = dir.resolve("landing");
        warehouse = dir.resolve("warehouse");
        Path keyFile = dir.resolve("key");
        Files.writeString(keyFile, KEY);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        assertThat(amo("generate", "--out", landing.toString(), "--scale", "0.0002", "--years", "2024", "--anomalies").code()).isZero();
        AmoRun ingest = amo("ingest", landing.toString(), "--key-file", keyFile.toString());
        assertThat(ingest.code()).as(ingest.err()).isEqualTo(2); // the planted bad deliveries are rejected
        assertThat(amo("report", "--year", "2024", "--out", dir.resolve("out-without-build").toString()).code()).isEqualTo(1);
    }

    /** Every identifier value of the delivered files (columns the contract pseudonymises), 6 characters or more. */
    private static Set<String> plantedIdentifiers() throws IOException {
        Set<String> ids = new HashSet<>();
        try (Stream<Path> files = Files.walk(landing)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                } catch (IOException notUtf8) {
                    lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                }
                if (lines.isEmpty()) {
                    continue;
                }
                String[] header = lines.get(0).split(";", -1);
                Feed feed = Feed.fromCode(f.getFileName().toString().split("_")[1]).orElse(null);
                if (feed == null) {
                    continue;
                }
                List<Integer> idColumns = new ArrayList<>();
                for (int i = 0; i < header.length; i++) {
                    String name = header[i];
                    if (feed.columnNames().contains(name)) {
                        Column c = feed.column(name);
                        if (c.isIdentifier()) {
                            idColumns.add(i);
                        }
                    }
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.split(";", -1);
                    for (int i : idColumns) {
                        if (i < fields.length && fields[i].trim().length() >= 6) {
                            ids.add(fields[i].trim());
                        }
                    }
                }
            }
        }
        return ids;
    }

    /** Words of a text (runs of letters and digits): a leaked identifier is one of them. */
    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String w : text.split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static Set<String> leaks(Set<String> ids, String text) {
        Set<String> found = new TreeSet<>(words(text));
        found.retainAll(ids);
        return found;
    }

    @Test
    void noRawIdentifierInAnyTableFileOrOutputAndTheKeyIsNeverShown() throws IOException {
        Set<String> ids = plantedIdentifiers();
        assertThat(ids).as("identifiers in the generated deliveries").hasSizeGreaterThan(1000);

        Warehouse w = new Warehouse(warehouse);
        List<String> tables = w.tables();
        assertThat(tables).contains("bronze.beneficiaries", "bronze.claims", "bronze.quarantine", "bronze.deliveries");
        for (String table : tables) {
            var rows = TestSpark.get().read().format("delta").load(w.tableUri(table));
            var text = rows.select(concat_ws(" ", java.util.Arrays.stream(rows.columns())
                    .map(c -> col(c).cast("string")).toArray(org.apache.spark.sql.Column[]::new)))
                    .as(Encoders.STRING()).collectAsList();
            assertThat(leaks(ids, String.join("\n", text))).as("raw identifiers in " + table).isEmpty();
        }
        long scanned = 0;
        try (Stream<Path> files = Files.walk(warehouse)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".parquet")).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(leaks(ids, text)).as("raw identifiers in " + f).isEmpty();
                assertThat(text).as("the key in " + f).doesNotContain(KEY);
                scanned++;
            }
        }
        assertThat(scanned).as("Delta logs, ledger and audit files scanned").isGreaterThan(20);
        assertThat(leaks(ids, printed.toString())).as("raw identifiers in the commands' output").isEmpty();
        assertThat(printed.toString()).doesNotContain(KEY);
    }

    @Test
    void auditRunsRecordsEveryRunWithItsOutcomeAndTheTablesItWrote() throws IOException {
        AmoRun sql = amo("sql", "select command, outcome, exit_code, user_name, size(parameters) as n_parameters, "
                + "versions_written['bronze.claims'] as claims_version, error from audit.runs order by started_at",
                "--format", "json");
        assertThat(sql.code()).as(sql.err()).isZero();
        List<JsonNode> runs = new ArrayList<>();
        for (String line : sql.out().lines().toList()) {
            runs.add(new ObjectMapper().readTree(line));
        }
        // generate ran before the warehouse existed: nothing to record it in. Then, in order: ingest (rejected
        // deliveries: PARTIAL, exit 2, wrote bronze.claims), report before any build (FAILED, 1, with its
        // one-line error), and this query, still RUNNING while it reads.
        assertThat(runs).hasSize(3);
        assertThat(runs.get(0).get("command").asText()).isEqualTo("amo ingest");
        assertThat(runs.get(0).get("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(runs.get(0).get("exit_code").asInt()).isEqualTo(2);
        assertThat(runs.get(0).get("user_name").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(runs.get(0).get("claims_version").isNull()).as("ingest wrote bronze.claims").isFalse();
        assertThat(runs.get(1).get("command").asText()).isEqualTo("amo report");
        assertThat(runs.get(1).get("outcome").asText()).isEqualTo("FAILED");
        assertThat(runs.get(1).get("exit_code").asInt()).isEqualTo(1);
        assertThat(runs.get(1).get("error").asText()).isNotBlank();
        assertThat(runs.get(2).get("command").asText()).isEqualTo("amo sql");
        assertThat(runs.get(2).get("outcome").asText()).isEqualTo("RUNNING");
        assertThat(runs.get(2).get("n_parameters").asInt()).isEqualTo(8);
    }
}
