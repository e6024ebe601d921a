package ma.amo.transforms;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;

/**
 * One person (person key) covered in two regimes on the same day of a year: the regulator's double
 * registration check. One row per pair of spells that overlap inside the year, regime_a &lt; regime_b.
 */
public final class DoubleRegistrations {
    private DoubleRegistrations() {
    }

    /** Spells of one or more snapshot years (column {@code year}); each is checked against its own year. */
    public static Dataset<Row> find(Dataset<Row> spells) {
        Dataset<Row> s = spells.select(col("year"), col("person_key"), col("regime_code"), col("og_code"),
                col("beneficiary_id"), col("coverage_start"), CoverageSpells.end().as("_end"),
                make_date(col("year"), lit(1), lit(1)).as("_first"), make_date(col("year"), lit(12), lit(31)).as("_last"));
        Dataset<Row> a = s.as("a");
        Dataset<Row> b = s.as("b");
        Column from = greatest(col("a.coverage_start"), col("b.coverage_start"), col("a._first"));
        Column to = least(col("a._end"), col("b._end"), col("a._last"));
        return a.join(b, col("a.year").equalTo(col("b.year"))
                        .and(col("a.person_key").equalTo(col("b.person_key")))
                        .and(col("a.regime_code").lt(col("b.regime_code"))))
                .select(col("a.year").as("year"), col("a.person_key").as("person_key"),
                        col("a.regime_code").as("regime_a"), col("b.regime_code").as("regime_b"),
                        col("a.og_code").as("og_code_a"), col("a.beneficiary_id").as("beneficiary_id_a"),
                        col("b.og_code").as("og_code_b"), col("b.beneficiary_id").as("beneficiary_id_b"),
                        from.as("overlap_start"), to.as("overlap_end"),
                        // both spells cover 31/12 exactly when their common part reaches it
                        to.equalTo(col("a._last")).as("covered_31dec"))
                .filter(col("overlap_start").leq(col("overlap_end")));
    }
}
