package ma.amo.report.quality;

import ma.amo.report.RagTable;
import ma.amo.transforms.QualityFindings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

/**
 * Section 3: the findings of silver.dq_findings (as of the last build) counted by finding, body, feed, regime
 * and year; all warnings. The findings that sections 1, 2 and 4 recompute from bronze with a blocking rule
 * (missing months, quarantined rows, ledger-versus-bronze row counts) are left out, so nothing counts twice.
 */
final class SilverFindings {
    static final Set<String> RECOMPUTED = Set.of(QualityFindings.MISSING_MONTHLY_DELIVERY,
            QualityFindings.QUARANTINED_ROWS, QualityFindings.CONTROL_TOTAL_DIFFERENCE);

    private SilverFindings() {
    }

    static RagTable table(Optional<Dataset<Row>> findings, QualityOptions options) {
        List<Object[]> rows = new ArrayList<>();
        findings.ifPresent(f -> {
            Dataset<Row> kept = f.filter(col("finding_code").isin(RECOMPUTED.toArray()).unary_$bang());
            if (options.year() != null) {
                kept = kept.filter(col("year").equalTo(options.year()));
            }
            for (Row r : kept.groupBy("finding_code", "og_code", "feed", "regime_code", "year")
                    .agg(count(lit(1)).as("n")).collectAsList()) {
                rows.add(new Object[] {r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                        r.isNullAt(4) ? null : r.getInt(4), r.getLong(5), Severity.WARNING});
            }
        });
        rows.sort(QualityTables.byColumns(0, 1, 2, 3, 4));
        return QualityTables.table("Q3", "Q3_silver_findings", "Constats de la couche silver (intégrité référentielle, couverture)",
                List.of(QualityTables.text("finding_code", "Constat"), QualityTables.OG, QualityTables.FEED,
                        QualityTables.REGIME, QualityTables.year("year", "Année"),
                        QualityTables.count("findings", "Nombre")), rows);
    }
}
