package ma.amo.ingestion;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.sql.Timestamp;

/** One row of bronze.deliveries (see {@code BronzeTables.deliveriesSchema()}). */
public record LedgerEntry(String deliveryId, String sourceFile, String ogCode, String feed, String period,
                          Integer sequence, String format, String sha256, String manifestSha256, Long fileBytes,
                          Long manifestRowCount, DeliveryStatus status, String reason, long rowsLoaded,
                          long rowsQuarantined, String duplicateOf, String replacedBy, String producedAt,
                          String keyFingerprint, Timestamp ingestedAt) {

    public Row toRow() {
        return RowFactory.create(deliveryId, sourceFile, ogCode, feed, period, sequence, format, sha256,
                manifestSha256, fileBytes, manifestRowCount, status.name(), reason, rowsLoaded, rowsQuarantined,
                duplicateOf, replacedBy, producedAt, keyFingerprint, ingestedAt);
    }

    public static LedgerEntry fromRow(Row r) {
        return new LedgerEntry(r.getAs("delivery_id"), r.getAs("source_file"), r.getAs("og_code"), r.getAs("feed"),
                r.getAs("period"), r.getAs("sequence"), r.getAs("format"), r.getAs("sha256"),
                r.getAs("manifest_sha256"), r.getAs("file_bytes"), r.getAs("manifest_row_count"),
                DeliveryStatus.valueOf(r.getAs("status")), r.getAs("reason"), r.<Long>getAs("rows_loaded"),
                r.<Long>getAs("rows_quarantined"), r.getAs("duplicate_of"), r.getAs("replaced_by"),
                r.getAs("produced_at"), r.getAs("key_fingerprint"), r.getAs("ingested_at"));
    }

    public LedgerEntry withReplacedBy(String id) {
        return new LedgerEntry(deliveryId, sourceFile, ogCode, feed, period, sequence, format, sha256, manifestSha256,
                fileBytes, manifestRowCount, status, reason, rowsLoaded, rowsQuarantined, duplicateOf, id, producedAt,
                keyFingerprint, ingestedAt);
    }
}
