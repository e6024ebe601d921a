package ma.amo.cli;

import ma.amo.common.AmoSpark;
import ma.amo.common.Pseudonymizer;
import ma.amo.common.PseudonymKey;
import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import org.apache.spark.sql.SparkSession;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a command works on, built from the global options: the warehouse, the reference data, the Spark
 * session (started on first use: it takes seconds) and the pseudonymiser.
 */
final class Platform implements AutoCloseable {
    private final AmoCommand options;
    private final PrintWriter err;
    private final Warehouse warehouse;
    private ReferenceData reference;
    private SparkSession spark;
    private boolean ownsSpark;

    Platform(AmoCommand options, PrintWriter err) {
        this(options, err, warehouseOf(options));
    }

    /** A platform on another warehouse than the options' (amo bench works in its own). */
    Platform(AmoCommand options, PrintWriter err, Path warehouseRoot) {
        this(options, err, new Warehouse(warehouseRoot));
    }

    private Platform(AmoCommand options, PrintWriter err, Warehouse warehouse) {
        this.options = options;
        this.err = err;
        this.warehouse = warehouse;
    }

    /** --warehouse, else $AMO_WAREHOUSE, else ./warehouse: a local folder or a URI (Warehouse.at). */
    static Warehouse warehouseOf(AmoCommand options) {
        String env = System.getenv("AMO_WAREHOUSE");
        return Warehouse.at(options.warehouse != null ? options.warehouse
                : env != null && !env.isBlank() ? env : "warehouse");
    }

    Warehouse warehouse() {
        return warehouse;
    }

    ReferenceData reference() {
        if (reference == null) {
            reference = ReferenceData.from(Optional.ofNullable(options.reference));
        }
        return reference;
    }

    SparkSession spark() {
        if (spark == null) {
            if (!options.verbose) {
                org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.ERROR);
            }
            // A session already running in this JVM (an embedding application, the tests) is used as it is, not stopped.
            ownsSpark = SparkSession.getDefaultSession().isEmpty();
            spark = ownsSpark ? AmoSpark.start(master(), Map.of("spark.sql.warehouse.dir",
                    warehouse.stateFolder().resolve("_spark").toString())) : SparkSession.getDefaultSession().get();
            if (!options.verbose) {
                spark.sparkContext().setLogLevel("ERROR");
            }
        }
        return spark;
    }

    /**
     * The session with every table named in its catalog (layer.table, audit.runs) and the per-regime views
     * (marts_<regime>.<mart>), for commands that take SQL. The others read tables by path: registering means
     * loading each table's Delta snapshot, seconds of a short command's time for nothing.
     */
    SparkSession sqlSpark() {
        SparkSession session = spark();
        warehouse.register(session);
        if (warehouse.exists("gold.population")) {
            ma.amo.marts.RegimeViews.register(session, warehouse, reference().regimeCodes());
        }
        return session;
    }

    /** --master, else the master spark-submit gave the JVM (spark.master), else local[*]. */
    String master() {
        return masterOf(options.master, System.getProperties());
    }

    static String masterOf(String option, Properties system) {
        return option != null ? option : system.getProperty("spark.master", "local[*]");
    }

    Pseudonymizer pseudonymizer(Path keyFile) {
        return PseudonymKey.resolve(Optional.ofNullable(keyFile), warehouse, System.getenv(),
                warning -> {
                    err.println("warning: " + warning);
                    err.flush();
                });
    }

    PrintWriter err() {
        return err;
    }

    @Override
    public void close() {
        if (spark != null && ownsSpark) {
            spark.stop();
        }
    }
}
