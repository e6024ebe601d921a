package ma.amo.ingestion;

import ma.amo.common.BronzeTables;
import ma.amo.common.Warehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * bronze.deliveries: the record of every delivery seen. Its row is written last, after the delivery's rows,
 * so a delivery counts as LOADED only once all of it is in bronze. Small (one row per file), so it is read
 * whole into memory.
 */
public final class DeliveryLedger {
    private final SparkSession spark;
    private final Warehouse warehouse;
    private final List<LedgerEntry> entries = new ArrayList<>();

    public DeliveryLedger(SparkSession spark, Warehouse warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
        if (warehouse.exists(BronzeTables.DELIVERIES)) {
            spark.read().format("delta").load(warehouse.tableUri(BronzeTables.DELIVERIES)).collectAsList()
                    .forEach(r -> entries.add(LedgerEntry.fromRow(r)));
        }
    }

    public List<LedgerEntry> entries() {
        return List.copyOf(entries);
    }

    public Optional<LedgerEntry> byId(String deliveryId) {
        return entries.stream().filter(e -> e.deliveryId().equals(deliveryId)).findFirst();
    }

    /** A loaded delivery with exactly these data bytes, if any. */
    public Optional<LedgerEntry> loadedWithSha(String sha256) {
        return entries.stream().filter(e -> e.status() == DeliveryStatus.LOADED && sha256.equals(e.sha256()))
                .min(Comparator.comparing(LedgerEntry::deliveryId));
    }

    /** A loaded delivery of the same (og, feed, period, sequence), if any. */
    public Optional<LedgerEntry> loadedWithKey(String og, String feed, String period, int sequence) {
        return entries.stream().filter(e -> e.status() == DeliveryStatus.LOADED && og.equals(e.ogCode())
                && feed.equals(e.feed()) && period.equals(e.period()) && e.sequence() == sequence).findFirst();
    }

    /**
     * Records deliveries in one commit. Each must be new: callers check {@link #byId} first, and the batch is
     * an idempotent write keyed by its ids, so a rerun after a crash in the commit writes nothing twice.
     */
    public void record(List<LedgerEntry> batch) {
        List<LedgerEntry> fresh = batch.stream().filter(e -> byId(e.deliveryId()).isEmpty()).toList();
        if (fresh.isEmpty()) {
            return;
        }
        String batchId = FileFingerprint.sha256(fresh.stream().map(LedgerEntry::deliveryId)
                .collect(Collectors.joining("|")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        dataset(fresh).write().format("delta").mode("append")
                .option("txnAppId", "ledger-" + batchId).option("txnVersion", 1)
                .save(warehouse.tableUri(BronzeTables.DELIVERIES));
        entries.addAll(fresh);
    }

    /**
     * Sets replaced_by on every loaded delivery that a higher sequence of the same (og, feed, period) replaced,
     * whatever order they arrived in. Rewrites the ledger only when something changed.
     */
    public int reconcileReplacements() {
        Map<String, LedgerEntry> current = entries.stream()
                .filter(e -> e.status() == DeliveryStatus.LOADED)
                .collect(Collectors.toMap(e -> e.ogCode() + "|" + e.feed() + "|" + e.period(), e -> e,
                        (a, b) -> a.sequence() >= b.sequence() ? a : b, LinkedHashMap::new));
        List<LedgerEntry> updated = new ArrayList<>();
        int changed = 0;
        for (LedgerEntry e : entries) {
            String replacedBy = null;
            if (e.status() == DeliveryStatus.LOADED) {
                LedgerEntry latest = current.get(e.ogCode() + "|" + e.feed() + "|" + e.period());
                replacedBy = latest.deliveryId().equals(e.deliveryId()) ? null : latest.deliveryId();
            }
            if (!Objects.equals(replacedBy, e.replacedBy())) {
                changed++;
                updated.add(e.withReplacedBy(replacedBy));
            } else {
                updated.add(e);
            }
        }
        if (changed > 0) {
            dataset(updated).write().format("delta").mode("overwrite")
                    .save(warehouse.tableUri(BronzeTables.DELIVERIES));
            entries.clear();
            entries.addAll(updated);
        }
        return changed;
    }

    private Dataset<Row> dataset(List<LedgerEntry> rows) {
        return spark.createDataFrame(rows.stream().map(LedgerEntry::toRow).toList(), BronzeTables.deliveriesSchema())
                .coalesce(1);
    }
}
