package ma.amo.report.quality;

import ma.amo.common.BronzeTables;
import ma.amo.ingestion.LedgerEntry;
import ma.amo.report.RagTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

/**
 * Section 2: quarantined rows of the current deliveries by reason, and each delivery's quarantined share. A row
 * breaking several rules counts under each of its reasons; the TOTAL row of a delivery counts it once and
 * carries the finding: blocking above --max-quarantine-share, else a warning.
 */
final class QuarantineShares {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private QuarantineShares() {
    }

    static RagTable table(Optional<Dataset<Row>> quarantine, List<LedgerEntry> current, BigDecimal maxSharePercent) {
        Map<String, LedgerEntry> byId = current.stream().collect(Collectors.toMap(LedgerEntry::deliveryId, Function.identity()));
        List<Object[]> rows = new ArrayList<>();
        if (!byId.isEmpty() && quarantine.isPresent()) {
            Dataset<Row> ofCurrent = quarantine.get().filter(col(BronzeTables.DELIVERY_ID).isin(byId.keySet().toArray()));
            Dataset<Row> byReason = ofCurrent.select(col(BronzeTables.DELIVERY_ID), explode(col("reasons")).as("reason"))
                    .groupBy(BronzeTables.DELIVERY_ID, "reason").agg(count(lit(1)).as("n"));
            Dataset<Row> total = ofCurrent.groupBy(BronzeTables.DELIVERY_ID)
                    .agg(count(lit(1)).as("n")).withColumn("reason", lit(QualityTables.TOTAL));
            BigDecimal maxShare = maxSharePercent.divide(HUNDRED);
            for (Row r : byReason.unionByName(total).select(BronzeTables.DELIVERY_ID, "reason", "n").collectAsList()) {
                LedgerEntry d = byId.get(r.getString(0));
                long delivered = d.rowsLoaded() + d.rowsQuarantined();
                BigDecimal share = delivered == 0 ? null
                        : BigDecimal.valueOf(r.getLong(2)).divide(BigDecimal.valueOf(delivered), MathContext.DECIMAL128);
                boolean isTotal = QualityTables.TOTAL.equals(r.getString(1));
                Severity severity = !isTotal ? null
                        : share != null && share.compareTo(maxShare) > 0 ? Severity.BLOCKING : Severity.WARNING;
                rows.add(new Object[] {d.ogCode(), d.feed(), d.period(), d.deliveryId(), r.getString(1), r.getLong(2),
                        delivered, share, severity});
            }
        }
        // per delivery, its reasons alphabetically, then its TOTAL
        rows.sort(QualityTables.byColumns(0, 1, 2, 3).thenComparing(r -> QualityTables.TOTAL.equals(r[4]))
                .thenComparing(QualityTables.byColumns(4)));
        return QualityTables.table("Q2", "Q2_quarantine", "Lignes en quarantaine par motif et par livraison",
                QualityTables.perDelivery(
                        QualityTables.text("reason", "Motif"),
                        QualityTables.count("rows_quarantined", "Lignes en quarantaine"),
                        QualityTables.count("delivery_rows", "Lignes de la livraison"),
                        QualityTables.ratio("quarantine_share", "Part de la livraison")), rows);
    }
}
