package ma.amo.report.quality;

import ma.amo.common.BronzeTables;
import ma.amo.common.contract.Feed;
import ma.amo.common.reference.ReferenceData;
import ma.amo.ingestion.DeliveryRejected;
import ma.amo.ingestion.FileFingerprint;
import ma.amo.ingestion.LedgerEntry;
import ma.amo.ingestion.ManifestParser;
import ma.amo.report.RagTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

/**
 * Section 4: what the manifest of each current delivery announced against what the warehouse holds of it.
 * Rows: the manifest's row_count (recorded in bronze.deliveries) against the delivery's rows in bronze.&lt;feed&gt;
 * plus bronze.quarantine. Amounts: the manifest's control totals against the sums loaded plus the sums of the
 * quarantined rows, as ingestion summed them over the whole file. bronze.deliveries does not keep the control
 * totals, so they are read again from the manifests of --landing, and only from a manifest whose bytes are the
 * ones recorded at ingestion (manifest_sha256).
 */
final class ControlTotals {
    /** The contract's tolerance on a control total. */
    static final BigDecimal TOLERANCE = new BigDecimal("0.005");
    static final String OK = "OK";
    static final String DIFFERENCE = "ECART";
    static final String NOT_CHECKED = "NON_VERIFIE";
    static final String MANIFEST_UNAVAILABLE = "MANIFESTE_INDISPONIBLE";
    static final String UNCHECKABLE = "NON_VERIFIABLE";
    /** The contract's amount format as ingestion parses it: a field that does not match adds nothing to a total. */
    private static final String DECIMAL = "^-?\\d{1,16}(\\.\\d{1,2})?$";
    private static final String ROWS = "_rows";
    private static final String UNSPLIT = "_unsplit";

    private ControlTotals() {
    }

    /** One delivery's rows and amount sums in one place (bronze, or quarantine). */
    record Sums(long rows, long unsplittable, Map<String, BigDecimal> totals) {
        static final Sums NONE = new Sums(0, 0, Map.of());

        BigDecimal total(String column) {
            return totals.getOrDefault(column, BigDecimal.ZERO);
        }
    }

    static List<RagTable> tables(QualityInputs in, List<LedgerEntry> current, ReferenceData reference, Path landing) {
        List<Object[]> rowChecks = new ArrayList<>();
        List<Object[]> amountChecks = new ArrayList<>();
        for (Feed feed : Feed.values()) {
            List<LedgerEntry> ofFeed = current.stream().filter(d -> feed.code().equals(d.feed())).toList();
            if (ofFeed.isEmpty()) {
                continue;
            }
            Object[] ids = ofFeed.stream().map(LedgerEntry::deliveryId).toArray();
            Map<String, Sums> loaded = in.bronze(BronzeTables.table(feed))
                    .map(b -> loadedSums(b.filter(col(BronzeTables.DELIVERY_ID).isin(ids)), feed)).orElse(Map.of());
            Map<String, Sums> quarantined = in.bronze(BronzeTables.QUARANTINE)
                    .map(q -> quarantinedSums(q.filter(col("feed").equalTo(feed.code())
                            .and(col(BronzeTables.DELIVERY_ID).isin(ids))), feed)).orElse(Map.of());
            for (LedgerEntry d : ofFeed) {
                Sums l = loaded.getOrDefault(d.deliveryId(), Sums.NONE);
                Sums q = quarantined.getOrDefault(d.deliveryId(), Sums.NONE);
                long difference = d.manifestRowCount() - l.rows() - q.rows();
                rowChecks.add(new Object[] {d.ogCode(), d.feed(), d.period(), d.deliveryId(), d.manifestRowCount(),
                        l.rows(), q.rows(), difference, difference == 0 ? OK : DIFFERENCE,
                        difference == 0 ? null : Severity.BLOCKING});
                Optional<Map<String, BigDecimal>> declared = landing == null ? Optional.empty() : declared(d, landing, reference);
                for (String column : feed.controlTotals()) {
                    amountChecks.add(amountRow(d, column, landing != null, declared.map(m -> m.get(column)), l, q));
                }
            }
        }
        // stable sort: per delivery, the amount columns stay in contract order
        rowChecks.sort(QualityTables.byColumns(0, 1, 2, 3));
        amountChecks.sort(QualityTables.byColumns(0, 1, 2, 3));
        return List.of(
                QualityTables.table("Q4a", "Q4a_control_rows", "Contrôle des lignes : manifeste contre entrepôt",
                        QualityTables.perDelivery(
                                QualityTables.count("manifest_rows", "Lignes annoncées (manifeste)"),
                                QualityTables.count("rows_loaded", "Lignes chargées (bronze)"),
                                QualityTables.count("rows_quarantined", "Lignes en quarantaine"),
                                QualityTables.count("difference", "Écart"),
                                QualityTables.text("check", "Contrôle")), rowChecks),
                QualityTables.table("Q4b", "Q4b_control_amounts", "Totaux de contrôle : manifeste contre montants chargés",
                        QualityTables.perDelivery(
                                QualityTables.text("amount_column", "Montant"),
                                QualityTables.amount("declared", "Total de contrôle (manifeste, MAD)"),
                                QualityTables.amount("loaded", "Chargé (bronze, MAD)"),
                                QualityTables.amount("quarantined", "En quarantaine (MAD)"),
                                QualityTables.amount("difference", "Écart (MAD)"),
                                QualityTables.text("check", "Contrôle")), amountChecks));
    }

    private static Object[] amountRow(LedgerEntry d, String column, boolean checked, Optional<BigDecimal> declared,
                                      Sums loaded, Sums quarantined) {
        BigDecimal inWarehouse = loaded.total(column).add(quarantined.total(column));
        BigDecimal difference = declared.map(v -> v.subtract(inWarehouse)).orElse(null);
        String check;
        Severity severity;
        if (!checked) {
            check = NOT_CHECKED;
            severity = null;
        } else if (declared.isEmpty()) {
            check = MANIFEST_UNAVAILABLE;
            severity = Severity.WARNING;
        } else if (quarantined.unsplittable() > 0) {
            check = UNCHECKABLE;
            severity = Severity.WARNING;
        } else if (difference.abs().compareTo(TOLERANCE) > 0) {
            check = DIFFERENCE;
            severity = Severity.BLOCKING;
        } else {
            check = OK;
            severity = null;
        }
        return new Object[] {d.ogCode(), d.feed(), d.period(), d.deliveryId(), column, declared.orElse(null),
                loaded.total(column), quarantined.total(column), difference, check, severity};
    }

    private static Map<String, Sums> loadedSums(Dataset<Row> bronze, Feed feed) {
        Map<String, Column> amounts = new LinkedHashMap<>();
        feed.controlTotals().forEach(c -> amounts.put(c, col(c)));
        return sums(bronze, lit(false), amounts);
    }

    /**
     * raw_line holds the delivered fields joined by ';' in contract order, so a field sits at its column's
     * position. A line that splits into another number of fields (a delivered value containing ';') cannot be
     * read back: it is counted, and the delivery's amounts are then not checkable.
     */
    private static Map<String, Sums> quarantinedSums(Dataset<Row> quarantine, Feed feed) {
        Column fields = split(col("raw_line"), ";", -1);
        Column readable = size(fields).equalTo(feed.columns().size());
        Map<String, Column> amounts = new LinkedHashMap<>();
        for (String c : feed.controlTotals()) {
            int position = feed.columns().stream().map(ma.amo.common.contract.Column::name).toList().indexOf(c);
            Column raw = try_element_at(fields, lit(position + 1));
            amounts.put(c, when(readable.and(raw.rlike(DECIMAL)), raw.try_cast("decimal(18,2)")));
        }
        return sums(quarantine, readable.unary_$bang(), amounts);
    }

    private static Map<String, Sums> sums(Dataset<Row> rows, Column unsplittable, Map<String, Column> amounts) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(sum(when(unsplittable, 1L).otherwise(0L)).as(UNSPLIT));
        amounts.forEach((name, value) -> aggregates.add(sum(value).as(name)));
        Map<String, Sums> out = new HashMap<>();
        for (Row r : rows.groupBy(BronzeTables.DELIVERY_ID)
                .agg(count(lit(1)).as(ROWS), aggregates.toArray(Column[]::new)).collectAsList()) {
            Map<String, BigDecimal> totals = new LinkedHashMap<>();
            amounts.keySet().forEach(name -> totals.put(name, r.isNullAt(r.fieldIndex(name)) ? BigDecimal.ZERO
                    : r.getDecimal(r.fieldIndex(name))));
            out.put(r.getString(0), new Sums(r.getLong(1), r.getLong(2), totals));
        }
        return out;
    }

    /** The manifest's control totals, when --landing still holds the very manifest ingested. */
    private static Optional<Map<String, BigDecimal>> declared(LedgerEntry d, Path landing, ReferenceData reference) {
        Path manifest = landing.resolve(d.sourceFile() + ".manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(manifest);
            if (!FileFingerprint.sha256(bytes).equals(d.manifestSha256())) {
                return Optional.empty();
            }
            return Optional.of(new ManifestParser(reference).parse(bytes).controlTotals());
        } catch (DeliveryRejected e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        }
    }
}
