package ma.amo.common;

import ma.amo.common.fs.LocalFileSystemWithoutForks;
import ma.amo.common.fs.LocalFsWithoutForks;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the platform's SparkSession: Delta Lake enabled, UTC session time zone (so dates never shift
 * with the machine's zone), no UI, loopback only in local mode. Any Spark master URL works.
 */
public final class AmoSpark {
    private AmoSpark() {
    }

    public static SparkSession start(String master, Map<String, String> overrides) {
        Map<String, String> conf = settings(master, overrides, System.getProperties());
        SparkSession.Builder builder = SparkSession.builder().appName("amo-warehouse");
        conf.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    /**
     * The settings the session starts with. A {@code spark.*} system property (what {@code -Dkey=value} in
     * {@code AMO_JAVA_OPTS} or {@code spark-submit --conf key=value} gives the driver JVM) wins over the platform's
     * default for that key: the defaults are tuned for one machine, and an operator sizing a cluster must be able
     * to change them (a builder setting would otherwise overrule what Spark read from the JVM). The master is the
     * caller's choice, not a default (the local-mode defaults are computed for it), and the caller's overrides (the
     * catalog folder, a test's session) win over everything.
     */
    static Map<String, String> settings(String master, Map<String, String> overrides, Properties system) {
        Map<String, String> conf = defaults(master);
        conf.replaceAll((key, value) -> system.getProperty(key, value));
        conf.put("spark.master", master);
        conf.putAll(overrides);
        return conf;
    }

    public static Map<String, String> defaults(String master) {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.master", master);
        conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        conf.put("spark.ui.enabled", "false");
        conf.put("spark.ui.showConsoleProgress", "false");
        conf.put("spark.sql.session.timeZone", "UTC");
        conf.put("spark.sql.adaptive.enabled", "true");
        conf.put("spark.sql.adaptive.coalescePartitions.enabled", "true");
        // Delta reads its log with this many tasks; the default (50) dominates small commands.
        conf.put("spark.databricks.delta.snapshotPartitions", "4");
        // HotSpot does not compile a method over 8000 bytes of bytecode: whole-stage code past that size runs
        // interpreted. At 8000 Spark splits such a plan instead (the row rules of a delivery generate one):
        // checking and loading a 670 K-row claims month took 7.5-8.7 s against 9.0-10.8 s at the default (65535).
        conf.put("spark.sql.codegen.hugeMethodLimit", "8000");
        // The context cleaner waits for each shuffle's files to be deleted before it takes the next. By default it
        // does not, so a deletion still running when the session stops (national scale: GBs of shuffle files)
        // completes into Spark's block-manager pools already shut down, and Scala prints a RejectedExecutionException
        // trace for each after the command's summary. Waiting costs the cleaner's background thread only.
        conf.put("spark.cleaner.referenceTracking.blocking.shuffle", "true");
        // Local paths without a chmod or readlink process per file (LocalFileSystemWithoutForks says why)
        conf.put("spark.hadoop.fs.file.impl", LocalFileSystemWithoutForks.class.getName());
        conf.put("spark.hadoop.fs.AbstractFileSystem.file.impl", LocalFsWithoutForks.class.getName());
        // The ledger's batches are Delta idempotent writes (txnAppId); keep those markers long enough for any
        // rerun after a crash. (A delivery's own appends are made idempotent by ingestion's IdempotentAppend.)
        conf.put("spark.databricks.delta.properties.defaults.setTransactionRetentionDuration", "interval 3650 days");
        // Every new table keeps its log and removed files for the default retention window of amo vacuum
        // (10 years), so Delta's own log clean-up never shortens the history a report --as-of needs.
        String window = WarehouseVacuum.interval(WarehouseVacuum.years(WarehouseVacuum.DEFAULT_YEARS));
        conf.put("spark.databricks.delta.properties.defaults.logRetentionDuration", window);
        conf.put("spark.databricks.delta.properties.defaults.deletedFileRetentionDuration", window);
        if (master.startsWith("local")) {
            conf.put("spark.driver.host", "127.0.0.1");
            conf.put("spark.driver.bindAddress", "127.0.0.1");
            int cores = localCores(master);
            conf.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, cores * 4)));
        }
        return conf;
    }

    static int localCores(String master) {
        String inside = master.replaceAll("^local\\[?", "").replaceAll("[],].*$", "");
        if (inside.isEmpty() || inside.equals("*")) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            return Integer.parseInt(inside);
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
