package ma.amo.common;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.delta.actions.SetTransaction;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Delta table's commits read from its log files (one small JSON file each): what a write did, without a Spark
 * job. Reading the table instead (a count of the rows just written) rebuilds the table's file list whenever it
 * has moved on since this JVM last read it, which is a Spark job over its log: on small deliveries loaded side by
 * side, the most expensive step of an ingest.
 */
public final class DeltaCommits {
    private DeltaCommits() {
    }

    /**
     * One commit: its version, its operation metrics (rows and files written; none when the writer recorded none)
     * and the application ids of the idempotent writes it holds ({@code txnAppId}).
     */
    public record Commit(long version, Map<String, String> metrics, Set<String> transactionIds) {
    }

    /**
     * The newest version of the table this JVM has seen, never ahead of the table: the commits of a write started
     * after this call all come after it. Reads the log only when this JVM has seen no version yet.
     */
    public static long seenVersion(SparkSession spark, String tableUri) {
        DeltaLog log = DeltaLog.forTable(spark, tableUri);
        long seen = log.unsafeVolatileSnapshot().version();
        return seen >= 0 ? seen : log.update(false, Option.empty(), Option.empty()).version();
    }

    /** The commits after version {@code after} (exclusive; -1 for all) up to the newest in the log, in order. */
    public static List<Commit> after(SparkSession spark, String tableUri, long after) {
        scala.collection.Iterator<Tuple2<Object, scala.collection.immutable.Seq<Action>>> changes =
                DeltaLog.forTable(spark, tableUri).getChanges(after + 1, Option.empty(), false);
        List<Commit> commits = new ArrayList<>();
        while (changes.hasNext()) {
            Tuple2<Object, scala.collection.immutable.Seq<Action>> change = changes.next();
            Map<String, String> metrics = Map.of();
            Set<String> transactions = new HashSet<>();
            for (Action action : CollectionConverters.asJava(change._2())) {
                if (action instanceof CommitInfo info && info.operationMetrics().isDefined()) {
                    metrics = CollectionConverters.asJava(info.operationMetrics().get());
                } else if (action instanceof SetTransaction txn) {
                    transactions.add(txn.appId());
                }
            }
            commits.add(new Commit((Long) change._1(), metrics, Set.copyOf(transactions)));
        }
        return commits;
    }

    /**
     * The rows the idempotent write {@code transactionId} appended, if it committed after version {@code after}
     * and recorded its metrics; empty otherwise (an earlier run committed it, and Delta skipped this one).
     */
    public static OptionalLong rowsAppended(SparkSession spark, String tableUri, long after, String transactionId) {
        for (Commit commit : after(spark, tableUri, after)) {
            String rows = commit.metrics().get("numOutputRows");
            if (commit.transactionIds().contains(transactionId) && rows != null) {
                return OptionalLong.of(Long.parseLong(rows));
            }
        }
        return OptionalLong.empty();
    }
}
