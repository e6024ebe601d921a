package ma.amo.ingestion;

import ma.amo.common.CrashPoint;
import ma.amo.common.BronzeTables;
import ma.amo.common.Pseudonymizer;
import ma.amo.common.Warehouse;
import ma.amo.common.contract.Column;
import ma.amo.common.contract.DeliveryCheck;
import ma.amo.common.contract.Feed;
import ma.amo.common.reference.ReferenceData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

/**
 * Loads one accepted delivery: checks every row, verifies row count and control totals, then appends the
 * clean rows to bronze.&lt;feed&gt; and the others to bronze.quarantine.
 *
 * <p>Both appends land once per delivery ({@link IdempotentAppend}): if a crash comes between them, or before the
 * ledger row, the rerun skips what was already committed and writes the rest, so no row is loaded twice and none
 * is lost. Rows of a delivery without its LOADED ledger row are invisible to later layers, which read bronze
 * through the ledger.
 */
final class DeliveryLoader {
    private final SparkSession spark;
    private final Warehouse warehouse;
    private final ReferenceData reference;
    private final Pseudonymizer pseudonymizer;
    private final DeliveryReader reader;
    private final IdempotentAppend appends;

    record Loaded(long rowsLoaded, long rowsQuarantined) {
    }

    DeliveryLoader(SparkSession spark, Warehouse warehouse, ReferenceData reference, Pseudonymizer pseudonymizer) {
        this.spark = spark;
        this.warehouse = warehouse;
        this.reference = reference;
        this.pseudonymizer = pseudonymizer;
        this.reader = new DeliveryReader(spark);
        this.appends = new IdempotentAppend(spark, warehouse);
    }

    Loaded load(Path file, String sourceName, Manifest manifest, String deliveryId, Timestamp ingestedAt)
            throws IOException, DeliveryRejected {
        Feed feed = manifest.feed();
        Dataset<Row> text = reader.read(file, manifest);
        // Reads of the file, none cached: the counts and control totals (a few columns), then for each append
        // (bronze, and quarantine when some row broke a rule) the duplicate keys (key columns) and the checked
        // rows. Caching the checked rows cost more than the reads it saved (670 K claims: 9.8-10.6 s against
        // 7.5-8.7 s on 2 cores) and held every delivery being loaded in memory. All reads see the same bytes: a
        // landing file is never rewritten in place (a correction is a new delivery, with a higher sequence).
        DeliveryStats stats;
        try {
            stats = DeliveryStats.of(text, feed, !manifest.format().equals("csv"));
        } catch (Exception e) { // Spark throws its checked SparkException undeclared
            throw new DeliveryRejected(DeliveryCheck.UNREADABLE_FILE, "cannot be read as " + manifest.format()
                    + " (" + DeliveryReader.firstLine(rootMessage(e)) + ")");
        }
        if (stats.rows() != manifest.rowCount()) {
            throw new DeliveryRejected(DeliveryCheck.ROW_COUNT_MISMATCH, "manifest row_count "
                    + manifest.rowCount() + " but the file has " + stats.rows() + " data rows");
        }
        Optional<String> totals = Ingestion.controlTotalProblem(manifest.controlTotals(), stats.totals());
        if (totals.isPresent()) {
            throw new DeliveryRejected(DeliveryCheck.CONTROL_TOTAL_MISMATCH, totals.get());
        }
        Dataset<Row> numbered = new RowChecks(feed, manifest, reference).apply(text)
                .withColumn(BronzeTables.ROW_NUMBER, stats.rowNumber());
        String bronze = BronzeTables.table(feed);
        // The rows the append wrote, from its commit (an earlier run's, when that run's append landed); counted in
        // the table only when no commit records them (none is made for a delivery whose rows all went to
        // quarantine). Not counted while checking: the table is what later layers read.
        long loaded = appends.append(bronzeRows(numbered, manifest, deliveryId, sourceName, ingestedAt), bronze, deliveryId)
                .orElseGet(() -> spark.read().format("delta").load(warehouse.tableUri(bronze))
                        .filter(col(BronzeTables.PERIOD).equalTo(manifest.period())
                                .and(col(BronzeTables.DELIVERY_ID).equalTo(deliveryId)))
                        .count());
        CrashPoint.reach("ingest.bronze-appended");
        long quarantined = stats.rows() - loaded;
        if (quarantined > 0) {
            appends.append(quarantineRows(numbered, manifest, deliveryId, sourceName, ingestedAt),
                    BronzeTables.QUARANTINE, deliveryId);
            CrashPoint.reach("ingest.quarantine-appended");
        }
        return new Loaded(loaded, quarantined);
    }

    private Dataset<Row> bronzeRows(Dataset<Row> numbered, Manifest manifest, String deliveryId, String sourceName,
                                    Timestamp ingestedAt) {
        List<org.apache.spark.sql.Column> select = new ArrayList<>();
        for (Column column : manifest.feed().columns()) {
            org.apache.spark.sql.Column value = col(RowChecks.typed(column.name()));
            if (column.isIdentifier()) {
                value = pseudonym(column, value, manifest);
            }
            select.add(value.cast(BronzeTables.sparkType(column)).as(column.name()));
        }
        select.add(lit(deliveryId).as(BronzeTables.DELIVERY_ID));
        select.add(lit(manifest.period()).as(BronzeTables.PERIOD));
        select.add(lit(manifest.sequence()).as(BronzeTables.SEQUENCE));
        select.add(lit(sourceName).as(BronzeTables.SOURCE_FILE));
        select.add(col(BronzeTables.ROW_NUMBER).cast("long").as(BronzeTables.ROW_NUMBER));
        select.add(lit(ingestedAt).as(BronzeTables.INGESTED_AT));
        return numbered.filter(RowChecks.clean()).select(select.toArray(org.apache.spark.sql.Column[]::new));
    }

    /**
     * Quarantined rows keep their delivered text, field by field in contract order, except identifiers, which
     * are pseudonymised like everywhere else: raw identifiers never reach the warehouse.
     */
    private Dataset<Row> quarantineRows(Dataset<Row> numbered, Manifest manifest, String deliveryId,
                                        String sourceName, Timestamp ingestedAt) {
        List<org.apache.spark.sql.Column> fields = new ArrayList<>();
        for (Column column : manifest.feed().columns()) {
            org.apache.spark.sql.Column raw = col(column.name());
            fields.add(coalesce(column.isIdentifier() ? pseudonym(column, raw, manifest) : raw, lit("")));
        }
        return numbered.filter(RowChecks.clean().unary_$bang()).select(
                lit(deliveryId).as(BronzeTables.DELIVERY_ID),
                lit(manifest.ogCode()).as("og_code"),
                lit(manifest.feed().code()).as("feed"),
                lit(manifest.period()).as(BronzeTables.PERIOD),
                lit(sourceName).as(BronzeTables.SOURCE_FILE),
                col(BronzeTables.ROW_NUMBER).cast("long").as(BronzeTables.ROW_NUMBER),
                concat_ws(";", fields.toArray(org.apache.spark.sql.Column[]::new)).as("raw_line"),
                col(RowChecks.REASONS).as("reasons"),
                col(RowChecks.DETAILS).as("details"),
                lit(ingestedAt).as(BronzeTables.INGESTED_AT));
    }

    private org.apache.spark.sql.Column pseudonym(Column column, org.apache.spark.sql.Column value, Manifest manifest) {
        String scope = column.identifier().scopedByManagingBody() ? manifest.ogCode() : "";
        return pseudonymizer.pseudonym(column.identifier().domain(), lit(scope), value);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
