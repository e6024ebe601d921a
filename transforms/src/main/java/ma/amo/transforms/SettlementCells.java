package ma.amo.transforms;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;

/**
 * Where some claim lines sit: their distinct (settlement year, settlement month, regime), collected to the driver
 * in one job. Small by construction (years × months × regimes: a few hundred at most), so the incremental claims
 * step derives from one collect what it needs (the cells the marts recompute, the months rewritten, the predicate
 * naming the partitions of those months) instead of running a Spark job for each.
 */
final class SettlementCells {
    /** A pending line has no settlement year nor month (null). */
    record Cell(Integer year, Integer month, String regime) {
    }

    private final Set<Cell> cells;

    private SettlementCells(Set<Cell> cells) {
        this.cells = cells;
    }

    /**
     * The cells of claim lines with columns settlement_year, settlement_date and regime_code. The month comes from
     * the date, not from the settlement_month column: the rows a build read at its bookmark may predate that column.
     */
    static SettlementCells of(Dataset<Row> lines) {
        return collect(lines.select(col("settlement_year"), month(col("settlement_date")), col("regime_code")));
    }

    /**
     * The partitions (settlement year and month) of silver claim lines with those partition columns, as cells
     * without a regime: for {@link #where} only.
     */
    static SettlementCells partitions(Dataset<Row> silverLines) {
        return collect(silverLines.select(col(ClaimLines.PARTITIONS[0]), col(ClaimLines.PARTITIONS[1]),
                lit(null).cast("string")));
    }

    /** The distinct (year, month, regime) rows of a three-column frame, in one collect. */
    private static SettlementCells collect(Dataset<Row> yearMonthRegime) {
        Set<Cell> cells = new HashSet<>();
        for (Row r : yearMonthRegime.distinct().collectAsList()) {
            cells.add(new Cell(r.isNullAt(0) ? null : r.getInt(0), r.isNullAt(1) ? null : r.getInt(1), r.getString(2)));
        }
        return new SettlementCells(cells);
    }

    SettlementCells union(SettlementCells other) {
        Set<Cell> all = new HashSet<>(cells);
        all.addAll(other.cells);
        return new SettlementCells(all);
    }

    /** The (settlement year, regime) cells; pending lines have none. */
    Scope scope() {
        SortedMap<Integer, SortedSet<String>> scope = new TreeMap<>();
        cells.stream().filter(c -> c.year() != null && c.regime() != null)
                .forEach(c -> scope.computeIfAbsent(c.year(), y -> new TreeSet<>()).add(c.regime()));
        return Scope.of(scope);
    }

    /** Settlement months (1-12) per settlement year. */
    Map<Integer, SortedSet<Integer>> months() {
        Map<Integer, SortedSet<Integer>> months = new TreeMap<>();
        cells.stream().filter(c -> c.year() != null)
                .forEach(c -> months.computeIfAbsent(c.year(), y -> new TreeSet<>()).add(c.month()));
        return months;
    }

    /**
     * A predicate on silver claim lines (columns prefixed by {@code alias}) naming the partitions these cells are
     * in ({@link ClaimLines#PARTITIONS}): pending lines (no settlement year), and per settlement year its months.
     */
    String where(String alias) {
        List<String> terms = new ArrayList<>();
        if (cells.stream().anyMatch(c -> c.year() == null)) {
            terms.add(alias + "settlement_year IS NULL");
        }
        months().forEach((y, m) -> terms.add("(" + alias + "settlement_year = " + y + " AND " + alias
                + "settlement_month IN (" + m.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "))"));
        return terms.isEmpty() ? "false" : "(" + String.join(" OR ", terms) + ")";
    }
}
