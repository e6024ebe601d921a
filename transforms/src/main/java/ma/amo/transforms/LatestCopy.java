package ma.amo.transforms;

import ma.amo.common.BronzeTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

/**
 * Keeps, for each business key, the copy from the latest delivery ordered by (period, sequence) as the
 * contract says. Ingestion time and row number only break ties that the contract leaves open (the same key
 * twice in one period and sequence cannot happen after key checks, but a deterministic answer costs nothing).
 */
public final class LatestCopy {
    private LatestCopy() {
    }

    public static Dataset<Row> of(Dataset<Row> rows, List<String> keys) {
        Column[] partition = keys.stream().map(k -> col(k)).toArray(Column[]::new);
        return rows.withColumn("_rank", row_number().over(Window.partitionBy(partition).orderBy(
                        col(BronzeTables.PERIOD).desc(), col(BronzeTables.SEQUENCE).desc(),
                        col(BronzeTables.INGESTED_AT).desc(), col(BronzeTables.DELIVERY_ID).desc(),
                        col(BronzeTables.ROW_NUMBER).desc())))
                .filter(col("_rank").equalTo(1)).drop("_rank");
    }
}
