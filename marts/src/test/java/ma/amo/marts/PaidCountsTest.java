package ma.amo.marts;

import ma.amo.common.testing.TestSpark;
import ma.amo.transforms.ClaimChanges;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumption's counts by difference ({@link PaidCounts}) against counts made by hand and against a full count, on
 * hand-made lines of 2024: a correction that changes nothing counted, a line re-settled into 2025, a line
 * rejected, a deleted key, new lines for a new and for a known consumer and claim, a line without beneficiary.
 */
class PaidCountsTest {
    private static final StructType LINES = DataTypes.createStructType(ClaimChanges.COLUMNS.stream()
            .map(c -> DataTypes.createStructField(c, c.equals("line_no") || c.equals("settlement_year")
                    ? DataTypes.IntegerType : DataTypes.StringType, true)).toList());

    /** og, claim, line, beneficiary, regime, status, settlement year. */
    private static Row line(String og, String claim, int lineNo, String beneficiary, String regime, String status, int year) {
        return RowFactory.create(og, claim, lineNo, beneficiary, regime, status, year);
    }

    private static final Row L1 = line("CNSS", "C1", 1, "B1", "R1", "PAYE", 2024);
    private static final Row L2 = line("CNSS", "C1", 2, "B1", "R1", "PAYE", 2024);
    private static final Row L2_CORRECTED = line("CNSS", "C1", 2, "B1", "R1", "PAYE", 2024); // an amount, not counted
    private static final Row L3 = line("CNSS", "C2", 1, "B2", "R1", "PAYE", 2024);
    private static final Row L3_RESETTLED = line("CNSS", "C2", 1, "B2", "R1", "PAYE", 2025);
    private static final Row L4 = line("CNSS", "C3", 1, "B3", "R1", "PAYE", 2024);
    private static final Row L4_REJECTED = line("CNSS", "C3", 1, "B3", "R1", "REJETE", 2024);
    private static final Row L5 = line("CNOPS", "C4", 1, "B1", "R2", "PAYE", 2024); // same id, another OG: another consumer
    private static final Row L6 = line("CNSS", "C5", 1, null, "R1", "PAYE", 2024); // a line, a claim, no consumer
    private static final Row L7_NEW = line("CNSS", "C6", 1, "B4", "R1", "PAYE", 2024);
    private static final Row L8_NEW = line("CNSS", "C1", 3, "B1", "R1", "PAYE", 2024);
    private static final Row L9_NEW = line("CNOPS", "C7", 1, "B5", "R2", "PAYE", 2025);

    private static Dataset<Row> rows(Row... rows) {
        return TestSpark.get().createDataFrame(Arrays.asList(rows), LINES);
    }

    private static Dataset<Row> paid2024(Dataset<Row> lines) {
        return lines.filter(col("status").equalTo("PAYE").and(col("settlement_year").equalTo(2024)));
    }

    private static List<String> text(Dataset<Row> counts) {
        return counts.select("regime_code", "claim_lines", "consumers", "claims").collectAsList().stream()
                .map(r -> r.getString(0) + " " + r.getLong(1) + " " + r.getLong(2) + " " + r.getLong(3)).sorted().toList();
    }

    @Test
    void updatedCountsEqualAFullCountOfTheNewLines() {
        Dataset<Row> then = rows(L1, L2, L3, L4, L5, L6);
        Dataset<Row> now = rows(L1, L2_CORRECTED, L3_RESETTLED, L4_REJECTED, L6, L7_NEW, L8_NEW, L9_NEW);
        // by hand: R1 had 5 paid lines (L1-L4, L6), consumers B1 B2 B3, claims C1 C2 C3 C5; R2 one line of B1, C4
        Dataset<Row> stored = PaidCounts.full(paid2024(then));
        assertThat(text(stored)).containsExactly("R1 5 3 4", "R2 1 1 1");
        // now R1 has L1, L2, L6, L7, L8: consumers B1 B4 (L6 has none), claims C1 C5 C6; R2 none (L5 deleted, L9 2025)
        assertThat(text(PaidCounts.full(paid2024(now)))).containsExactly("R1 5 2 3");

        Dataset<Row> before = rows(L2, L3, L4, L5);
        Dataset<Row> after = rows(L2_CORRECTED, L3_RESETTLED, L4_REJECTED, L7_NEW, L8_NEW, L9_NEW);
        assertThat(text(PaidCounts.update(stored, paid2024(now), paid2024(before), paid2024(after))))
                .containsExactly("R1 5 2 3");

        // the same through a build's PaidCounts (the mart's 2024 row at the bookmark, the changes unfiltered)
        StructType storedSchema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("year", DataTypes.IntegerType, false),
                DataTypes.createStructField("regime_code", DataTypes.StringType, false),
                DataTypes.createStructField("claim_lines", DataTypes.LongType, false),
                DataTypes.createStructField("consumers", DataTypes.LongType, false),
                DataTypes.createStructField("claims", DataTypes.LongType, false)));
        List<Row> mart = List.of(RowFactory.create(2024, "R1", 5L, 3L, 4L), RowFactory.create(2024, "R2", 1L, 1L, 1L));
        PaidCounts counts = new PaidCounts(Map.of(2024, mart), storedSchema,
                new ClaimChanges(before.localCheckpoint(), after.localCheckpoint()));
        assertThat(text(counts.of(2024, paid2024(now)))).containsExactly("R1 5 2 3");
        // a year the mart had no row for is counted: 2025 has L3 and L9
        assertThat(text(counts.of(2025, now.filter(col("status").equalTo("PAYE").and(col("settlement_year").equalTo(2025))))))
                .containsExactly("R1 1 1 1", "R2 1 1 1");
        // nothing changed in claim lines (a build of other feeds): the stored counts, no line read
        PaidCounts unchanged = new PaidCounts(Map.of(2024, mart), storedSchema, ClaimChanges.UNCHANGED);
        assertThat(text(unchanged.of(2024, paid2024(then)))).containsExactly("R1 5 3 4", "R2 1 1 1");
    }

    @Test
    void manyRandomChangesAgreeWithAFullCount() {
        java.util.Random random = new java.util.Random(7);
        List<Row> then = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            then.add(randomLine(random, i));
        }
        List<Row> now = new ArrayList<>(then);
        List<Row> before = new ArrayList<>();
        List<Row> after = new ArrayList<>();
        for (int i = 0; i < 400; i += 3) { // every third key changes: its row replaced, or deleted
            before.add(then.get(i));
            if (random.nextInt(5) == 0) {
                now.set(i, null);
            } else {
                Row replaced = randomLine(random, i);
                now.set(i, replaced);
                after.add(replaced);
            }
        }
        for (int i = 400; i < 450; i++) { // new keys
            Row added = randomLine(random, i);
            now.add(added);
            after.add(added);
        }
        now.removeIf(java.util.Objects::isNull);
        Dataset<Row> stored = PaidCounts.full(paid2024(rows(then.toArray(Row[]::new))));
        Dataset<Row> nowLines = paid2024(rows(now.toArray(Row[]::new)));
        assertThat(text(PaidCounts.update(stored, nowLines, paid2024(rows(before.toArray(Row[]::new))),
                paid2024(rows(after.toArray(Row[]::new)))))).isEqualTo(text(PaidCounts.full(nowLines)));
    }

    /** Key (claim i / 3, line i % 3) with few beneficiaries and regimes, so that consumers share lines. */
    private static Row randomLine(java.util.Random random, int i) {
        String[] statuses = {"PAYE", "PAYE", "PAYE", "REJETE", "EN_ATTENTE"};
        return line(random.nextInt(4) == 0 ? "CNOPS" : "CNSS", "C" + (i / 3), i % 3,
                random.nextInt(10) == 0 ? null : "B" + random.nextInt(40), "R" + random.nextInt(3),
                statuses[random.nextInt(statuses.length)], 2023 + random.nextInt(3));
    }
}
