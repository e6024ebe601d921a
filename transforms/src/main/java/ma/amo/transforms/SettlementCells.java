package ma.amo.transforms;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where some claim lines sit: their distinct (settlement year, settlement date, regime), collected to the driver
 * in one job. Small by construction (years × days × regimes: a few thousand at most), so the incremental claims
 * step derives from one collect what it needs (the cells the marts recompute, the months rewritten, the predicates
 * naming the files of those dates) instead of running a Spark job for each.
 */
final class SettlementCells {
    /** A pending line has no settlement year nor date (null). */
    record Cell(Integer year, LocalDate date, String regime) {
    }

    private final Set<Cell> cells;

    private SettlementCells(Set<Cell> cells) {
        this.cells = cells;
    }

    /** The cells of claim lines with columns settlement_year, settlement_date and regime_code. */
    static SettlementCells of(Dataset<Row> lines) {
        Set<Cell> cells = new HashSet<>();
        for (Row r : lines.select("settlement_year", "settlement_date", "regime_code").distinct().collectAsList()) {
            cells.add(new Cell(r.isNullAt(0) ? null : r.getInt(0), r.isNullAt(1) ? null : r.getDate(1).toLocalDate(),
                    r.getString(2)));
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
                .forEach(c -> months.computeIfAbsent(c.year(), y -> new TreeSet<>()).add(c.date().getMonthValue()));
        return months;
    }

    /**
     * A predicate on silver claim lines (columns prefixed by {@code alias}) naming where lines of these cells are:
     * their settlement years (null: pending), and within each year the span of their settlement dates. The year
     * prunes partitions; the span lets Delta skip, by the files' min/max statistics, the files of other months
     * ({@link ClaimLines#clustered}).
     */
    String where(String alias) {
        String year = alias + "settlement_year";
        SortedMap<Integer, List<LocalDate>> spans = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        cells.forEach(c -> spans.computeIfAbsent(c.year(), y -> new ArrayList<>()).add(c.date()));
        List<String> terms = new ArrayList<>();
        spans.forEach((y, dates) -> {
            if (y == null) {
                terms.add(year + " IS NULL");
            } else {
                List<LocalDate> known = dates.stream().filter(Objects::nonNull).sorted().toList();
                terms.add("(" + year + " = " + y + " AND " + alias + "settlement_date BETWEEN DATE'" + known.get(0)
                        + "' AND DATE'" + known.get(known.size() - 1) + "')");
            }
        });
        return terms.isEmpty() ? "false" : "(" + String.join(" OR ", terms) + ")";
    }
}
