package ma.amo.transforms;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.exchange.ShuffleExchangeExec;
import org.junit.jupiter.api.Test;
import scala.runtime.BoxedUnit;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Coverage spells merged into periods, over all spells (exposure) and over ASSURE spells (insured exposure). */
class CoverageSpellsTest {
    private static Dataset<Row> spells(String values) {
        return TestSpark.get().sql("SELECT year, og_code, regime_code, beneficiary_id, relationship,"
                + " CAST(s AS DATE) AS coverage_start, CAST(e AS DATE) AS coverage_end FROM VALUES " + values
                + " AS t(year, og_code, regime_code, beneficiary_id, relationship, s, e)");
    }

    @Test
    void overlappingAndAdjacentSpellsMergeAndTheInsuredPeriodsSeeAssureSpellsOnly() {
        Dataset<Row> spells = spells(String.join(", ",
                // B1: adjacent (03-31, 04-01), then overlapping (06-15 < 06-30), then a gap and an open spell
                "(2024, 'CNSS', 'AMO_SAL_PRIVE', 'B1', 'ASSURE', '2024-01-01', '2024-03-31')",
                "(2024, 'CNSS', 'AMO_SAL_PRIVE', 'B1', 'AYANT_DROIT', '2024-04-01', '2024-06-30')",
                "(2024, 'CNSS', 'AMO_SAL_PRIVE', 'B1', 'ASSURE', '2024-06-15', '2024-08-31')",
                "(2024, 'CNSS', 'AMO_SAL_PRIVE', 'B1', 'ASSURE', '2024-10-01', NULL)",
                // B2: one spell inside another, no ASSURE spell
                "(2024, 'CNOPS', 'AMO_SAL_PUBLIC', 'B2', 'AYANT_DROIT', '2024-02-01', '2024-05-31')",
                "(2024, 'CNOPS', 'AMO_SAL_PUBLIC', 'B2', 'AYANT_DROIT', '2024-03-01', '2024-04-30')",
                // B3: a dependant's spell bridges two ASSURE spells: one period, but two insured periods
                "(2024, 'CNSS', 'AMO_TNS', 'B3', 'ASSURE', '2024-01-01', '2024-01-31')",
                "(2024, 'CNSS', 'AMO_TNS', 'B3', 'AYANT_DROIT', '2024-02-01', '2024-02-29')",
                "(2024, 'CNSS', 'AMO_TNS', 'B3', 'ASSURE', '2024-03-01', '2024-03-31')",
                // the same beneficiary id in another snapshot year is another key
                "(2023, 'CNSS', 'AMO_TNS', 'B3', 'ASSURE', '2023-06-01', '2023-12-31')"));

        Dataset<Row> periods = CoverageSpells.periods(spells);

        assertThat(periods.columns()).containsExactly("year", "og_code", "regime_code", "beneficiary_id",
                "period_start", "period_end", "insured_only");
        assertThat(periods.orderBy("insured_only", "beneficiary_id", "year", "period_start").collectAsList().stream()
                .map(r -> r.mkString("|")).toList()).containsExactly(
                "2024|CNSS|AMO_SAL_PRIVE|B1|2024-01-01|2024-08-31|false",
                "2024|CNSS|AMO_SAL_PRIVE|B1|2024-10-01|null|false",
                "2024|CNOPS|AMO_SAL_PUBLIC|B2|2024-02-01|2024-05-31|false",
                "2023|CNSS|AMO_TNS|B3|2023-06-01|2023-12-31|false",
                "2024|CNSS|AMO_TNS|B3|2024-01-01|2024-03-31|false",
                "2024|CNSS|AMO_SAL_PRIVE|B1|2024-01-01|2024-03-31|true",
                "2024|CNSS|AMO_SAL_PRIVE|B1|2024-06-15|2024-08-31|true",
                "2024|CNSS|AMO_SAL_PRIVE|B1|2024-10-01|null|true",
                "2023|CNSS|AMO_TNS|B3|2023-06-01|2023-12-31|true",
                "2024|CNSS|AMO_TNS|B3|2024-01-01|2024-01-31|true",
                "2024|CNSS|AMO_TNS|B3|2024-03-01|2024-03-31|true");
        // both mergings from one shuffle of the spells (one window, one aggregate on its partitioning)
        assertThat(shuffles(periods)).isEqualTo(1);
    }

    private static int shuffles(Dataset<Row> rows) {
        AtomicInteger n = new AtomicInteger();
        rows.queryExecution().executedPlan().foreach(node -> {
            if (node instanceof ShuffleExchangeExec) {
                n.incrementAndGet();
            }
            return BoxedUnit.UNIT;
        });
        return n.get();
    }
}
