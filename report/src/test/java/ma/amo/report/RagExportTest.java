package ma.amo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.amo.common.testing.TestSpark;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.QualityFindings;
import ma.amo.transforms.SilverTables;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RagExportTest {
    @TempDir
    Path dir;

    @Test
    void writesTheSpecFilesAndTheSameCsvBytesTwice() throws Exception {
        List<Path> files = RagFixture.report().run(ReportOptions.of(2024, dir.resolve("a")));
        RagFixture.report().run(new ReportOptions(2024, dir.resolve("b"), Set.of(ReportOptions.Format.CSV), 5, null));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("T01_population.csv",
                "T02_age_sex.csv", "T03_regions.csv", "T04_coverage_rate.csv", "T05_contributions.csv",
                "T06_spending.csv", "T07_spending_by_category.csv", "T08_spending_by_sector.csv",
                "T09_consumption.csv", "T10_ald.csv", "T11_ald_by_condition.csv", "T12_technical_balance.csv",
                "T13_evolution.csv", "T14_double_registration.csv", "rag_2024.xlsx", "rag_2024.html", "manifest.json");
        for (Path f : files.subList(0, 14)) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(f.getFileName())))
                    .as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
        }
        assertThat(Files.readString(dir.resolve("a/T02_age_sex.csv")))
                .startsWith("regime_code;age_band;sex;beneficiaries_31dec;share_of_regime;suppressed\n")
                .contains("AMO_TNS;25-34;M;;;primary\n");

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("a/manifest.json").toFile());
        assertThat(manifest.get("parameters").get("min_cell").asInt()).isEqualTo(5);
        assertThat(manifest.get("reference_data").get("hash").asText()).isEqualTo(RagFixture.REFERENCE.hash());
        assertThat(manifest.get("tables").get("gold.spending").get("version").isNumber()).isTrue();
        assertThat(manifest.get("deliveries").toString()).contains("CNSS-beneficiaries-2024-s2-")
                .doesNotContain("CNSS-beneficiaries-2024-s1-").doesNotContain("CNSS-claims-2024-04-s1-");
        assertThat(manifest.get("platform_version").asText()).isNotBlank().doesNotContain("${");
    }

    @Test
    void theExcelOpensWithFrenchSheetsAndFormattedNumbers() throws Exception {
        RagFixture.report().run(new ReportOptions(2024, dir, Set.of(ReportOptions.Format.XLSX), 5, null));
        try (InputStream in = Files.newInputStream(dir.resolve("rag_2024.xlsx")); Workbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(15);
            Sheet cover = wb.getSheetAt(0);
            assertThat(cover.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Rapport annuel global AMO 2024");
            assertThat(cover.getRow(7).getCell(1).getStringCellValue()).isEqualTo(RagFixture.REFERENCE.hash());
            Sheet t06 = wb.getSheet("T06");
            assertThat(t06.getRow(0).getCell(0).getStringCellValue()).contains("Dépenses");
            assertThat(t06.getRow(2).getCell(5).getStringCellValue()).isEqualTo("Montant remboursé (MAD)");
            assertThat(t06.getRow(3).getCell(0).getStringCellValue()).isEqualTo("AMO_SAL_PRIVE");
            assertThat(t06.getRow(3).getCell(5).getNumericCellValue()).isEqualTo(4025.00);
            assertThat(t06.getRow(3).getCell(5).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(t06.getRow(3).getCell(6).getCellStyle().getDataFormatString()).isEqualTo("0.0000%");
            Sheet t02 = wb.getSheet("T02");
            // threshold 5: the first row's count is empty and marked
            assertThat(t02.getRow(3).getCell(3).getStringCellValue()).isEmpty();
            assertThat(t02.getRow(3).getCell(5).getStringCellValue()).isEqualTo("secret primaire");
        }
    }

    @Test
    void theHtmlIsSelfContainedWellFormedAndHoldsTheFigures() throws Exception {
        RagFixture.report().run(new ReportOptions(2024, dir, Set.of(ReportOptions.Format.HTML), 0, null));
        String html = Files.readString(dir.resolve("rag_2024.html"));
        assertThat(html).contains("Rapport annuel global AMO 2024", "<svg", "4\u00a0025,00", "Équilibre technique")
                .doesNotContainPattern("(src|href)=\"https?:").doesNotContain("<script");
        // parses as XML (well-formed), once the doctype line is set aside
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(html.substring(html.indexOf("<html")).getBytes("UTF-8")));
    }

    @Test
    void dataQualityFindingsOfTheFixture() {
        List<String> findings = new DeltaIO(TestSpark.get(), RagFixture.built()).read(SilverTables.DQ_FINDINGS)
                .select("finding_code", "og_code", "regime_code", "year", "record_key").collectAsList().stream()
                .map(r -> r.mkString("|"))
                // delivery ids end with -s<sequence>-<hash of the files>: keep the sequence, drop the hash
                .map(s -> s.replaceAll("-s(\\d+)-[0-9a-f]{10}$", "-$1")).sorted().toList();
        assertThat(findings).containsExactly(
                "ALD_UNKNOWN_BENEFICIARY|CNSS|AMO_TNS|2024|" + pseudo("CNSS", "B88") + "/ALD05",
                "CLAIM_OUTSIDE_COVERAGE|CNOPS|AMO_SAL_PUBLIC|2024|L2/1",      // C03 ended 2024-03-31, care 04-15
                "CLAIM_UNKNOWN_BENEFICIARY|CNSS|AMO_SAL_PRIVE|2024|K4/1",     // B77
                "MISSING_MONTHLY_DELIVERY|CNOPS|null|2024|2024-01",           // CNOPS claims 2023-12 … 2024-06
                "MISSING_MONTHLY_DELIVERY|CNOPS|null|2024|2024-02",
                "MISSING_MONTHLY_DELIVERY|CNOPS|null|2024|2024-03",
                "MISSING_MONTHLY_DELIVERY|CNOPS|null|2024|2024-04",
                "MISSING_MONTHLY_DELIVERY|CNOPS|null|2024|2024-05",
                "MISSING_MONTHLY_DELIVERY|CNSS|null|2024|2024-02",            // 2024-04 was rejected, so CNSS ends at 03
                "QUARANTINED_ROWS|CNSS|null|2024|CNSS-claims-2024-01-1",      // K5
                "QUARANTINED_ROWS|CNSS|null|2024|CNSS-contributions-2024-1"); // E2 −5.00
    }

    private static String pseudo(String og, String id) {
        return ma.amo.transforms.testing.LandingLoader.PSEUDONYMIZER.pseudonym("person", og, id);
    }
}
