package ma.amo.common;

import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

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
}
