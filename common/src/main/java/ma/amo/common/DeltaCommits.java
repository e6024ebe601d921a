package ma.amo.common;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import scala.Option;
import scala.Tuple2;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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
     * and the text its writer gave it ({@code userMetadata}: the platform marks a write with its id there).
     */
    public record Commit(long version, Map<String, String> metrics, Optional<String> userMetadata) {
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
            Optional<String> userMetadata = Optional.empty();
            for (Action action : CollectionConverters.asJava(change._2())) {
                if (action instanceof CommitInfo info) {
                    if (info.operationMetrics().isDefined()) {
                        metrics = CollectionConverters.asJava(info.operationMetrics().get());
                    }
                    if (info.userMetadata().isDefined()) {
                        userMetadata = Optional.of(info.userMetadata().get());
                    }
                }
            }
            commits.add(new Commit((Long) change._1(), metrics, userMetadata));
        }
        return commits;
    }

    /** The first commit after version {@code after} whose userMetadata is {@code mark}, if any. */
    public static Optional<Commit> marked(SparkSession spark, String tableUri, long after, String mark) {
        return after(spark, tableUri, after).stream()
                .filter(commit -> commit.userMetadata().filter(mark::equals).isPresent())
                .findFirst();
    }

    /** The rows a commit's write output, when its writer recorded them. */
    public static OptionalLong rowsWritten(Commit commit) {
        String rows = commit.metrics().get("numOutputRows");
        return rows == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(rows));
    }
}
