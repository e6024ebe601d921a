package ma.amo.transforms;

import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.year;

/**
 * Claim lines as they count: one row per (og_code, claim_id, line_no), the copy of the latest delivery
 * ordered by (period, sequence) (pending then paid, paid then corrected), with the care year and the
 * settlement year and month the marts select on.
 */
public final class ClaimLines {
    public static final List<String> KEY = List.of("og_code", "claim_id", "line_no");
    /**
     * Silver's partitions: settlement year and month (null for pending lines). A monthly delivery re-sends lines
     * settled in the months just before (corrections) or pending, so its MERGE reads and marks the files of those
     * months only, and a mart rewriting some months reads just them. The full build writes each window task's
     * rows straight into their months: laying the lines out by date with a range partitioning instead cost a
     * second shuffle of every line, and the sampling pass that range partitioning needs ran the latest-copy
     * window a second time.
     */
    public static final String[] PARTITIONS = {"settlement_year", "settlement_month"};

    private ClaimLines() {
    }

    /** The key's column names, as joins on equal names take them. */
    static String[] keyNames() {
        return KEY.toArray(String[]::new);
    }

    static Column[] keyColumns() {
        return Columns.of(KEY);
    }

    public static List<String> columns() {
        List<String> cols = new ArrayList<>(Feed.CLAIMS.columnNames());
        cols.addAll(List.of("care_year", "settlement_year", "settlement_month", "_delivery_id", "_period", "_sequence"));
        return cols;
    }

    /** True when the table has the layout of {@link #PARTITIONS} (warehouses built before it have the year only). */
    static boolean partitionedByMonth(Dataset<Row> claimLines) {
        return List.of(claimLines.columns()).contains("settlement_month");
    }

    /** Latest copy of each line among the given bronze rows (already restricted to current deliveries). */
    public static Dataset<Row> latest(Dataset<Row> currentClaimRows) {
        return LatestCopy.of(currentClaimRows, KEY)
                .withColumn("care_year", year(col("care_date")))
                .withColumn("settlement_year", year(col("settlement_date")))
                .withColumn("settlement_month", month(col("settlement_date")))
                .select(Columns.of(columns()));
    }
}
