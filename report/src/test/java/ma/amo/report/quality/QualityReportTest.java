package ma.amo.report.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import ma.amo.common.Warehouse;
import ma.amo.common.testing.TestSpark;
import ma.amo.report.RagFixture;
import ma.amo.report.RagTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality report on the RAG's fixture (report/src/test/resources/fixture: 16 landing files, ingested and
 * built once per JVM by RagFixture). Every figure below is read off the fixture's files.
 *
 * <p>Four runs: A (every year, --landing, default thresholds 5 % and 50 %), B (A again, for the bytes),
 * C (--year 2024, no landing, thresholds 20 % and 250 %) and D (a copy of bronze with one loaded row deleted).
 */
class QualityReportTest {
    @TempDir
    static Path dir;
    static QualityResult a;
    static QualityResult c;

    @BeforeAll
    static void runTwiceAndOnceForOneYear() {
        a = report(RagFixture.built()).run(new QualityOptions(null, dir.resolve("a"), RagFixture.resource("landing"),
                QualityOptions.DEFAULT_MAX_QUARANTINE_SHARE, QualityOptions.DEFAULT_JUMP_THRESHOLD));
        c = report(RagFixture.built()).compute(new QualityOptions(2024, dir.resolve("c"), null,
                new BigDecimal("20"), new BigDecimal("250")));
    }

    private static QualityReport report(Warehouse w) {
        return new QualityReport(TestSpark.get(), w, RagFixture.REFERENCE);
    }

    /** Rows as the CSV writes them, '|'-joined; delivery ids lose their hash: CNSS-claims-2024-01-s1-ab12… → CNSS-claims-2024-01-1. */
    private static List<String> rows(RagTable t) {
        return IntStream.range(0, t.size()).mapToObj(r -> IntStream.range(0, t.columns().size())
                        .mapToObj(col -> t.text(r, col).replaceAll("-s(\\d+)-[0-9a-f]+", "-$1"))
                        .collect(Collectors.joining("|")))
                .toList();
    }

    /** Q1 rows without the rejections text (checked apart). */
    private static List<String> deliveries(RagTable q1) {
        return rows(q1).stream().map(r -> {
            String[] f = r.split("\\|", -1);
            return String.join("|", f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[8]);
        }).toList();
    }

    private static List<String> months(String og, String feed, String status, String delivery, String severity,
                                       String... months) {
        return Stream.of(months).map(m -> og + "|" + feed + "|" + m + "|true|" + status + "|" + delivery + "|0|" + severity)
                .toList();
    }

    private static List<String> twelve(String og, String delivery) {
        return months(og, "contributions", "RECUE", delivery, "", IntStream.rangeClosed(1, 12)
                .mapToObj(m -> String.format("2024-%02d", m)).toArray(String[]::new));
    }

    @Test
    void section1ExpectedDeliveriesFlagTheMissingMonthsAndTheRejectedOne() {
        // Windows (first to last period any body delivered, whatever its status): claims 2023-12 … 2024-06 (7
        // months), contributions 2024-01 … 2024-12 (yearly files cover their 12 months), yearly feeds 2024.
        // Both bodies run regimes all along (regimes.csv), so every slot is expected.
        List<String> expected = new ArrayList<>();
        expected.add("CNOPS|ald|2024|true|RECUE|CNOPS-ald-2024-1|0|");
        expected.add("CNOPS|beneficiaries|2024|true|RECUE|CNOPS-beneficiaries-2024-1|0|");
        expected.addAll(months("CNOPS", "claims", "RECUE", "CNOPS-claims-2023-12-1", "", "2023-12"));
        // CNOPS delivered claims for 2023-12 and 2024-06 only: 5 months missing
        expected.addAll(months("CNOPS", "claims", "MANQUANTE", "", "BLOQUANT", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05"));
        expected.addAll(months("CNOPS", "claims", "RECUE", "CNOPS-claims-2024-06-1", "", "2024-06"));
        expected.addAll(twelve("CNOPS", "CNOPS-contributions-2024-2"));   // sequence 2 replaced sequence 1
        expected.add("CNOPS|financials|2024|true|MANQUANTE||0|AVERTISSEMENT");     // optional feed
        expected.add("CNSS|ald|2024|true|RECUE|CNSS-ald-2024-1|0|");
        expected.add("CNSS|beneficiaries|2024|true|RECUE|CNSS-beneficiaries-2024-2|0|");
        expected.addAll(months("CNSS", "claims", "RECUE", "CNSS-claims-2023-12-1", "", "2023-12"));
        expected.addAll(months("CNSS", "claims", "RECUE", "CNSS-claims-2024-01-1", "", "2024-01"));
        expected.addAll(months("CNSS", "claims", "MANQUANTE", "", "BLOQUANT", "2024-02"));
        expected.addAll(months("CNSS", "claims", "RECUE", "CNSS-claims-2024-03-1", "", "2024-03"));
        // 2024-04 came with a sha256 of zeros: rejected on the driver, where ingestion records the rejection
        // without its og/feed/period, so it has no slot: the month is missing, the rejection listed apart
        expected.addAll(months("CNSS", "claims", "MANQUANTE", "", "BLOQUANT", "2024-04", "2024-05", "2024-06"));
        expected.addAll(twelve("CNSS", "CNSS-contributions-2024-1"));
        expected.add("CNSS|financials|2024|true|RECUE|CNSS-financials-2024-1|0|");
        expected.add("|||false|NON_ATTRIBUEE||1|AVERTISSEMENT");
        RagTable q1 = a.table("Q1");
        assertThat(deliveries(q1)).containsExactlyElementsOf(expected);
        // 22 rows per body + the unattributed rejection; blocking: CNOPS 5 + CNSS 4 missing months = 9;
        // warnings: CNOPS financials, the unattributed rejection
        assertThat(q1.size()).isEqualTo(45);
        assertThat(QualityResult.count(q1, Severity.BLOCKING)).isEqualTo(9);
        assertThat(QualityResult.count(q1, Severity.WARNING)).isEqualTo(2);
        assertThat(rows(q1).get(44)).contains("|cnss/cnss_claims_2024-04_01.csv: SHA256_MISMATCH");

        // --year 2024: the two 2023-12 claims rows go, the findings stay
        RagTable q1c = c.table("Q1");
        assertThat(q1c.size()).isEqualTo(43);
        assertThat(deliveries(q1c)).doesNotContain(expected.get(2)).contains("CNSS|claims|2024-04|true|MANQUANTE||0|BLOQUANT");
        assertThat(QualityResult.count(q1c, Severity.BLOCKING)).isEqualTo(9);
    }

    @Test
    void section2QuarantineByReasonAndShareOfTheDelivery() {
        // K5 of cnss_claims_2024-01: reimbursed 500 > claimed 100, 1 row of 6; E2 of cnss_contributions_2024:
        // amount_due -5.00, 1 row of 4. Shares 1/6 = 0.166667 and 1/4 = 0.25, both above 5 %.
        assertThat(rows(a.table("Q2"))).containsExactly(
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|REIMBURSED_GT_CLAIMED|1|6|0.166667|",
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|TOTAL|1|6|0.166667|BLOQUANT",
                "CNSS|contributions|2024|CNSS-contributions-2024-1|NEGATIVE_AMOUNT|1|4|0.250000|",
                "CNSS|contributions|2024|CNSS-contributions-2024-1|TOTAL|1|4|0.250000|BLOQUANT");
        // threshold 20 %: 16.7 % is a warning, 25 % still blocking
        assertThat(rows(c.table("Q2"))).filteredOn(r -> r.contains("|TOTAL|")).containsExactly(
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|TOTAL|1|6|0.166667|AVERTISSEMENT",
                "CNSS|contributions|2024|CNSS-contributions-2024-1|TOTAL|1|4|0.250000|BLOQUANT");
    }

    @Test
    void section3SilverFindingsWithoutTheOnesRecomputedFromBronze() {
        // B88 (ALD, AMO_TNS) is in no beneficiaries file; C03's spell ended 2024-03-31, L2's care is 2024-04-15;
        // B77 (claim K4) is unknown. Missing months and quarantined rows are in Q1 and Q2, not here.
        assertThat(rows(a.table("Q3"))).containsExactly(
                "ALD_UNKNOWN_BENEFICIARY|CNSS|ald|AMO_TNS|2024|1|AVERTISSEMENT",
                "CLAIM_OUTSIDE_COVERAGE|CNOPS|claims|AMO_SAL_PUBLIC|2024|1|AVERTISSEMENT",
                "CLAIM_UNKNOWN_BENEFICIARY|CNSS|claims|AMO_SAL_PRIVE|2024|1|AVERTISSEMENT");
    }

    @Test
    void section4ControlTotalsOfEveryCurrentDeliveryAddUp() {
        // manifest row_count = rows loaded + rows quarantined, for the 12 current deliveries
        assertThat(rows(a.table("Q4a"))).containsExactly(
                "CNOPS|ald|2024|CNOPS-ald-2024-1|2|2|0|0|OK|",
                "CNOPS|beneficiaries|2024|CNOPS-beneficiaries-2024-1|4|4|0|0|OK|",
                "CNOPS|claims|2023-12|CNOPS-claims-2023-12-1|1|1|0|0|OK|",
                "CNOPS|claims|2024-06|CNOPS-claims-2024-06-1|5|5|0|0|OK|",
                "CNOPS|contributions|2024|CNOPS-contributions-2024-2|2|2|0|0|OK|",
                "CNSS|ald|2024|CNSS-ald-2024-1|3|3|0|0|OK|",
                "CNSS|beneficiaries|2024|CNSS-beneficiaries-2024-2|8|8|0|0|OK|",
                "CNSS|claims|2023-12|CNSS-claims-2023-12-1|2|2|0|0|OK|",
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|6|5|1|0|OK|",
                "CNSS|claims|2024-03|CNSS-claims-2024-03-1|3|3|0|0|OK|",
                "CNSS|contributions|2024|CNSS-contributions-2024-1|4|3|1|0|OK|",
                "CNSS|financials|2024|CNSS-financials-2024-1|3|3|0|0|OK|");
        assertThat(rows(a.table("Q4b"))).containsExactly(
                "CNOPS|claims|2023-12|CNOPS-claims-2023-12-1|amount_claimed|1000.00|1000.00|0.00|0.00|OK|",
                "CNOPS|claims|2023-12|CNOPS-claims-2023-12-1|amount_reimbursed|900.00|900.00|0.00|0.00|OK|",
                // 1000 + 200 + 120 + 800 + 50 = 2170; 900 + 64 + 80 + 240 + 40 = 1324
                "CNOPS|claims|2024-06|CNOPS-claims-2024-06-1|amount_claimed|2170.00|2170.00|0.00|0.00|OK|",
                "CNOPS|claims|2024-06|CNOPS-claims-2024-06-1|amount_reimbursed|1324.00|1324.00|0.00|0.00|OK|",
                "CNOPS|contributions|2024|CNOPS-contributions-2024-2|amount_due|2500.00|2500.00|0.00|0.00|OK|",
                "CNOPS|contributions|2024|CNOPS-contributions-2024-2|amount_collected|2450.00|2450.00|0.00|0.00|OK|",
                "CNSS|claims|2023-12|CNSS-claims-2023-12-1|amount_claimed|350.00|350.00|0.00|0.00|OK|",
                "CNSS|claims|2023-12|CNSS-claims-2023-12-1|amount_reimbursed|64.00|64.00|0.00|0.00|OK|",
                // K5 quarantined: claimed 5950 = 5850 loaded + 100; reimbursed 4551 = 4051 + 500
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|amount_claimed|5950.00|5850.00|100.00|0.00|OK|",
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|amount_reimbursed|4551.00|4051.00|500.00|0.00|OK|",
                "CNSS|claims|2024-03|CNSS-claims-2024-03-1|amount_claimed|600.00|600.00|0.00|0.00|OK|",
                "CNSS|claims|2024-03|CNSS-claims-2024-03-1|amount_reimbursed|240.00|240.00|0.00|0.00|OK|",
                // E2 quarantined with -5.00, read back from raw_line: 2295 = 1000 + 1000 + 300 - 5
                "CNSS|contributions|2024|CNSS-contributions-2024-1|amount_due|2295.00|2300.00|-5.00|0.00|OK|",
                "CNSS|contributions|2024|CNSS-contributions-2024-1|amount_collected|2050.50|2050.50|0.00|0.00|OK|",
                "CNSS|financials|2024|CNSS-financials-2024-1|amount|160.00|160.00|0.00|0.00|OK|");
        // no landing folder: the amounts are summed but not checked, and the report says so; --year 2024 leaves
        // out the two 2023-12 claims deliveries (4 rows)
        assertThat(rows(c.table("Q4b"))).hasSize(11).allMatch(r -> r.endsWith("|NON_VERIFIE|"));
        assertThat(c.notes()).anyMatch(n -> n.contains("--landing"));
    }

    @Test
    void section4ALostBronzeRowIsABlockingDifference() throws IOException {
        // a copy of bronze only (no build: sections 3, 5, 6 are then empty), minus K2 line 2 of
        // cnss_claims_2024-01 (claimed 300, reimbursed 210)
        Path copy = dir.resolve("tampered");
        RagFixture.copyTree(RagFixture.built().root().resolve("bronze"), copy.resolve("bronze"));
        Warehouse w = new Warehouse(copy);
        DeltaTable.forPath(TestSpark.get(), w.tableUri("bronze.claims"))
                .delete("claim_id = 'K2' AND line_no = 2 AND _period = '2024-01'");
        QualityResult d = report(w).compute(new QualityOptions(null, dir.resolve("d"), RagFixture.resource("landing"),
                QualityOptions.DEFAULT_MAX_QUARANTINE_SHARE, QualityOptions.DEFAULT_JUMP_THRESHOLD));
        // 6 announced, 4 loaded + 1 quarantined: 1 missing; 5950 - (5550 + 100) = 300; 4551 - (3841 + 500) = 210
        assertThat(rows(d.table("Q4a"))).contains("CNSS|claims|2024-01|CNSS-claims-2024-01-1|6|4|1|1|ECART|BLOQUANT");
        assertThat(rows(d.table("Q4b"))).contains(
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|amount_claimed|5950.00|5550.00|100.00|300.00|ECART|BLOQUANT",
                "CNSS|claims|2024-01|CNSS-claims-2024-01-1|amount_reimbursed|4551.00|3841.00|500.00|210.00|ECART|BLOQUANT");
        // Q1 9 + Q2 2 + Q4a 1 + Q4b 2
        assertThat(d.count(Severity.BLOCKING)).isEqualTo(14);
        assertThat(d.table("Q5").size() + d.table("Q6").size() + d.table("Q3").size()).isZero();
        assertThat(d.notes()).anyMatch(n -> n.startsWith("Aucune construction"));
    }

    @Test
    void section5MonthOverMonthJumpsOfPaidClaims() {
        // Paid lines by settlement month (latest copies): AMO_SAL_PRIVE 2023-11 K0 CONSULTATIONS 64; 2024-01 K1
        // MEDICAMENTS 105, K2/1 HOSPITALISATION 3600, K4 BIOLOGIE 80; 2024-03 K2/2 MEDICAMENTS 240 (its latest
        // copy). AMO_SAL_PUBLIC 2023-10 L0 HEMODIALYSE 900; 2024-05 L2 CONSULTATIONS 64; 2024-06 L1 HEMODIALYSE
        // 900, L3/1 MEDICAMENTS 80, L3/2 OPTIQUE 240; 2024-07 L4 BIOLOGIE 40. AMO_TNS: 2024-01 only, nothing to
        // compare. Months without paid claims count as zero; from zero is an appearance (no rate).
        RagTable q5 = a.table("Q5");
        assertThat(rows(q5)).containsExactly(
                "AMO_SAL_PRIVE|BIOLOGIE|2024-01|0|1||0.00|80.00||AVERTISSEMENT",
                "AMO_SAL_PRIVE|BIOLOGIE|2024-02|1|0|-1.000000|80.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PRIVE|CONSULTATIONS|2023-12|1|0|-1.000000|64.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PRIVE|HOSPITALISATION|2024-01|0|1||0.00|3600.00||AVERTISSEMENT",
                "AMO_SAL_PRIVE|HOSPITALISATION|2024-02|1|0|-1.000000|3600.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PRIVE|MEDICAMENTS|2024-01|0|1||0.00|105.00||AVERTISSEMENT",
                "AMO_SAL_PRIVE|MEDICAMENTS|2024-02|1|0|-1.000000|105.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PRIVE|MEDICAMENTS|2024-03|0|1||0.00|240.00||AVERTISSEMENT",
                "AMO_SAL_PRIVE|TOTAL|2023-12|1|0|-1.000000|64.00|0.00|-1.000000|AVERTISSEMENT",
                // 105 + 3600 + 80 = 3785
                "AMO_SAL_PRIVE|TOTAL|2024-01|0|3||0.00|3785.00||AVERTISSEMENT",
                "AMO_SAL_PRIVE|TOTAL|2024-02|3|0|-1.000000|3785.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PRIVE|TOTAL|2024-03|0|1||0.00|240.00||AVERTISSEMENT",
                "AMO_SAL_PUBLIC|BIOLOGIE|2024-07|0|1||0.00|40.00||AVERTISSEMENT",
                "AMO_SAL_PUBLIC|CONSULTATIONS|2024-05|0|1||0.00|64.00||AVERTISSEMENT",
                "AMO_SAL_PUBLIC|CONSULTATIONS|2024-06|1|0|-1.000000|64.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PUBLIC|HEMODIALYSE|2023-11|1|0|-1.000000|900.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PUBLIC|HEMODIALYSE|2024-06|0|1||0.00|900.00||AVERTISSEMENT",
                "AMO_SAL_PUBLIC|HEMODIALYSE|2024-07|1|0|-1.000000|900.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PUBLIC|MEDICAMENTS|2024-06|0|1||0.00|80.00||AVERTISSEMENT",
                "AMO_SAL_PUBLIC|MEDICAMENTS|2024-07|1|0|-1.000000|80.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PUBLIC|OPTIQUE|2024-06|0|1||0.00|240.00||AVERTISSEMENT",
                "AMO_SAL_PUBLIC|OPTIQUE|2024-07|1|0|-1.000000|240.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PUBLIC|TOTAL|2023-11|1|0|-1.000000|900.00|0.00|-1.000000|AVERTISSEMENT",
                "AMO_SAL_PUBLIC|TOTAL|2024-05|0|1||0.00|64.00||AVERTISSEMENT",
                // lines 1 → 3: 3/1 - 1 = 2; reimbursed 64 → 900 + 80 + 240 = 1220: 1220/64 - 1 = 18.0625
                "AMO_SAL_PUBLIC|TOTAL|2024-06|1|3|2.000000|64.00|1220.00|18.062500|AVERTISSEMENT",
                // lines 3 → 1: 1/3 - 1 = -0.666667; 1220 → 40: 40/1220 - 1 = -0.967213
                "AMO_SAL_PUBLIC|TOTAL|2024-07|3|1|-0.666667|1220.00|40.00|-0.967213|AVERTISSEMENT");
        // --year 2024 and 250 %: only the 2024 appearances (6 AMO_SAL_PRIVE, 6 AMO_SAL_PUBLIC) and the
        // AMO_SAL_PUBLIC TOTAL of 2024-06, whose amount grew by 1806.25 % (its lines by 200 %, under 250 %)
        assertThat(rows(c.table("Q5"))).hasSize(13)
                .contains("AMO_SAL_PUBLIC|TOTAL|2024-06|1|3|2.000000|64.00|1220.00|18.062500|AVERTISSEMENT")
                .noneMatch(r -> r.contains("|-1.000000|") || r.contains("|2023-"));
    }

    @Test
    void section6DoubleRegistrations() {
        // N05 is CNOPS C01 (AMO_SAL_PUBLIC since 2015) and CNSS B05 (AMO_SAL_PRIVE until 2024-06-30, then
        // AMO_TNS from 2024-07-01): two pairs in 2024, only the second reaches 31/12
        assertThat(rows(a.table("Q6"))).containsExactly(
                "2024|AMO_SAL_PRIVE|CNSS|AMO_SAL_PUBLIC|CNOPS|1|0|AVERTISSEMENT",
                "2024|AMO_SAL_PUBLIC|CNOPS|AMO_TNS|CNSS|1|1|AVERTISSEMENT");
    }

    @Test
    void theDecisionTheFilesAndTheirProvenance() throws Exception {
        // blocking: Q1 9 + Q2 2 = 11; warnings: Q1 2 + Q3 3 + Q5 26 + Q6 2 = 33
        assertThat(a.count(Severity.BLOCKING)).isEqualTo(11);
        assertThat(a.count(Severity.WARNING)).isEqualTo(33);
        assertThat(a.blocking()).isTrue();
        // C: Q1 9 + Q2 1 (only the 25 % delivery above 20 %)
        assertThat(c.count(Severity.BLOCKING)).isEqualTo(10);

        assertThat(a.files()).extracting(p -> p.getFileName().toString()).containsExactly("Q1_deliveries.csv",
                "Q2_quarantine.csv", "Q3_silver_findings.csv", "Q4a_control_rows.csv", "Q4b_control_amounts.csv",
                "Q5_jumps.csv", "Q6_double_registrations.csv", "quality.html", "manifest.json");
        QualityResult b = report(RagFixture.built()).run(new QualityOptions(null, dir.resolve("b"),
                RagFixture.resource("landing"), QualityOptions.DEFAULT_MAX_QUARANTINE_SHARE,
                QualityOptions.DEFAULT_JUMP_THRESHOLD));
        for (Path f : a.files().subList(0, 7)) {
            assertThat(Files.readAllBytes(b.files().get(a.files().indexOf(f)))).as(f.getFileName().toString())
                    .isEqualTo(Files.readAllBytes(f));
        }
        assertThat(Files.readString(dir.resolve("a/Q1_deliveries.csv")))
                .startsWith("og_code;feed;period;expected;status;delivery_id;rejected_deliveries;rejections;severity\n");

        String html = Files.readString(dir.resolve("a/quality.html"));
        assertThat(html).contains("Rapport de qualité des données AMO", "11 constat(s) bloquant(s)",
                        "Livraisons attendues et reçues", "1\u00a0220,00", "1\u00a0806,2500 %")
                .doesNotContain("http").doesNotContain("<script").doesNotContainPattern("(src|href)=");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.substring(html.indexOf("<html")).getBytes(StandardCharsets.UTF_8)));

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("a/manifest.json").toFile());
        assertThat(manifest.get("blocking").asLong()).isEqualTo(11);
        assertThat(manifest.get("findings").get("Q1").get("blocking").asLong()).isEqualTo(9);
        for (String t : List.of("bronze.deliveries", "bronze.quarantine", "bronze.claims", "silver.dq_findings",
                "silver.double_registrations", "gold.spending")) {
            assertThat(manifest.get("tables_read").get(t).get("version").isNumber()).as(t).isTrue();
        }
        assertThat(manifest.get("build_state_version").isNumber()).isTrue();
        assertThat(manifest.get("reference_data").get("hash").asText()).isEqualTo(RagFixture.REFERENCE.hash());
    }
}
