package ma.amo.common;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What a write did, read from the table's log: the rows an idempotent append wrote, or nothing when Delta skipped it. */
class DeltaCommitsTest {
    @TempDir
    Path dir;

    @Test
    void rowsAppendedAreThoseOfTheCommitHoldingTheWriteAndNoneWhenAnEarlierRunCommittedIt() {
        SparkSession spark = TestSpark.get();
        String table = dir.resolve("t").toUri().toString();
        spark.range(3).write().format("delta").save(table);

        long before = DeltaCommits.seenVersion(spark, table);
        assertThat(before).isZero();
        // another writer's append lands between (deliveries load side by side), then ours: 4 rows
        spark.range(100, 107).write().format("delta").mode("append").option("txnAppId", "other").option("txnVersion", 1).save(table);
        appendOnce(spark, table, 4);
        assertThat(DeltaCommits.rowsAppended(spark, table, before, "ours")).isEqualTo(OptionalLong.of(4));
        assertThat(DeltaCommits.rowsAppended(spark, table, before, "other")).isEqualTo(OptionalLong.of(7));
        assertThat(DeltaCommits.after(spark, table, before)).extracting(DeltaCommits.Commit::version).containsExactly(1L, 2L);

        // a rerun: the same write id is skipped by Delta, so no commit after the rerun's start holds it
        long rerun = DeltaCommits.seenVersion(spark, table);
        assertThat(rerun).isEqualTo(2);
        appendOnce(spark, table, 4);
        assertThat(DeltaCommits.after(spark, table, rerun)).isEmpty();
        assertThat(DeltaCommits.rowsAppended(spark, table, rerun, "ours")).isEmpty();
        assertThat(spark.read().format("delta").load(table).count()).isEqualTo(3 + 7 + 4);
    }

    private static void appendOnce(SparkSession spark, String table, int rows) {
        spark.range(rows).write().format("delta").mode("append").option("txnAppId", "ours").option("txnVersion", 1).save(table);
    }
}
