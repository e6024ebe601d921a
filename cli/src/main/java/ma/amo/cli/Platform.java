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
        this.options = options;
        this.err = err;
        String env = System.getenv("AMO_WAREHOUSE");
        Path root = options.warehouse != null ? options.warehouse
                : env != null && !env.isBlank() ? Path.of(env) : Path.of("warehouse");
        this.warehouse = new Warehouse(root);
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
            spark = ownsSpark ? AmoSpark.start(options.master, Map.of("spark.sql.warehouse.dir",
                    warehouse.root().resolve("_spark").toString())) : SparkSession.getDefaultSession().get();
            if (!options.verbose) {
                spark.sparkContext().setLogLevel("ERROR");
            }
            warehouse.register(spark);
            registerViews();
        }
        return spark;
    }

    /** The per-regime views (marts_<regime>.<mart>), once gold exists; the catalog is per session. */
    void registerViews() {
        if (spark != null && warehouse.exists("gold.population")) {
            ma.amo.marts.RegimeViews.register(spark, warehouse, reference().regimeCodes());
        }
    }

    String master() {
        return options.master;
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
