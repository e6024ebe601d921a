package ma.amo.transforms;

import io.delta.tables.DeltaTable;
import ma.amo.common.Warehouse;
import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/** The file statistics the warehouse's writes collect: row counts everywhere, min and max on dates only. */
class DeltaIOStatisticsTest {
    @TempDir
    Path root;

    private static Dataset<Row> lines(SparkSession spark, String filter) {
        return spark.sql("SELECT * FROM VALUES ('K1', 'AMO_TNS', CAST('2024-03-02' AS DATE), 2024, 10.5),"
                + " ('K2', 'AMO_SAL_PRIVE', CAST('2024-01-20' AS DATE), 2024, 4.0),"
                + " ('K3', 'AMO_TNS', CAST('2023-12-31' AS DATE), 2023, 7.25)"
                + " AS t(claim_id, regime_code, care_date, settlement_year, amount)").filter(filter);
    }

    /** The stats JSON of the table's current files. */
    private static List<Row> addedStats(SparkSession spark, String uri) {
        return DeltaLog.forTable(spark, uri).update(false, Option.empty(), Option.empty()).allFiles().toDF()
                .select("stats").collectAsList();
    }

    @Test
    void rowCountsOnEveryFileMinAndMaxOnDatesOnlyAlsoWhenOverwritingATableWrittenWithDeltaDefaults() {
        SparkSession spark = TestSpark.get();
        DeltaIO io = new DeltaIO(spark, new Warehouse(root));
        String uri = io.warehouse().tableUri("silver.stats_probe");
        // a table as Delta writes it by default (as a warehouse built before this choice has): all columns' stats
        lines(spark, "true").write().format("delta").partitionBy("settlement_year").save(uri);
        assertThat(addedStats(spark, uri)).allSatisfy(r -> assertThat(r.getString(0)).contains("\"claim_id\""));

        io.overwrite(lines(spark, "claim_id <> 'K2'"), "silver.stats_probe", "settlement_year");

        Map<String, String> properties = DeltaTable.forPath(spark, uri).detail().select("properties").head().getJavaMap(0);
        assertThat(properties).containsEntry(DeltaIO.STATS_COLUMNS, "care_date");
        List<Row> stats = addedStats(spark, uri);
        assertThat(stats).hasSize(2).allSatisfy(r -> assertThat(r.getString(0))
                .contains("\"numRecords\":1", "\"minValues\":{\"care_date\"")
                .doesNotContain("claim_id", "regime_code", "amount"));
        // a filter on the date skips the file of the other year: the statistics still do their job
        assertThat(io.read("silver.stats_probe").filter(col("care_date").geq("2024-01-01")).inputFiles()).hasSize(1);
        // the replaceWhere and MERGE writes that follow take the table's property
        io.replace(lines(spark, "claim_id = 'K2'"), "silver.stats_probe", "settlement_year = 2024", "settlement_year");
        List<String> after = addedStats(spark, uri).stream().map(r -> r.getString(0)).toList();
        assertThat(after).hasSize(2).allSatisfy(json -> assertThat(json).doesNotContain("claim_id"))
                .anySatisfy(json -> assertThat(json).contains("\"maxValues\":{\"care_date\":\"2024-01-20\"}"));
    }

    @Test
    void aTableWithoutDatesKeepsItsRowCountsOnly() {
        SparkSession spark = TestSpark.get();
        DeltaIO io = new DeltaIO(spark, new Warehouse(root));
        io.overwrite(lines(spark, "true").drop("care_date"), "gold.stats_probe");
        String uri = io.warehouse().tableUri("gold.stats_probe");
        assertThat(DeltaTable.forPath(spark, uri).detail().select("properties").head().<String, String>getJavaMap(0))
                .containsEntry(DeltaIO.STATS_COUNT, "0");
        assertThat(addedStats(spark, uri)).isNotEmpty().allSatisfy(r -> assertThat(r.getString(0))
                .contains("\"numRecords\":").doesNotContain("minValues\":{\""));
    }
}
