package ma.amo.common;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AmoSparkDeltaTest {
    @TempDir
    Path dir;

    @Test
    void writesAndTimeTravelsADeltaTable() {
        SparkSession spark = TestSpark.get();
        String path = dir.resolve("t").toString();
        spark.range(3).write().format("delta").save(path);
        spark.range(10, 12).write().format("delta").mode("append").save(path);
        assertThat(spark.read().format("delta").load(path).count()).isEqualTo(5);
        List<Row> v0 = spark.read().format("delta").option("versionAsOf", 0).load(path).collectAsList();
        assertThat(v0).hasSize(3);
    }

    @Test
    void localCoresParsesMasterUrls() {
        assertThat(AmoSpark.localCores("local[3]")).isEqualTo(3);
        assertThat(AmoSpark.localCores("local[2,4]")).isEqualTo(2);
        assertThat(AmoSpark.localCores("local[*]")).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aSparkSystemPropertyWinsOverTheDefaultAndTheCallersOverrideOverBoth() {
        Properties system = new Properties();
        system.setProperty("spark.sql.shuffle.partitions", "400"); // -D in AMO_JAVA_OPTS, spark-submit --conf
        system.setProperty("spark.databricks.delta.snapshotPartitions", "16");
        system.setProperty("spark.master", "yarn");
        system.setProperty("user.timezone", "Africa/Casablanca"); // not a Spark key the platform sets: ignored

        Map<String, String> plain = AmoSpark.settings("local[3]", Map.of(), new Properties());
        assertThat(plain).containsEntry("spark.sql.shuffle.partitions", "12") // 4 per local core
                .containsEntry("spark.databricks.delta.snapshotPartitions", "4")
                .containsEntry("spark.master", "local[3]");

        Map<String, String> tuned = AmoSpark.settings("local[3]", Map.of(), system);
        assertThat(tuned).containsEntry("spark.sql.shuffle.partitions", "400")
                .containsEntry("spark.databricks.delta.snapshotPartitions", "16")
                .containsEntry("spark.master", "local[3]") // the caller's master, whatever spark.master the JVM has
                .containsEntry("spark.sql.session.timeZone", "UTC")
                .doesNotContainKey("user.timezone");
        assertThat(tuned.keySet()).isEqualTo(plain.keySet());
    }
}
