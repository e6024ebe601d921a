package ma.amo.transforms;

import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.year;

/**
 * Claim lines as they count: one row per (og_code, claim_id, line_no), the copy of the latest delivery
 * ordered by (period, sequence) (pending then paid, paid then corrected), with the care and settlement years
 * the marts select on.
 */
public final class ClaimLines {
    public static final List<String> KEY = List.of("og_code", "claim_id", "line_no");

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
        cols.addAll(List.of("care_year", "settlement_year", "_delivery_id", "_period", "_sequence"));
        return cols;
    }

    /**
     * Silver's file layout: rows range-partitioned and sorted by settlement date within each settlement year,
     * so each file holds a contiguous span of dates. A monthly delivery re-sends lines settled in the months
     * just before (corrections) or pending (no settlement year), so its MERGE matches, and rewrites, the few
     * files of those months instead of every file of the year.
     */
    public static Dataset<Row> clustered(Dataset<Row> lines) {
        return lines.repartitionByRange(col("settlement_year"), col("settlement_date"))
                .sortWithinPartitions("settlement_year", "settlement_date");
    }

    /** Latest copy of each line among the given bronze rows (already restricted to current deliveries). */
    public static Dataset<Row> latest(Dataset<Row> currentClaimRows) {
        return LatestCopy.of(currentClaimRows, KEY)
                .withColumn("care_year", year(col("care_date")))
                .withColumn("settlement_year", year(col("settlement_date")))
                .select(Columns.of(columns()));
    }
}
