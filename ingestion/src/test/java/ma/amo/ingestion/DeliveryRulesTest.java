package ma.amo.ingestion;

import ma.amo.common.BronzeTables;
import ma.amo.common.contract.Feed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static ma.amo.ingestion.TestDeliveries.CLAIM;
import static ma.amo.ingestion.TestDeliveries.CONTRIBUTION;
import static ma.amo.ingestion.TestDeliveries.SPELL;
import static ma.amo.ingestion.TestDeliveries.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every delivery check of the contract: each bad delivery is rejected whole with a reason that names the
 * check, and nothing of it reaches bronze or quarantine; the good delivery beside them still loads.
 */
class DeliveryRulesTest {
    @TempDir
    static Path dir;
    static IngestionFixture fx;
    static IngestReport report;
    static Map<String, DeliveryOutcome> outcomes;


    private static List<Map<String, String>> rows(String name) {
        return List.of(with(CLAIM, "claim_id", name + "-1"), with(CLAIM, "claim_id", name + "-2"));
    }

    @BeforeAll
    static void ingest() throws IOException {
        fx = new IngestionFixture(dir.resolve("warehouse"));
        Path l = dir.resolve("landing");
        TestDeliveries.write(l, "good.csv", Feed.CLAIMS, "CNSS", "2024-03", 1, rows("good"));
        // a data file alone
        TestDeliveries.write(l, "no_manifest.csv", Feed.CLAIMS, "CNSS", "2024-04", 1, rows("no_manifest"));
        Files.delete(l.resolve("no_manifest.csv.manifest.json"));
        // a manifest alone
        TestDeliveries.write(l, "no_data.csv", Feed.CLAIMS, "CNSS", "2024-05", 1, rows("no_data"));
        Files.delete(l.resolve("no_data.csv"));
        TestDeliveries.write(l, "not_json.csv", Feed.CLAIMS, "CNSS", "2024-06", 1, rows("not_json"));
        Files.writeString(l.resolve("not_json.csv.manifest.json"), "og_code=CNSS\n");
        TestDeliveries.write(l, "missing_key.csv", Feed.CLAIMS, "CNSS", "2024-06", 2, rows("missing_key"), m -> m.remove("row_count"));
        TestDeliveries.write(l, "wrong_type.csv", Feed.CLAIMS, "CNSS", "2024-06", 3, rows("wrong_type"), m -> m.put("sequence", "three"));
        TestDeliveries.write(l, "unknown_og.csv", Feed.CLAIMS, "CNSS", "2024-07", 1, rows("unknown_og"), m -> m.put("og_code", "CIMR"));
        TestDeliveries.write(l, "unknown_feed.csv", Feed.CLAIMS, "CNSS", "2024-07", 2, rows("unknown_feed"), m -> m.put("feed", "invoices"));
        TestDeliveries.write(l, "bad_period.csv", Feed.CLAIMS, "CNSS", "2024-07", 3, rows("bad_period"), m -> m.put("period", "2024-13"));
        TestDeliveries.write(l, "monthly_spells.csv", Feed.BENEFICIARIES, "CNSS", "2024-01", 1, List.of(SPELL));
        TestDeliveries.write(l, "xlsx.csv", Feed.CLAIMS, "CNSS", "2024-07", 4, rows("xlsx"), m -> m.put("format", "xlsx"));
        TestDeliveries.write(l, "schema_v2.csv", Feed.CLAIMS, "CNSS", "2024-07", 5, rows("schema_v2"), m -> m.put("schema_version", 2));
        TestDeliveries.write(l, "sha.csv", Feed.CLAIMS, "CNSS", "2024-08", 1, rows("sha"),
                m -> m.put("sha256", "0".repeat(64)));
        TestDeliveries.write(l, "row_count.csv", Feed.CLAIMS, "CNSS", "2024-08", 2, rows("row_count"), m -> m.put("row_count", 3));
        TestDeliveries.write(l, "totals.csv", Feed.CLAIMS, "CNSS", "2024-08", 3, rows("totals"),
                m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("control_totals"))
                        .put("amount_reimbursed", new java.math.BigDecimal("126.01")));
        TestDeliveries.write(l, "totals_missing.csv", Feed.CLAIMS, "CNSS", "2024-08", 4, rows("totals_missing"),
                m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("control_totals")).remove("amount_claimed"));
        String header = String.join(";", Feed.CONTRIBUTIONS.columnNames());
        String line = TestDeliveries.line(Feed.CONTRIBUTIONS, CONTRIBUTION);
        TestDeliveries.writeRaw(l, "missing_col.csv", Feed.CONTRIBUTIONS, "CNSS", "2024-03", 1,
                header.replace(";insured_count", "") + "\n" + line.replace(";10;", ";") + "\n", m -> {
                });
        TestDeliveries.writeRaw(l, "extra_col.csv", Feed.CONTRIBUTIONS, "CNSS", "2024-03", 2,
                header + ";comment\n" + line + ";hello\n", m -> {
                });
        TestDeliveries.writeRaw(l, "dup_col.csv", Feed.CONTRIBUTIONS, "CNSS", "2024-03", 3,
                header + ";amount_due\n" + line + ";1.00\n", m -> {
                });
        TestDeliveries.writeRaw(l, "commas.csv", Feed.CONTRIBUTIONS, "CNSS", "2024-03", 4,
                header.replace(';', ',') + "\n" + line.replace(';', ',') + "\n", m -> {
                });
        TestDeliveries.writeRaw(l, "empty.csv", Feed.CONTRIBUTIONS, "CNSS", "2024-03", 5, "", m -> {
        });
        TestDeliveries.writeBytes(l, "latin1.csv", Feed.CONTRIBUTIONS, "CNSS", "2024-03", 6,
                (header + "\n" + line.replace("E1", "Employeur Fès") + "\n").getBytes(StandardCharsets.ISO_8859_1), m -> {
                });
        TestDeliveries.writeBytes(l, "binary.csv", Feed.CONTRIBUTIONS, "CNSS", "2024-03", 7,
                (header + "\n" + "\u0000\u0001\u0002garbage\n").getBytes(StandardCharsets.UTF_8), m -> {
                });
        // same key and sequence as good.csv, other bytes
        TestDeliveries.write(l, "z_conflict.csv", Feed.CLAIMS, "CNSS", "2024-03", 1, List.of(with(CLAIM, "claim_id", "K9")));
        report = fx.ingest(l);
        outcomes = IngestionFixture.byFile(report);
    }

    private static String reasonOf(String file) {
        DeliveryOutcome o = outcomes.get(file);
        assertThat(o).as(file).isNotNull();
        assertThat(o.status()).as(file + ": " + o.reason()).isEqualTo(DeliveryStatus.REJECTED);
        assertThat(o.rowsLoaded()).isZero();
        return o.reason();
    }

    @Test
    void manifestProblemsRejectTheDelivery() {
        assertThat(reasonOf("no_manifest.csv")).startsWith("MANIFEST_MISSING: ").contains("no_manifest.csv.manifest.json");
        assertThat(reasonOf("no_data.csv")).startsWith("DATA_FILE_MISSING: ").contains("no_data.csv");
        assertThat(reasonOf("not_json.csv")).startsWith("MANIFEST_INVALID: not valid JSON");
        assertThat(reasonOf("missing_key.csv")).isEqualTo("MANIFEST_INVALID: missing required key(s) row_count");
        assertThat(reasonOf("wrong_type.csv")).startsWith("MANIFEST_INVALID: 'sequence' must be a whole number");
        assertThat(reasonOf("unknown_og.csv")).startsWith("UNKNOWN_OG: og_code 'CIMR'");
        assertThat(reasonOf("unknown_feed.csv")).startsWith("UNKNOWN_FEED: feed 'invoices'");
        assertThat(reasonOf("bad_period.csv")).startsWith("BAD_PERIOD: period '2024-13'");
        assertThat(reasonOf("monthly_spells.csv")).startsWith("BAD_PERIOD: the beneficiaries feed is delivered per year");
        assertThat(reasonOf("xlsx.csv")).startsWith("UNSUPPORTED_FORMAT: format 'xlsx'");
        assertThat(reasonOf("schema_v2.csv")).startsWith("UNSUPPORTED_FORMAT: schema_version 2");
        assertThat(reasonOf("totals_missing.csv")).startsWith("MANIFEST_INVALID: control_totals lacks 'amount_claimed'");
    }

    @Test
    void contentNotMatchingTheManifestRejectsTheDelivery() {
        assertThat(reasonOf("sha.csv")).startsWith("SHA256_MISMATCH: manifest sha256 0000");
        assertThat(reasonOf("row_count.csv")).isEqualTo("ROW_COUNT_MISMATCH: manifest row_count 3 but the file has 2 data rows");
        assertThat(reasonOf("totals.csv")).isEqualTo(
                "CONTROL_TOTAL_MISMATCH: amount_reimbursed: manifest 126.01, file 126.00 (difference 0.01)");
        assertThat(reasonOf("z_conflict.csv")).startsWith("SEQUENCE_CONFLICT: sequence 1 of CNSS/claims/2024-03 was already loaded from good.csv");
    }

    @Test
    void headerAndEncodingProblemsRejectTheDelivery() {
        assertThat(reasonOf("missing_col.csv")).isEqualTo("MISSING_COLUMN: header lacks required column(s) [insured_count]");
        assertThat(reasonOf("extra_col.csv")).startsWith("UNKNOWN_COLUMN: header has column(s) [comment]");
        assertThat(reasonOf("dup_col.csv")).isEqualTo("DUPLICATE_COLUMN: header names [amount_due] more than once");
        assertThat(reasonOf("commas.csv")).startsWith("UNKNOWN_COLUMN: ").endsWith("(the header has one field: is the separator ';'?)");
        assertThat(reasonOf("empty.csv")).startsWith("UNREADABLE_FILE: empty file");
        assertThat(reasonOf("latin1.csv")).startsWith("UNREADABLE_FILE: not UTF-8 text");
        assertThat(reasonOf("binary.csv")).startsWith("UNREADABLE_FILE: binary content (a NUL byte) at byte");
    }

    @Test
    void onlyTheGoodDeliveryLoadsAndEveryDeliveryIsRecorded() {
        assertThat(outcomes.get("good.csv").status()).isEqualTo(DeliveryStatus.LOADED);
        assertThat(fx.bronze(Feed.CLAIMS).count()).isEqualTo(2);
        assertThat(fx.count(BronzeTables.QUARANTINE)).isZero();
        assertThat(fx.count(BronzeTables.DELIVERIES)).isEqualTo(outcomes.size()).isEqualTo(24);
        assertThat(report.anyRejected()).isTrue();
        assertThat(report.count(DeliveryStatus.REJECTED)).isEqualTo(23);
    }
}
