package ma.amo.transforms;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The (year, regime) cells a build has to recompute. Small by construction (years × regimes), so it lives
 * on the driver. Immutable.
 */
public final class Scope {
    private final SortedMap<Integer, SortedSet<String>> cells;

    private Scope(SortedMap<Integer, SortedSet<String>> cells) {
        this.cells = cells;
    }

    public static Scope empty() {
        return new Scope(new TreeMap<>());
    }

    /** Distinct (year, regime_code) pairs of a dataset with integer column {@code yearColumn}, nulls ignored. */
    public static Scope of(Dataset<Row> rows, String yearColumn) {
        SortedMap<Integer, SortedSet<String>> cells = new TreeMap<>();
        for (Row r : rows.select(yearColumn, "regime_code").distinct().collectAsList()) {
            if (!r.isNullAt(0) && !r.isNullAt(1)) {
                cells.computeIfAbsent(r.getInt(0), y -> new TreeSet<>()).add(r.getString(1));
            }
        }
        return new Scope(cells);
    }

    /** The given (year, regimes) cells, copied. */
    public static Scope of(Map<Integer, ? extends Collection<String>> cells) {
        SortedMap<Integer, SortedSet<String>> copy = new TreeMap<>();
        cells.forEach((y, regimes) -> copy.put(y, new TreeSet<>(regimes)));
        return new Scope(copy);
    }

    public Scope union(Scope other) {
        SortedMap<Integer, SortedSet<String>> merged = new TreeMap<>();
        for (Scope s : new Scope[] {this, other}) {
            s.cells.forEach((y, regimes) -> merged.computeIfAbsent(y, k -> new TreeSet<>()).addAll(regimes));
        }
        return new Scope(merged);
    }

    public static Scope unionAll(Collection<Scope> scopes) {
        return scopes.stream().reduce(empty(), Scope::union);
    }

    /** Every regime of the given years, as seen in this scope. */
    public Scope wholeYears(Set<Integer> years, Set<String> allRegimes) {
        SortedMap<Integer, SortedSet<String>> merged = new TreeMap<>(cells);
        years.forEach(y -> merged.put(y, new TreeSet<>(allRegimes)));
        return new Scope(merged);
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    public SortedSet<Integer> years() {
        return new TreeSet<>(cells.keySet());
    }

    public SortedSet<String> regimes(int year) {
        return cells.getOrDefault(year, new TreeSet<>());
    }

    /** A Delta replaceWhere predicate over partition columns year and regime_code. */
    public String predicate(String yearColumn, String regimeColumn) {
        if (cells.isEmpty()) {
            return "false";
        }
        return cells.entrySet().stream().map(e -> "(" + yearColumn + " = " + e.getKey() + " AND " + regimeColumn
                        + " IN (" + e.getValue().stream().map(r -> "'" + r.replace("'", "''") + "'")
                        .collect(Collectors.joining(", ")) + "))")
                .collect(Collectors.joining(" OR "));
    }

    /**
     * The predicate of {@link #predicate(String, String)} narrowed, in the years of {@code months}, to some values
     * of a month column (a Delta replaceWhere on a data column within the partitions); other years whole.
     */
    public String predicate(String yearColumn, String regimeColumn, String monthColumn,
                            Map<Integer, ? extends Collection<Integer>> months) {
        if (cells.isEmpty()) {
            return "false";
        }
        return cells.keySet().stream().map(y -> {
            String cell = new Scope(new TreeMap<>(Map.of(y, cells.get(y)))).predicate(yearColumn, regimeColumn);
            return !months.containsKey(y) ? cell : "(" + cell + " AND " + monthColumn + " IN ("
                    + months.get(y).stream().map(String::valueOf).collect(Collectors.joining(", ")) + "))";
        }).collect(Collectors.joining(" OR "));
    }

    public Map<Integer, SortedSet<String>> asMap() {
        return java.util.Collections.unmodifiableMap(cells);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scope s && s.cells.equals(cells);
    }

    @Override
    public int hashCode() {
        return cells.hashCode();
    }

    @Override
    public String toString() {
        return cells.toString();
    }
}
