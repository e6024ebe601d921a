package ma.amo.transforms.testing;

import ma.amo.common.Pseudonymizer;
import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.ingestion.IngestListener;
import ma.amo.ingestion.IngestReport;
import ma.amo.ingestion.Ingestion;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Loads contract-format test deliveries (CSV + manifest) through the real ingestion, with a fixed test key,
 * so every fixture of the silver, gold and report tests goes through the same checks as production data.
 */
public final class LandingLoader {
    public static final Pseudonymizer PSEUDONYMIZER = new Pseudonymizer("test-key".getBytes(StandardCharsets.UTF_8));

    private LandingLoader() {
    }

    public static IngestReport load(SparkSession spark, Warehouse warehouse, Path landing) {
        return new Ingestion(spark, warehouse, ReferenceData.bundled(), PSEUDONYMIZER).ingest(landing, IngestListener.SILENT);
    }
}
