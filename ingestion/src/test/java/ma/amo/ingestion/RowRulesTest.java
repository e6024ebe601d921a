package ma.amo.ingestion;

import ma.amo.common.BronzeTables;
import ma.amo.common.contract.Feed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static ma.amo.ingestion.TestDeliveries.ALD_EXEMPTION;
import static ma.amo.ingestion.TestDeliveries.CLAIM;
import static ma.amo.ingestion.TestDeliveries.CONTRIBUTION;
import static ma.amo.ingestion.TestDeliveries.FINANCIAL_ITEM;
import static ma.amo.ingestion.TestDeliveries.SPELL;
import static ma.amo.ingestion.TestDeliveries.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Every row rule of the contract, feed by feed, on hand-made rows: the exact rows quarantined with the exact
 * reasons, every other row loaded, each input row in exactly one place. One ingest run for all feeds.
 */
class RowRulesTest {
    @TempDir
    static Path dir;
    static IngestionFixture fx;
    static Map<String, DeliveryOutcome> outcomes;

    static final String CLAIMS = "cnss/2024/claims_2024-03.csv";
    static final String SPELLS = "cnss/2024/beneficiaries_2024.csv";
    static final String CONTRIBUTIONS = "cnss/2024/contributions_2024-03.csv";
    static final String ALD = "cnss/2024/ald_2024.csv";
    static final String FINANCIALS = "cnss/2024/financials_2024.csv";

    @BeforeAll
    static void ingest() {
        fx = new IngestionFixture(dir.resolve("warehouse"));
        Path landing = dir.resolve("landing");
        List<Map<String, String>> claims = new ArrayList<>(List.of(
                with(CLAIM, "claim_id", "C01"),                                                   // 1 clean
                with(CLAIM, "claim_id", "C02", "care_date", "2024-02-30"),                        // 2
                with(CLAIM, "claim_id", "C03", "amount_claimed", "1 234,50"),                     // 3
                with(CLAIM, "claim_id", "C04", "amount_base", "-5.00"),                           // 4
                with(CLAIM, "claim_id", "C05", "amount_claimed", "10.00", "amount_base", "10.00",
                        "amount_reimbursed", "20.00"),                                            // 5
                with(CLAIM, "claim_id", "C06", "care_category", "XYZ"),                           // 6
                with(CLAIM, "claim_id", "C07", "regime_code", "AMO_FOO"),                         // 7
                with(CLAIM, "claim_id", "C08", "regime_code", "AMO_ETUDIANTS"),                   // 8 a CNOPS regime
                with(CLAIM, "claim_id", "C09", "og_code", "CNOPS"),                               // 9
                with(CLAIM, "claim_id", "C10", "settlement_date", "2024-03-01"),                  // 10
                with(CLAIM, "claim_id", "C11", "beneficiary_id", ""),                             // 11
                with(CLAIM, "claim_id", "C12", "line_no", "0"),                                   // 12
                with(CLAIM, "claim_id", "C13"),                                                   // 13 dup
                with(CLAIM, "claim_id", "C13", "amount_claimed", "50.00", "amount_reimbursed", "10.00"), // 14 dup
                with(CLAIM, "claim_id", "C15", "care_date", "2024-13-01", "amount_base", "-1.00"), // 15 two rules
                with(CLAIM, "claim_id", "C16"),                                                   // 16 malformed
                with(CLAIM, "claim_id", "C17", "amount_reimbursed", "NaN"),                       // 17
                with(CLAIM, "claim_id", "C18", "ald_code", "ALD99"),                              // 18
                with(CLAIM, "claim_id", "C19", "regime_code", "AMO_SAL_PUBLIC", "care_date", "2026-02-10",
                        "settlement_date", "2026-02-20"),                                         // 19 CNSS since 2026-01-29
                with(CLAIM, "claim_id", "C20", "regime_code", "AMO_SAL_PUBLIC", "care_date", "2025-12-01",
                        "settlement_date", "2025-12-20"),                                         // 20 still CNOPS then
                with(CLAIM, "claim_id", "C21", "status", "ANNULE", "payment_mode", "CHEQUE")));   // 21
        Path claimsFile = TestDeliveries.write(landing, CLAIMS, Feed.CLAIMS, "CNSS", "2024-03", 1, claims);
        appendExtraField(claimsFile, 16);

        TestDeliveries.write(landing, SPELLS, Feed.BENEFICIARIES, "CNSS", "2024", 1, List.of(
                SPELL,                                                                            // 1 clean
                with(SPELL, "beneficiary_id", "B2", "coverage_start", "2024-05-01", "coverage_end", "2024-04-30"), // 2
                with(SPELL, "beneficiary_id", "B3", "birth_date", "2016-01-01"),                  // 3 born after start
                with(SPELL, "beneficiary_id", "B4", "birth_date", "1899-12-31"),                  // 4
                with(SPELL, "beneficiary_id", "B5", "insured_status", ""),                        // 5
                with(SPELL, "beneficiary_id", "B6", "coverage_start", "2010-01-01", "coverage_end", "2020-12-31"), // 6
                with(SPELL, "beneficiary_id", "B7", "regime_code", "AMO_SAL_PUBLIC", "coverage_start", "2024-01-01"), // 7
                with(SPELL, "beneficiary_id", "B8", "sex", "X", "region_code", "13"),             // 8
                with(SPELL, "beneficiary_id", "B9", "insured_id", "B1", "relationship", "ENFANT",
                        "insured_status", "", "national_id", "", "birth_date", "2016-01-01",
                        "coverage_start", "2016-01-01", "coverage_end", "2024-12-31")));          // 9 clean dependant

        TestDeliveries.write(landing, CONTRIBUTIONS, Feed.CONTRIBUTIONS, "CNSS", "2024-03", 1, List.of(
                CONTRIBUTION,                                                                     // 1 clean
                with(CONTRIBUTION, "contributor_id", "E2", "period_month", "2024-04"),            // 2
                with(CONTRIBUTION, "contributor_id", "E3", "period_month", "2024-13"),            // 3
                with(CONTRIBUTION, "contributor_id", "E4", "insured_count", "-1"),                // 4
                with(CONTRIBUTION, "contributor_id", "E5", "contributor_type", "MECENE"),         // 5
                with(CONTRIBUTION, "contributor_id", "E6", "amount_due", "12.345"),               // 6
                with(CONTRIBUTION, "contributor_id", "E7", "insured_count", "")));                // 7 clean (nullable)

        TestDeliveries.write(landing, ALD, Feed.ALD, "CNSS", "2024", 1, List.of(
                ALD_EXEMPTION,                                                                    // 1 clean
                with(ALD_EXEMPTION, "beneficiary_id", "B2", "end_date", "2023-01-31"),            // 2
                with(ALD_EXEMPTION, "beneficiary_id", "B3", "decision_date", "10/01/2023"),       // 3
                with(ALD_EXEMPTION, "beneficiary_id", "B4", "ald_code", "ALD00"),                 // 4
                with(ALD_EXEMPTION, "beneficiary_id", "B5", "regime_code", "AMO_SAL_PUBLIC",
                        "start_date", "2020-01-01", "end_date", "2021-12-31")));                  // 5 CNOPS then

        TestDeliveries.write(landing, FINANCIALS, Feed.FINANCIALS, "CNSS", "2024", 1, List.of(
                FINANCIAL_ITEM,                                                                   // 1 clean
                with(FINANCIAL_ITEM, "year", "2023"),                                             // 2
                with(FINANCIAL_ITEM, "item", "DONS"),                                             // 3
                with(FINANCIAL_ITEM, "item", "AUTRES_CHARGES", "amount", "-3.00"),                // 4
                with(FINANCIAL_ITEM, "item", "AUTRES_PRODUITS", "year", "deux mille")));          // 5
        outcomes = IngestionFixture.byFile(fx.ingest(landing));
    }

    private static void appendExtraField(Path file, int row) {
        try {
            List<String> lines = new ArrayList<>(java.nio.file.Files.readAllLines(file));
            lines.set(row, lines.get(row) + ";surplus");
            String content = String.join("\n", lines) + "\n";
            java.nio.file.Files.writeString(file, content);
            // the manifest must describe the file as delivered
            Path manifest = file.resolveSibling(file.getFileName() + ".manifest.json");
            String json = java.nio.file.Files.readString(manifest);
            String sha = FileFingerprint.sha256(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.nio.file.Files.writeString(manifest, json.replaceAll("\"sha256\" : \"[0-9a-f]+\"", "\"sha256\" : \"" + sha + "\""));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void claimRowsBreakingRulesAreQuarantinedWithEveryReason() {
        assertThat(outcomes.get(CLAIMS).status()).as(outcomes.get(CLAIMS).reason()).isEqualTo(DeliveryStatus.LOADED);
        assertThat(fx.quarantineReasons(CLAIMS)).containsOnly(
                entry(2L, List.of("BAD_DATE")),
                entry(3L, List.of("BAD_NUMBER")),
                entry(4L, List.of("NEGATIVE_AMOUNT")),
                entry(5L, List.of("REIMBURSED_GT_CLAIMED")),
                entry(6L, List.of("UNKNOWN_CODE")),
                entry(7L, List.of("UNKNOWN_REGIME")),
                entry(8L, List.of("REGIME_NOT_MANAGED")),
                entry(9L, List.of("OG_MISMATCH")),
                entry(10L, List.of("DATE_ORDER")),
                entry(11L, List.of("MISSING_REQUIRED")),
                entry(12L, List.of("OUT_OF_RANGE")),
                entry(13L, List.of("DUPLICATE_KEY")),
                entry(14L, List.of("DUPLICATE_KEY")),
                entry(15L, List.of("BAD_DATE", "NEGATIVE_AMOUNT")),
                entry(16L, List.of("MALFORMED_ROW")),
                entry(17L, List.of("BAD_NUMBER")),
                entry(18L, List.of("UNKNOWN_CODE")),
                entry(20L, List.of("REGIME_NOT_MANAGED")),
                entry(21L, List.of("UNKNOWN_CODE")));
        DeliveryOutcome claims = outcomes.get(CLAIMS);
        assertThat(claims.status()).isEqualTo(DeliveryStatus.LOADED);
        assertThat(claims.rowsLoaded()).isEqualTo(2);
        assertThat(claims.rowsQuarantined()).isEqualTo(19);
        assertThat(fx.bronze(Feed.CLAIMS).select("claim_id", BronzeTables.ROW_NUMBER).collectAsList())
                .extracting(r -> r.getString(0) + "@" + r.getLong(1))
                .containsExactlyInAnyOrder("C01@1", "C19@19");
    }

    @Test
    void beneficiaryRowsBreakingRulesAreQuarantined() {
        assertThat(fx.quarantineReasons(SPELLS)).containsOnly(
                entry(2L, List.of("DATE_ORDER")),
                entry(3L, List.of("DATE_ORDER")),
                entry(4L, List.of("BAD_DATE")),
                entry(5L, List.of("MISSING_REQUIRED")),
                entry(6L, List.of("PERIOD_MISMATCH")),
                entry(7L, List.of("REGIME_NOT_MANAGED")),
                entry(8L, List.of("UNKNOWN_CODE")));
        assertThat(outcomes.get(SPELLS).rowsLoaded()).isEqualTo(2);
    }

    @Test
    void contributionRowsBreakingRulesAreQuarantined() {
        assertThat(fx.quarantineReasons(CONTRIBUTIONS)).containsOnly(
                entry(2L, List.of("PERIOD_MISMATCH")),
                entry(3L, List.of("BAD_DATE")),
                entry(4L, List.of("OUT_OF_RANGE")),
                entry(5L, List.of("UNKNOWN_CODE")),
                entry(6L, List.of("BAD_NUMBER")));
        assertThat(outcomes.get(CONTRIBUTIONS).rowsLoaded()).isEqualTo(2);
    }

    @Test
    void aldAndFinancialRowsBreakingRulesAreQuarantined() {
        assertThat(fx.quarantineReasons(ALD)).containsOnly(
                entry(2L, List.of("DATE_ORDER")),
                entry(3L, List.of("BAD_DATE")),
                entry(4L, List.of("UNKNOWN_CODE")),
                entry(5L, List.of("REGIME_NOT_MANAGED")));
        assertThat(fx.quarantineReasons(FINANCIALS)).containsOnly(
                entry(2L, List.of("PERIOD_MISMATCH")),
                entry(3L, List.of("UNKNOWN_CODE")),
                entry(4L, List.of("NEGATIVE_AMOUNT")),
                entry(5L, List.of("BAD_NUMBER")));
        assertThat(outcomes.get(ALD).rowsLoaded()).isEqualTo(1);
        assertThat(outcomes.get(FINANCIALS).rowsLoaded()).isEqualTo(1);
    }

    @Test
    void everyInputRowEndsInExactlyOnePlace() {
        for (Feed feed : Feed.values()) {
            long bronze = fx.bronze(feed).count();
            long quarantined = fx.table(BronzeTables.QUARANTINE).filter("feed = '" + feed.code() + "'").count();
            long delivered = outcomes.values().stream().filter(o -> feed.code().equals(o.feed()))
                    .mapToLong(o -> o.rowsLoaded() + o.rowsQuarantined()).sum();
            assertThat(bronze + quarantined).as(feed.code()).isEqualTo(delivered);
        }
        assertThat(outcomes.get(CLAIMS).rowsLoaded() + outcomes.get(CLAIMS).rowsQuarantined()).isEqualTo(21);
    }

    @Test
    void typesAreProperAndIdentifiersPseudonymised() {
        var row = fx.bronze(Feed.BENEFICIARIES).filter("_row_number = 1").first();
        assertThat(row.<java.sql.Date>getAs("birth_date").toLocalDate()).isEqualTo(java.time.LocalDate.of(1980, 6, 15));
        assertThat(row.<String>getAs("beneficiary_id"))
                .isEqualTo(IngestionFixture.PSEUDONYMIZER.pseudonym("person", "CNSS", "B1"))
                .isEqualTo(row.<String>getAs("insured_id"))
                .hasSize(32);
        assertThat(row.<String>getAs("national_id"))
                .isEqualTo(IngestionFixture.PSEUDONYMIZER.pseudonym("national", "", "AB123456"));
        var claim = fx.bronze(Feed.CLAIMS).filter("claim_id = 'C01'").first();
        assertThat(claim.<java.math.BigDecimal>getAs("amount_reimbursed")).isEqualByComparingTo("63.00");
        assertThat(claim.<Integer>getAs("line_no")).isEqualTo(1);
        // the quarantine keeps the delivered line, but with identifiers pseudonymised too
        String raw = fx.table(BronzeTables.QUARANTINE).filter("_source_file = '" + SPELLS + "' and _row_number = 2")
                .first().getAs("raw_line");
        assertThat(raw).startsWith("CNSS;AMO_SAL_PRIVE;" + IngestionFixture.PSEUDONYMIZER.pseudonym("person", "CNSS", "B2"))
                .doesNotContain("AB123456").contains("2024-04-30");
    }
}
