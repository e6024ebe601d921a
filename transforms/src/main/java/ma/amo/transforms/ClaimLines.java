package ma.amo.transforms;

import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

/**
 * Claim lines as they count: one row per (og_code, claim_id, line_no), the copy of the latest delivery
 * ordered by (period, sequence) (pending then paid, paid then corrected), with the care year and the
 * settlement year and month the marts select on, and a 64-bit hash of the key ({@link #KEY_HASH}) to find a
 * key's row without reading every key of the history.
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
    /**
     * xxhash64 of the key. Finding where a monthly delivery's keys sit in silver means reading every key of the
     * history (no file can be skipped: keys are not ordered by time); this one long column, with the partition
     * columns (free: they are in the file paths), is the narrowest such read, 8 bytes a line against the three
     * key columns' 30-odd.
     */
    public static final String KEY_HASH = "_key_hash";

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
        cols.addAll(List.of("care_year", "settlement_year", "settlement_month", "_delivery_id", "_period", "_sequence",
                KEY_HASH));
        return cols;
    }

    /**
     * True when the table has the current layout: {@link #PARTITIONS} (warehouses built before them have the year
     * only) and {@link #KEY_HASH}.
     */
    static boolean currentLayout(Dataset<Row> claimLines) {
        return List.of(claimLines.columns()).containsAll(List.of(PARTITIONS[1], KEY_HASH));
    }

    /** Latest copy of each line among the given bronze rows (already restricted to current deliveries). */
    public static Dataset<Row> latest(Dataset<Row> currentClaimRows) {
        return conform(LatestCopy.of(currentClaimRows, KEY));
    }

    /** Silver's columns of bronze claim rows holding one copy per key (one delivery's rows, say). */
    static Dataset<Row> conform(Dataset<Row> onePerKey) {
        return onePerKey
                .withColumn("care_year", year(col("care_date")))
                .withColumn("settlement_year", year(col("settlement_date")))
                .withColumn("settlement_month", month(col("settlement_date")))
                .withColumn(KEY_HASH, xxhash64(keyColumns()))
                .select(Columns.of(columns()));
    }

    /**
     * Silver's rows of some keys ({@link #KEY} columns, one row per key). Two reads: the key hashes of every
     * line, with the broadcast hashes of the keys, give the partitions that hold the keys (a hash that matches
     * another key only adds a partition); then the key columns of those partitions alone are joined with the
     * keys. A monthly delivery's keys sit in a few months (pending lines, corrections of recent ones), so the
     * second read is small, and the first, whatever the history, is one long column. Broadcast: 8 bytes a key,
     * ~64 MB for a national monthly delivery (8 M lines), about half a GB once Spark has built its hash table.
     */
    static Dataset<Row> ofKeys(Dataset<Row> silver, Dataset<Row> keys) {
        Dataset<Row> hashes = keys.select(xxhash64(keyColumns()).as(KEY_HASH));
        SettlementCells partitions = SettlementCells.partitions(silver.select(col(KEY_HASH), col(PARTITIONS[0]),
                col(PARTITIONS[1])).join(broadcast(hashes), new String[] {KEY_HASH}, "left_semi"));
        return silver.where(partitions.where("")).join(keys, keyNames(), "left_semi");
    }
}
