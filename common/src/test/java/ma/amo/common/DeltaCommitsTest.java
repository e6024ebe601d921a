package ma.amo.common;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What a write did, read from the table's log: the commit a mark names, and the rows it wrote. */
class DeltaCommitsTest {
    @TempDir
    Path dir;

    @Test
    void aMarkedWriteIsFoundAmongTheCommitsAfterAVersionWithTheRowsItWrote() {
        SparkSession spark = TestSpark.get();
        String table = dir.resolve("t").toUri().toString();
        spark.range(3).write().format("delta").save(table);

        long before = DeltaCommits.seenVersion(spark, table);
        assertThat(before).isZero();
        // another writer's append lands between (deliveries load side by side), then ours: 4 rows
        spark.range(100, 107).write().format("delta").mode("append").option("userMetadata", "other").save(table);
        spark.range(4).write().format("delta").mode("append").option("userMetadata", "ours").save(table);

        assertThat(DeltaCommits.after(spark, table, before)).extracting(DeltaCommits.Commit::version).containsExactly(1L, 2L);
        assertThat(DeltaCommits.marked(spark, table, before, "ours")).hasValueSatisfying(c -> {
            assertThat(c.version()).isEqualTo(2);
            assertThat(DeltaCommits.rowsWritten(c)).isEqualTo(OptionalLong.of(4));
        });
        assertThat(DeltaCommits.marked(spark, table, before, "other").map(DeltaCommits::rowsWritten))
                .contains(OptionalLong.of(7));
        // only the commits after the version are read: ours is not found from its own version on
        assertThat(DeltaCommits.marked(spark, table, 2, "ours")).isEmpty();
        assertThat(DeltaCommits.marked(spark, table, before, "nobody")).isEmpty();
        assertThat(DeltaCommits.seenVersion(spark, table)).isEqualTo(2);
        assertThat(DeltaCommits.after(spark, table, 2)).isEmpty();
        assertThat(DeltaCommits.rowsWritten(new DeltaCommits.Commit(5, Map.of(), java.util.Optional.empty()))).isEmpty();
    }
}
