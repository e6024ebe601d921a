package ma.amo.transforms;

import ma.amo.common.CrashPoint;
import io.delta.tables.DeltaTable;
import ma.amo.common.Warehouse;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.types.StructType;

import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

import java.util.List;
import java.util.Map;

/**
 * Reads and writes warehouse tables by path (the session catalog is in-memory, so paths are the truth).
 * Every write is one Delta commit; partial rewrites go through replaceWhere so a rebuild of some partitions
 * is atomic and leaves the others untouched.
 */
public final class DeltaIO {
    private static final String DELETION_VECTORS = "delta.enableDeletionVectors";

    private final SparkSession spark;
    private final Warehouse warehouse;

    public DeltaIO(SparkSession spark, Warehouse warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    public SparkSession spark() {
        return spark;
    }

    public Warehouse warehouse() {
        return warehouse;
    }

    public boolean exists(String table) {
        return warehouse.exists(table);
    }

    public Dataset<Row> read(String table) {
        return spark.read().format("delta").load(warehouse.tableUri(table));
    }

    /** The table, or an empty frame of the given schema when it was never written. */
    public Dataset<Row> readOrEmpty(String table, StructType schema) {
        return exists(table) ? read(table) : spark.createDataFrame(List.of(), schema);
    }

    /** The table as of a Delta version. */
    public Dataset<Row> readVersion(String table, long version) {
        return spark.read().format("delta").option("versionAsOf", version).load(warehouse.tableUri(table));
    }

    /** The table as of a timestamp (Delta picks the last commit at or before it). */
    public Dataset<Row> readTimestamp(String table, String timestamp) {
        return spark.read().format("delta").option("timestampAsOf", timestamp).load(warehouse.tableUri(table));
    }

    /**
     * The table's latest version, from its log's listing: DeltaTable.history(1) runs a Spark job to read the commit
     * (about 60 ms against 1 ms, and a build asks some forty times).
     */
    public long version(String table) {
        return snapshotVersion(log(table), table);
    }

    /** The latest commit: its version and its operation's metrics (rows written), read from its log file. */
    public Commit lastCommit(String table) {
        DeltaLog log = log(table);
        long version = snapshotVersion(log, table);
        Map<String, String> metrics = Map.of();
        scala.collection.Iterator<Tuple2<Object, scala.collection.immutable.Seq<Action>>> changes =
                log.getChanges(version, version, Option.empty(), false);
        while (changes.hasNext()) {
            for (Action action : CollectionConverters.asJava(changes.next()._2())) {
                if (action instanceof CommitInfo info && info.operationMetrics().isDefined()) {
                    metrics = CollectionConverters.asJava(info.operationMetrics().get());
                }
            }
        }
        return new Commit(version, metrics);
    }

    public record Commit(long version, Map<String, String> metrics) {
    }

    private DeltaLog log(String table) {
        return DeltaLog.forTable(spark, warehouse.tableUri(table));
    }

    private long snapshotVersion(DeltaLog log, String table) {
        long version = log.update(false, Option.empty(), Option.empty()).version();
        if (version < 0) {
            throw new IllegalStateException("no Delta table " + table + " at " + warehouse.tableUri(table));
        }
        return version;
    }

    /** Replaces the whole table (schema included). */
    public void overwrite(Dataset<Row> rows, String table, String... partitionColumns) {
        writer(rows, partitionColumns).option("overwriteSchema", "true").save(warehouse.tableUri(table));
        CrashPoint.reach("delta.table-written");
    }

    /**
     * Replaces the rows matching a predicate on partition columns; creates the table when absent. Rows
     * written must match the predicate (Delta checks it).
     */
    public void replace(Dataset<Row> rows, String table, String predicate, String... partitionColumns) {
        if (!exists(table)) {
            overwrite(rows, table, partitionColumns);
            return;
        }
        writer(rows, partitionColumns).option("replaceWhere", predicate).save(warehouse.tableUri(table));
        CrashPoint.reach("delta.table-written");
    }

    /**
     * Lets MERGE, UPDATE and DELETE mark changed rows in deletion vectors rather than rewrite their files
     * (a one-time protocol upgrade of the table: readers need Delta 2.3 or later). Idempotent.
     */
    public void enableDeletionVectors(String table) {
        String uri = warehouse.tableUri(table);
        Map<String, String> properties = DeltaTable.forPath(spark, uri).detail().select("properties").head().getJavaMap(0);
        if (!"true".equals(properties.get(DELETION_VECTORS))) {
            spark.sql("ALTER TABLE delta.`" + uri + "` SET TBLPROPERTIES ('" + DELETION_VECTORS + "' = 'true')");
        }
    }

    private DataFrameWriter<Row> writer(Dataset<Row> rows, String... partitionColumns) {
        DataFrameWriter<Row> w = rows.write().format("delta").mode("overwrite");
        return partitionColumns.length == 0 ? w : w.partitionBy(partitionColumns);
    }
}
