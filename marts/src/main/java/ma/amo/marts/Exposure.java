package ma.amo.marts;

import ma.amo.transforms.CoverageSpells;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

/**
 * Exposure in days: the days of merged coverage periods that fall inside a year. Periods are merged first
 * ({@link CoverageSpells#periods}), so a day covered by two overlapping spells counts once; person-years are
 * days ÷ days in the year, taken as late as possible (in the report) so no rounding creeps in.
 */
public final class Exposure {
    private Exposure() {
    }

    /** Days of [period_start, period_end] (null end = open) inside {@code year}; 0 when outside. */
    public static Column daysIn(int year) {
        Column from = greatest(col("period_start"), lit(LocalDate.of(year, 1, 1)));
        Column to = least(coalesce(col("period_end"), lit(CoverageSpells.OPEN_END)), lit(LocalDate.of(year, 12, 31)));
        return greatest(datediff(to, from).plus(1), lit(0));
    }

    public static int daysInYear(int year) {
        return LocalDate.of(year, 1, 1).lengthOfYear();
    }

    /** Merged periods → one row per period with its days in {@code year}. */
    public static Dataset<Row> days(Dataset<Row> periods, int year) {
        return periods.withColumn("exposure_days", daysIn(year));
    }
}
