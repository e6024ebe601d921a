package ma.amo.transforms;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Claim lines checked against the coverage spells: unknown beneficiary, care outside every spell. */
class QualityFindingsTest {
    private static Dataset<Row> spells() {
        return TestSpark.get().sql("SELECT og_code, beneficiary_id, CAST(s AS DATE) AS coverage_start,"
                + " CAST(e AS DATE) AS coverage_end FROM VALUES "
                // B1: a gap in April, and a spell in the 2023 snapshot too (any snapshot counts)
                + "('CNSS', 'B1', '2024-01-01', '2024-03-31'), ('CNSS', 'B1', '2024-05-01', '2024-12-31'),"
                + "('CNSS', 'B1', '2023-01-01', '2023-06-30'),"
                // B2: an open spell
                + "('CNOPS', 'B2', '2024-02-01', NULL)"
                + " AS t(og_code, beneficiary_id, s, e)");
    }

    private static Dataset<Row> claims() {
        return TestSpark.get().sql("SELECT og_code, beneficiary_id, claim_id, line_no, regime_code, care_year,"
                + " CAST(d AS DATE) AS care_date FROM VALUES "
                + "('CNSS', 'B1', 'K1', 1, 'AMO_SAL_PRIVE', 2024, '2024-03-31'),"  // last day of a spell
                + "('CNSS', 'B1', 'K2', 1, 'AMO_SAL_PRIVE', 2024, '2024-04-15'),"  // in the gap: two lines
                + "('CNSS', 'B1', 'K2', 2, 'AMO_SAL_PRIVE', 2024, '2024-04-15'),"
                + "('CNSS', 'B1', 'K3', 1, 'AMO_SAL_PRIVE', 2023, '2023-02-01'),"  // the 2023 spell
                + "('CNSS', 'B1', 'K4', 1, 'AMO_SAL_PRIVE', 2023, '2023-07-01'),"  // after it
                + "('CNOPS', 'B2', 'K1', 1, 'AMO_SAL_PUBLIC', 2024, '2030-01-01')," // open end
                + "('CNOPS', 'B2', 'K5', 1, 'AMO_SAL_PUBLIC', 2024, '2024-01-31')," // before the start
                + "('CNOPS', 'B1', 'K6', 1, 'AMO_SAL_PUBLIC', 2024, '2024-02-01')," // B1 is known to CNSS only
                + "('CNSS', 'B9', 'K7', 1, 'AMO_TNS', 2024, '2024-06-01')"         // in no snapshot
                + " AS t(og_code, beneficiary_id, claim_id, line_no, regime_code, care_year, d)");
    }

    /** The findings, and the join that met the lines with the uncovered visits. */
    private record Checked(List<String> findings, String join) {
    }

    private static Checked check(long broadcastVisits) {
        Dataset<Row> found = QualityFindings.claimsAgainstSpells(claims(), spells(), broadcastVisits);
        String plan = found.queryExecution().executedPlan().toString();
        String join = plan.contains("BroadcastHashJoin") ? "broadcast" : plan.contains("SortMergeJoin") ? "shuffle" : plan;
        return new Checked(found.orderBy("og_code", "record_key").collectAsList().stream()
                .map(r -> r.mkString("|")).toList(), join);
    }

    @Test
    void linesOfUnknownBeneficiariesAndLinesOutsideEverySpellAreFound() {
        List<String> expected = List.of(
                "CLAIM_OUTSIDE_COVERAGE|CNOPS|claims|AMO_SAL_PUBLIC|2024|K5/1|care on 2024-01-31",
                "CLAIM_UNKNOWN_BENEFICIARY|CNOPS|claims|AMO_SAL_PUBLIC|2024|K6/1|beneficiary B1",
                "CLAIM_OUTSIDE_COVERAGE|CNSS|claims|AMO_SAL_PRIVE|2024|K2/1|care on 2024-04-15",
                "CLAIM_OUTSIDE_COVERAGE|CNSS|claims|AMO_SAL_PRIVE|2024|K2/2|care on 2024-04-15",
                "CLAIM_OUTSIDE_COVERAGE|CNSS|claims|AMO_SAL_PRIVE|2023|K4/1|care on 2023-07-01",
                "CLAIM_UNKNOWN_BENEFICIARY|CNSS|claims|AMO_TNS|2024|K7/1|beneficiary B9");
        // Spark would broadcast these few visits of its own accord: with that off, the broadcast below the limit
        // is the code's, and above it (limit 0) the lines and the visits meet in a shuffle join.
        String threshold = "spark.sql.autoBroadcastJoinThreshold";
        TestSpark.get().conf().set(threshold, "-1");
        try {
            assertThat(check(QualityFindings.BROADCAST_VISITS)).isEqualTo(new Checked(expected, "broadcast"));
            assertThat(check(0)).isEqualTo(new Checked(expected, "shuffle"));
        } finally {
            TestSpark.get().conf().unset(threshold);
        }
    }

    @Test
    void aFewLinesCheckedAgainstTheSpellsOfTheirBeneficiariesOnlyGetTheFindingsEverySpellGives() {
        // a monthly delivery's lines: B1 at CNSS (gap), B1 at CNOPS (unknown there), B9 (in no snapshot)
        Dataset<Row> lines = claims().filter("claim_id IN ('K2', 'K6', 'K7')");

        Dataset<Row> theirs = QualityFindings.spellsOf(spells(), lines);

        assertThat(theirs.selectExpr("og_code || ' ' || beneficiary_id || ' ' || coverage_start").collectAsList().stream()
                .map(r -> r.getString(0)).toList()).containsExactlyInAnyOrder("CNSS B1 2024-01-01", "CNSS B1 2024-05-01",
                "CNSS B1 2023-01-01");
        assertThat(findings(QualityFindings.claimsAgainstSpells(lines, theirs)))
                .containsExactlyElementsOf(findings(QualityFindings.claimsAgainstSpells(lines, spells())))
                .containsExactly("CLAIM_UNKNOWN_BENEFICIARY|CNOPS|claims|AMO_SAL_PUBLIC|2024|K6/1|beneficiary B1",
                        "CLAIM_OUTSIDE_COVERAGE|CNSS|claims|AMO_SAL_PRIVE|2024|K2/1|care on 2024-04-15",
                        "CLAIM_OUTSIDE_COVERAGE|CNSS|claims|AMO_SAL_PRIVE|2024|K2/2|care on 2024-04-15",
                        "CLAIM_UNKNOWN_BENEFICIARY|CNSS|claims|AMO_TNS|2024|K7/1|beneficiary B9");
    }

    private static List<String> findings(Dataset<Row> found) {
        return found.orderBy("og_code", "record_key").collectAsList().stream().map(r -> r.mkString("|")).toList();
    }
}
