package ma.amo.transforms;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the incremental claims step derives from the settlement cells of the lines a MERGE replaces and writes. */
class SettlementCellsTest {
    private static SettlementCells lines(String values) {
        return SettlementCells.of(rows(values));
    }

    private static Dataset<Row> rows(String values) {
        return TestSpark.get().sql("SELECT settlement_year, CAST(d AS DATE) AS settlement_date,"
                + " regime_code, 'K' AS claim_id FROM VALUES " + values + " AS t(settlement_year, d, regime_code)");
    }

    @Test
    void scopeMonthsAndPartitionPredicateOfTheLinesBeforeAndAfter() {
        // before: lines settled in November and December 2024; after: corrected in December 2024, paid in January
        // 2025, one still pending (no settlement date)
        SettlementCells before = lines("(2024, '2024-11-05', 'AMO_TNS'), (2024, '2024-12-20', 'AMO_SAL_PRIVE'),"
                + " (2024, '2024-12-20', 'AMO_SAL_PRIVE')");
        SettlementCells after = lines("(2024, '2024-12-02', 'AMO_TNS'), (2025, '2025-01-15', 'AMO_TNS'),"
                + " (NULL, NULL, 'AMO_ACHAMIL')");
        SettlementCells all = before.union(after);

        assertThat(all.scope().toString()).isEqualTo("{2024=[AMO_SAL_PRIVE, AMO_TNS], 2025=[AMO_TNS]}");
        assertThat(all.months()).isEqualTo(Map.of(2024, Set.of(11, 12), 2025, Set.of(1)));
        assertThat(all.where("t.")).isEqualTo("(t.settlement_year IS NULL"
                + " OR (t.settlement_year = 2024 AND t.settlement_month IN (11, 12))"
                + " OR (t.settlement_year = 2025 AND t.settlement_month IN (1)))");
        assertThat(before.where("")).isEqualTo("((settlement_year = 2024 AND settlement_month IN (11, 12)))");
        // no old row: the MERGE condition matches nothing, every source row is inserted
        SettlementCells none = SettlementCells.of(rows("(2024, '2024-11-05', 'AMO_TNS')").filter("false"));
        assertThat(none.where("t.")).isEqualTo("false");
        assertThat(none.scope().isEmpty()).isTrue();
        assertThat(none.months()).isEmpty();
    }
}
