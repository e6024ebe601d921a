package ma.amo.marts;

import ma.amo.common.Warehouse;
import ma.amo.common.testing.TestSpark;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * gold.consumption of one year, by hand, on tables holding only the columns it reads (the marts it is built on
 * as stored rows): distinct consumers and claims of each managing body, paid lines settled in the year, ALD
 * patients with an exemption running in it, exposure from the population; and a row for every regime present in
 * the year, whether through spells, contributions or, as regime C here, paid lines alone.
 *
 * <p>In the marts' package (it builds a {@link YearSlice}) but in the report module, whose test JVM has a
 * SparkSession anyway: the marts module's own tests start none, and it is on the suite's longest module chain.
 */
class ConsumptionMartTest {
    @TempDir
    Path root;

    @Test
    void everyRegimePresentInTheYearHasARowWithItsDistinctConsumersClaimsAndExposure() {
        SparkSession spark = TestSpark.get();
        DeltaIO io = new DeltaIO(spark, new Warehouse(root));
        io.overwrite(spark.sql("SELECT * FROM VALUES ('A', 2024, 365L, 300L), ('A', 2024, 100L, 0L), ('B', 2023, 50L, 50L)"
                + " AS t(regime_code, year, exposure_days, insured_exposure_days)"), GoldMarts.POPULATION.table());
        io.overwrite(spark.sql("SELECT * FROM VALUES ('B', 2024, 10.00BD) AS t(regime_code, year, amount_collected)"),
                GoldMarts.CONTRIBUTIONS.table());
        io.overwrite(spark.sql("SELECT * FROM VALUES ('A', 2024, 3), ('C', 2024, 1), ('A', 2023, 12)"
                + " AS t(regime_code, year, month)"), GoldMarts.SPENDING.table()); // the paid lines below, by month
        io.overwrite(spark.sql("SELECT * FROM VALUES ('A', 2024), ('D', 2023) AS t(regime_code, year)"),
                SilverTables.FINANCIALS);
        io.overwrite(spark.sql("SELECT og_code, regime_code, beneficiary_id, ald_code, DATE(s) AS start_date,"
                + " DATE(e) AS end_date FROM VALUES"
                + " ('X', 'A', 'b1', 'ALD1', '2020-01-01', NULL),"         // running in 2024
                + " ('X', 'A', 'b1', 'ALD2', '2021-01-01', NULL),"         // the same patient: counted once
                + " ('X', 'E', 'b8', 'ALD1', '2020-01-01', '2023-12-31')"  // ended before 2024: E is absent
                + " AS t(og_code, regime_code, beneficiary_id, ald_code, s, e)"), SilverTables.ALD_EXEMPTIONS);
        io.overwrite(spark.sql("SELECT * FROM VALUES"
                + " ('X', 'A', 'c1', 1, 'b1', 2024, 3, 'PAYE'),"
                + " ('X', 'A', 'c1', 2, 'b1', 2024, 3, 'PAYE'),"   // same claim, same consumer
                + " ('X', 'A', 'c2', 1, 'b2', 2024, 7, 'PAYE'),"
                + " ('Y', 'A', 'c2', 1, 'b2', 2024, 7, 'PAYE'),"   // the other managing body's c2 and b2: others
                + " ('X', 'A', 'c3', 1, 'b3', 2024, 8, 'REJETE'),"  // not paid
                + " ('X', 'A', 'c4', 1, 'b4', 2023, 12, 'PAYE'),"   // settled in 2023
                + " ('Y', 'C', 'c9', 1, 'b9', 2024, 1, 'PAYE')"     // C: present through this paid line alone
                + " AS t(og_code, regime_code, claim_id, line_no, beneficiary_id, settlement_year, settlement_month,"
                + " status)"), SilverTables.CLAIM_LINES, "settlement_year", "settlement_month");

        Dataset<Row> consumption = GoldMarts.consumption(new YearSlice(2024, io, null, new StoredMarts(io)));
        assertThat(consumption.columns()).containsExactly("regime_code", "year", "consumers", "claims",
                "claim_lines", "ald_patients", "exposure_days", "insured_exposure_days");
        List<String> rows = consumption.orderBy("regime_code").collectAsList().stream()
                .map(r -> r.mkString(";")).toList();
        assertThat(rows).containsExactly(
                // consumers X/b1, X/b2, Y/b2; claims X/c1, X/c2, Y/c2; 4 paid lines; patient X/b1; 365+100; 300+0
                "A;2024;3;3;4;1;465;300",
                "B;2024;0;0;0;0;0;0",  // contributions only
                "C;2024;1;1;1;0;0;0"); // paid lines only
    }
}
