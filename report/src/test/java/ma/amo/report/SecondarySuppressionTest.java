package ma.amo.report;

import ma.amo.common.testing.TestSpark;
import ma.amo.transforms.DeltaIO;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secondary suppression on the report fixture (RagTablesTest's header lists its beneficiaries). At 31/12/2024:
 * T03 (regions) AMO_SAL_PRIVE 04:1 06:2, AMO_SAL_PUBLIC 01:2 04:1, AMO_TNS 01:1 09:1, TOTAL 01:3 04:2 06:2 09:1;
 * T02 has only counts of 1 and 2; T11 has one patient per (regime, ALD code).
 */
class SecondarySuppressionTest {
    private static RagData data;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() {
        data = new RagData(new DeltaIO(TestSpark.get(), RagFixture.built()), 2024, null);
    }

    private static Map<String, RagTable> tables(int minCell) {
        return RagTablesTest.byId(new RagTables(data, RagFixture.REFERENCE, minCell).all());
    }

    @Test
    void t03AtThresholdTwoNeedsSecondaryCells() {
        // Primary (count 1): PRIVE.04, PUBLIC.04, TNS.01, TNS.09, TOTAL.09. Rows first, in table order:
        // row PRIVE has PRIVE.04 alone → its smallest other cell PRIVE.06 (2); row PUBLIC has PUBLIC.04 alone →
        // PUBLIC.01 (2); row TNS has two; row TOTAL has TOTAL.09 alone → TOTAL.04 and TOTAL.06 tie at 2 and
        // TOTAL.04 comes first. Columns: 04 (PRIVE, PUBLIC, TOTAL) has three; 06 has PRIVE.06 alone → TOTAL.06 (2);
        // 01 has PUBLIC.01 and TNS.01 (TOTAL.01 = 3 stays: 3 − ? − ? has two unknowns); 09 has TNS.09, TOTAL.09.
        // The cycles PRIVE.04–TOTAL.04–TOTAL.06–PRIVE.06 and PUBLIC.01–TNS.01–TNS.09–TOTAL.09–TOTAL.04–PUBLIC.04
        // cover every suppressed cell, so nothing more is needed.
        assertThat(RagTablesTest.lines(tables(2).get("T03"))).containsExactly(
                "AMO_SAL_PRIVE;04;;;primary",
                "AMO_SAL_PRIVE;06;;;secondary",
                "AMO_SAL_PUBLIC;01;;;secondary",
                "AMO_SAL_PUBLIC;04;;;primary",
                "AMO_TNS;01;;;primary",
                "AMO_TNS;09;;;primary",
                "TOTAL;01;3;0.375000;false",
                "TOTAL;04;;;secondary",
                "TOTAL;06;;;secondary",
                "TOTAL;09;;;primary");
    }

    /**
     * For every threshold that suppresses something here (2 to 5: the fixture's counts are 1 to 3), and every
     * suppressible table, no suppressed count is "a published total minus the published cells": per regime row
     * (total: T01 beneficiaries_31dec, or T10 ald_patients for T11) and per breakdown value (total: the TOTAL
     * row's cell, itself possibly suppressed). The only exceptions are T11's AMO_SAL_PRIVE/ALD07 and
     * AMO_TNS/ALD05: each is the only ALD code of its regime, so it equals the regime's T10 ald_patients (1),
     * which the spec publishes unsuppressed; no suppression inside T11 can hide it (docs/report.md).
     */
    @Test
    void noSuppressedCountIsATotalMinusThePublishedCells() {
        Map<String, RagTable> truth = tables(0);
        for (int minCell = 2; minCell <= 5; minCell++) {
            Map<String, RagTable> published = tables(minCell);
            for (String id : List.of("T02", "T03", "T11")) {
                RagTable t = published.get(id);
                assertThat(count(t, i -> t.suppressed(i))).as(id + " at " + minCell).isPositive();
                Set<String> recovered = recoverable(t, published, truth.get(id));
                assertThat(recovered).as(id + " at " + minCell).isEqualTo(id.equals("T11")
                        ? Set.of("AMO_SAL_PRIVE|ALD07=1", "AMO_TNS|ALD05=1") : Set.of());
            }
        }
    }

    private interface RowTest {
        boolean test(int row);
    }

    private static long count(RagTable t, RowTest p) {
        long n = 0;
        for (int r = 0; r < t.size(); r++) {
            if (p.test(r)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The cells an attacker recovers by one subtraction, as "regime|breakdown=value", each checked against the
     * unsuppressed table (a recovered value that were wrong would not be a disclosure).
     */
    private static Set<String> recoverable(RagTable t, Map<String, RagTable> published, RagTable truth) {
        boolean ald = t.id().equals("T11");
        int countColumn = t.column(ald ? "ald_patients" : "beneficiaries_31dec");
        RagTable totals = published.get(ald ? "T10" : "T01");
        int totalColumn = totals.column(ald ? "ald_patients" : "beneficiaries_31dec");
        Map<String, Long> regimeTotals = new LinkedHashMap<>();
        for (int r = 0; r < totals.size(); r++) {
            regimeTotals.put((String) totals.value(r, 0), ((Number) totals.value(r, totalColumn)).longValue());
        }
        // groups: by regime (row) and by breakdown value (column: the regime rows and the TOTAL row)
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        Map<String, List<Integer>> columns = new LinkedHashMap<>();
        for (int r = 0; r < t.size(); r++) {
            rows.computeIfAbsent((String) t.value(r, 0), k -> new ArrayList<>()).add(r);
            columns.computeIfAbsent(key(t, r, countColumn), k -> new ArrayList<>()).add(r);
        }
        Set<String> out = new TreeSet<>();
        rows.forEach((regime, members) -> {
            List<Integer> hidden = members.stream().filter(t::suppressed).toList();
            if (hidden.size() == 1) {
                long value = regimeTotals.get(regime) - members.stream().filter(r -> !t.suppressed(r))
                        .mapToLong(r -> ((Number) t.value(r, countColumn)).longValue()).sum();
                out.add(disclosed(t, truth, hidden.get(0), countColumn, value));
            }
        });
        columns.forEach((breakdown, members) -> {
            List<Integer> hidden = members.stream().filter(t::suppressed).toList();
            if (hidden.size() == 1) {
                int h = hidden.get(0);
                boolean totalHidden = RagTables.TOTAL.equals(t.value(h, 0));
                long regimesPublished = members.stream().filter(r -> !t.suppressed(r) && !RagTables.TOTAL.equals(t.value(r, 0)))
                        .mapToLong(r -> ((Number) t.value(r, countColumn)).longValue()).sum();
                long total = totalHidden ? 0 : members.stream().filter(r -> RagTables.TOTAL.equals(t.value(r, 0)))
                        .mapToLong(r -> ((Number) t.value(r, countColumn)).longValue()).sum();
                out.add(disclosed(t, truth, h, countColumn, totalHidden ? regimesPublished : total - regimesPublished));
            }
        });
        return out;
    }

    private static String key(RagTable t, int row, int countColumn) {
        List<String> parts = new ArrayList<>();
        for (int c = 1; c < countColumn; c++) {
            parts.add(String.valueOf(t.value(row, c)));
        }
        return String.join("|", parts);
    }

    private static String disclosed(RagTable t, RagTable truth, int row, int countColumn, long value) {
        assertThat(truth.value(row, countColumn)).as("row " + row + " of " + t.id()).isEqualTo(value);
        return t.value(row, 0) + "|" + key(t, row, countColumn) + "=" + value;
    }

    @Test
    void secondaryCellsAreFlaggedApartInEveryFormat() throws Exception {
        RagFixture.report().run(new ReportOptions(2024, dir, Set.of(ReportOptions.Format.values()), 2, null));
        assertThat(Files.readString(dir.resolve("T03_regions.csv"))).contains(
                "AMO_SAL_PRIVE;04;;;primary\n", "AMO_SAL_PRIVE;06;;;secondary\n", "TOTAL;01;3;0.375000;false\n");
        try (InputStream in = Files.newInputStream(dir.resolve("rag_2024.xlsx")); Workbook wb = new XSSFWorkbook(in)) {
            Sheet t03 = wb.getSheet("T03");
            // header on row 2, data from row 3: PRIVE.04 then PRIVE.06; column 4 is "Secret statistique"
            assertThat(t03.getRow(2).getCell(4).getStringCellValue()).isEqualTo("Secret statistique");
            assertThat(t03.getRow(3).getCell(4).getStringCellValue()).isEqualTo("secret primaire");
            assertThat(t03.getRow(4).getCell(4).getStringCellValue()).isEqualTo("secret secondaire");
            assertThat(t03.getRow(4).getCell(2).getStringCellValue()).isEmpty();
            // greyed differently
            assertThat(t03.getRow(3).getCell(2).getCellStyle().getFillForegroundColor())
                    .isNotEqualTo(t03.getRow(4).getCell(2).getCellStyle().getFillForegroundColor());
        }
        String html = Files.readString(dir.resolve("rag_2024.html"));
        assertThat(html).contains("<tr><td>AMO_SAL_PRIVE</td><td>04</td><td class=\"sp\"></td><td class=\"sp\"></td><td>secret primaire</td></tr>",
                "<tr><td>AMO_SAL_PRIVE</td><td>06</td><td class=\"ss\"></td><td class=\"ss\"></td><td>secret secondaire</td></tr>");
    }
}
