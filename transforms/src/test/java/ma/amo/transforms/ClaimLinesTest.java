package ma.amo.transforms;

import ma.amo.common.Warehouse;
import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;

/** Finding silver's rows of a delivery's keys through the key hashes, then the partitions that hold them. */
class ClaimLinesTest {
    @TempDir
    Path root;

    @Test
    void rowsOfTheKeysAreReadFromThePartitionsTheirHashesPointToAndAHashCollisionAddsAPartitionNotARow() {
        SparkSession spark = TestSpark.get();
        DeltaIO io = new DeltaIO(spark, new Warehouse(root));
        Dataset<Row> lines = spark.sql("SELECT og_code, claim_id, line_no, settlement_year, settlement_month FROM VALUES"
                        + " ('CNSS', 'A', 1, NULL, NULL),"      // pending
                        + " ('CNSS', 'A', 2, 2024, 11),"
                        + " ('CNSS', 'B', 1, 2024, 12),"
                        + " ('CNSS', 'C', 1, 2024, 12),"        // same partition as B1, not asked for
                        + " ('CNSS', 'D', 1, 2023, 5),"         // its hash is made to collide with CNOPS E1's below
                        + " ('CNOPS', 'A', 1, 2025, 1)"         // claim A of the other managing body
                        + " AS t(og_code, claim_id, line_no, settlement_year, settlement_month)")
                .withColumn(ClaimLines.KEY_HASH, xxhash64(ClaimLines.keyColumns()));
        Column collision = xxhash64(lit("CNOPS"), lit("E"), lit(1));
        lines = lines.withColumn(ClaimLines.KEY_HASH, when(col("claim_id").equalTo("D"), collision)
                .otherwise(col(ClaimLines.KEY_HASH)));
        io.overwrite(lines, SilverTables.CLAIM_LINES, ClaimLines.PARTITIONS);
        // a delivery's keys: three lines silver has (in three partitions), one it does not (CNOPS E1, new)
        Dataset<Row> keys = spark.sql("SELECT * FROM VALUES ('CNSS', 'A', 1), ('CNSS', 'A', 2), ('CNSS', 'B', 1),"
                + " ('CNOPS', 'E', 1) AS k(og_code, claim_id, line_no)");

        Dataset<Row> found = ClaimLines.ofKeys(io.read(SilverTables.CLAIM_LINES), keys);

        assertThat(found.selectExpr("og_code || ' ' || claim_id || line_no").as(Encoders.STRING())
                .collectAsList()).containsExactlyInAnyOrder("CNSS A1", "CNSS A2", "CNSS B1");
        // read: the pending, 2024-11 and 2024-12 partitions, and 2023-05 for the colliding hash; never 2025-01
        List<String> partitions = Arrays.stream(found.inputFiles())
                .map(f -> f.replaceAll(".*/(settlement_year=[^/]+/settlement_month=[^/]+)/.*", "$1")).distinct().sorted()
                .toList();
        assertThat(partitions).containsExactly("settlement_year=2023/settlement_month=5",
                "settlement_year=2024/settlement_month=11", "settlement_year=2024/settlement_month=12",
                "settlement_year=__HIVE_DEFAULT_PARTITION__/settlement_month=__HIVE_DEFAULT_PARTITION__");
    }
}
