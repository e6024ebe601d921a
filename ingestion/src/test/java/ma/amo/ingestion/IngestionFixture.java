package ma.amo.ingestion;

import ma.amo.common.BronzeTables;
import ma.amo.common.Pseudonymizer;
import ma.amo.common.Warehouse;
import ma.amo.common.contract.Feed;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.testing.TestSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A warehouse in a temp folder with the shared test SparkSession and a fixed test key. */
final class IngestionFixture {
    static final Pseudonymizer PSEUDONYMIZER =
            new Pseudonymizer("test-key-not-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    final SparkSession spark = TestSpark.get();
    final Warehouse warehouse;
    final ReferenceData reference = ReferenceData.bundled();

    IngestionFixture(Path root) {
        this.warehouse = new Warehouse(root);
    }

    IngestReport ingest(Path landing) {
        return new Ingestion(spark, warehouse, reference, PSEUDONYMIZER).ingest(landing, IngestListener.SILENT);
    }

    Dataset<Row> table(String name) {
        return spark.read().format("delta").load(warehouse.tableUri(name));
    }

    Dataset<Row> bronze(Feed feed) {
        return table(BronzeTables.table(feed));
    }

    long count(String name) {
        return warehouse.exists(name) ? table(name).count() : 0;
    }

    static Map<String, DeliveryOutcome> byFile(IngestReport report) {
        return report.outcomes().stream().collect(Collectors.toMap(DeliveryOutcome::file, Function.identity()));
    }

    /** Quarantine of one delivery file: row number → sorted reason codes. */
    Map<Long, List<String>> quarantineReasons(String file) {
        return table(BronzeTables.QUARANTINE).filter(org.apache.spark.sql.functions.col("_source_file").equalTo(file))
                .collectAsList().stream().collect(Collectors.toMap(r -> r.<Long>getAs("_row_number"),
                        r -> r.<scala.collection.Seq<String>>getAs("reasons") == null ? List.of()
                                : scala.jdk.javaapi.CollectionConverters.asJava(r.<scala.collection.Seq<String>>getAs("reasons"))));
    }
}
