package ma.amo.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Set;
import java.util.function.Function;

/**
 * One gold mart: its table, the silver tables it is computed from (a change in one of them, in a
 * (year, regime) cell, rebuilds that cell of this mart), and how one year of it is computed for every
 * regime. Every mart is partitioned by (regime_code, year). {@code byMonth}: the mart has a {@code month}
 * column, the settlement month of the paid claim lines a row sums, and a row depends on no other claim line:
 * when only claim lines changed, the build rewrites the months they touched ({@link YearSlice#months}).
 */
public record GoldMart(String table, Set<String> sources, Function<YearSlice, Dataset<Row>> compute, boolean byMonth) {
    public GoldMart(String table, Set<String> sources, Function<YearSlice, Dataset<Row>> compute) {
        this(table, sources, compute, false);
    }

    public String name() {
        return table.substring(table.indexOf('.') + 1);
    }
}
