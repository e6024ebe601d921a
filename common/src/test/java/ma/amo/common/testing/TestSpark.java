package ma.amo.common.testing;

import ma.amo.common.AmoSpark;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * The one SparkSession of a test JVM: local[2], two shuffle partitions, no UI. Started on first use and
 * stopped when the JVM exits, so every test class of a module shares it.
 *
 * <p>Expressions are evaluated by Spark's interpreter, not compiled: on test-sized data, compiling the generated
 * code of every new query with Janino is most of the time (a build of a few dozen rows spends about 40 % of
 * its CPU there), and the interpreter has the same semantics (Spark's own suites run both). Measured on
 * IncrementalAndAsOfTest: 246 s compiled, 170 s interpreted. The production configuration (compiled) still
 * runs in the tests: CrashRecoveryTest's {@code amo} child processes use it, and their results are compared
 * with those of this session.
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            session = AmoSpark.start("local[2]", Map.of(
                    "spark.sql.shuffle.partitions", "2",
                    "spark.default.parallelism", "2",
                    "spark.databricks.delta.snapshotPartitions", "1",
                    "spark.sql.adaptive.coalescePartitions.initialPartitionNum", "2",
                    "spark.sql.codegen.wholeStage", "false",
                    "spark.sql.codegen.factoryMode", "NO_CODEGEN",
                    "spark.sql.warehouse.dir", System.getProperty("java.io.tmpdir") + "/amo-test-spark-warehouse"));
            SparkSession s = session;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return session;
    }
}
