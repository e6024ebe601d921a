package ma.amo.report.quality;

import ma.amo.report.RagTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.when;

/**
 * Section 6: persons covered in two regimes on the same day (silver.double_registrations, as of the last build),
 * counted per year and pair of regimes with their managing bodies; persons, not identifiers. All warnings: the
 * managing bodies have to settle each case, publication does not wait for it.
 */
final class DoubleRegistrationCounts {
    private DoubleRegistrationCounts() {
    }

    static RagTable table(Optional<Dataset<Row>> pairs, QualityOptions options) {
        List<Object[]> rows = new ArrayList<>();
        pairs.ifPresent(p -> {
            Dataset<Row> kept = options.year() == null ? p : p.filter(col("year").equalTo(options.year()));
            for (Row r : kept.groupBy("year", "regime_a", "og_code_a", "regime_b", "og_code_b")
                    .agg(count_distinct(col("person_key")),
                            count_distinct(when(col("covered_31dec"), col("person_key"))))
                    .collectAsList()) {
                rows.add(new Object[] {r.getInt(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getLong(5), r.getLong(6), Severity.WARNING});
            }
        });
        rows.sort(QualityTables.byColumns(0, 1, 2, 3, 4));
        return QualityTables.table("Q6", "Q6_double_registrations", "Doubles immatriculations (personnes couvertes par deux régimes)",
                List.of(QualityTables.year("year", "Année"), QualityTables.text("regime_a", "Régime A"),
                        QualityTables.text("og_code_a", "OG A"), QualityTables.text("regime_b", "Régime B"),
                        QualityTables.text("og_code_b", "OG B"),
                        QualityTables.count("persons_in_year", "Personnes dans l'année"),
                        QualityTables.count("persons_31dec", "Personnes au 31/12")), rows);
    }
}
