package ma.amo.transforms;

import ma.amo.common.BronzeTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;

/** The delivery ledger (bronze.deliveries) as the silver layer reads it. */
public final class Deliveries {
    public static final String LOADED = "LOADED";

    private Deliveries() {
    }

    /**
     * Deliveries whose rows count: LOADED and not replaced. Rows of a delivery that crashed half-way are in
     * bronze but not LOADED in the ledger, and rejected or duplicate deliveries have no rows, so this one
     * filter is the whole rule.
     */
    public static Dataset<Row> current(Dataset<Row> ledger) {
        return ledger.filter(col("status").equalTo(LOADED).and(col("replaced_by").isNull()))
                .select(col("delivery_id").as(BronzeTables.DELIVERY_ID));
    }

    /** Bronze rows of current deliveries only. */
    public static Dataset<Row> currentRows(Dataset<Row> bronze, Dataset<Row> ledger) {
        return bronze.join(current(ledger), new String[] {BronzeTables.DELIVERY_ID}, "left_semi");
    }

    /**
     * Ledger rows that differ between two states of the ledger (new deliveries, deliveries that became
     * LOADED or were replaced since): the deliveries an incremental build must look at.
     */
    public static Dataset<Row> changedSince(Dataset<Row> now, Dataset<Row> before) {
        Dataset<Row> key = now.select("delivery_id", "feed", "og_code", "period", "status", "replaced_by");
        Dataset<Row> old = before.select("delivery_id", "feed", "og_code", "period", "status", "replaced_by");
        return key.except(old).union(old.except(key)).select("delivery_id", "feed", "og_code", "period").distinct();
    }
}
