package ma.amo.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One gold mart: its table, the silver tables it is computed from (a change in one of them, in a
 * (year, regime) cell, rebuilds that cell of this mart), and how one year of it is computed for every
 * regime. Every mart is partitioned by (regime_code, year). {@code byMonth}: the mart has a {@code month}
 * column, the settlement month of the paid claim lines a row sums, and a row depends on no other claim line:
 * when only claim lines changed, the build rewrites the months they touched ({@link YearSlice#months}).
 * {@code reads}: the marts whose stored rows this one is computed from ({@link YearSlice#mart}); a build writes
 * it only after them, and may write marts that do not read each other at the same time.
 */
public record GoldMart(String table, Set<String> sources, Function<YearSlice, Dataset<Row>> compute, boolean byMonth,
                       List<GoldMart> reads) {
    public GoldMart(String table, Set<String> sources, Function<YearSlice, Dataset<Row>> compute, GoldMart... reads) {
        this(table, sources, compute, false, List.of(reads));
    }

    public String name() {
        return table.substring(table.indexOf('.') + 1);
    }
}
