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
 * IncrementalAndAsOfTest: 246 s compiled, 170 s interpreted. Adaptive query execution is off for the same reason:
 * it runs every shuffle stage of a query as a job of its own and re-plans between them, which on a few dozen rows
 * costs more than it saves (the report fixture's build: 16.9 s instead of 18.3-20.3 s, its ingest 7.3 s instead
 * of 9.7 s). The production configuration still runs in the tests: CrashRecoveryTest's {@code amo} child
 * processes are adaptive, its clean ingest child also compiles expressions, and their tables and report files are
 * compared with those of this session (the report's CSV byte for byte).
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
                    "spark.sql.adaptive.enabled", "false",
                    // the catalog's folder (schemas the tests create) goes with the JVM, as the fixtures do
                    "spark.sql.warehouse.dir", TempFolders.create("amo-test-spark-warehouse").toString()));
            SparkSession s = session;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop));
        }
        return session;
    }
}
