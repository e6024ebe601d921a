package ma.amo.bench;

import ma.amo.report.RagColumn;
import ma.amo.report.RagTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Figures of some RAG tables, by table id, row key (the breakdown columns joined with '|') and column name,
 * so that two engines' results can be compared whatever their row order. Values are Long, BigDecimal, Double
 * or null.
 */
final class Figures {
    /** Relative tolerance for quotients computed in double precision (DuckDB) against 34-digit decimals. */
    static final double QUOTIENT_TOLERANCE = 1e-9;

    private final Map<String, Map<String, Map<String, Object>>> tables = new TreeMap<>();

    void put(String table, String rowKey, Map<String, Object> values) {
        Map<String, Object> previous = tables.computeIfAbsent(table, t -> new TreeMap<>()).put(rowKey, values);
        if (previous != null) {
            throw new IllegalStateException(table + " has two rows " + rowKey);
        }
    }

    Set<String> tableIds() {
        return tables.keySet();
    }

    Map<String, Map<String, Object>> rows(String table) {
        return tables.getOrDefault(table, Map.of());
    }

    int size() {
        return tables.values().stream().mapToInt(Map::size).sum();
    }

    /** The platform's figures of the given tables: text columns make the key, the others the values. */
    static Figures of(Collection<RagTable> ragTables, Set<String> ids) {
        Figures f = new Figures();
        for (RagTable t : ragTables) {
            if (!ids.contains(t.id())) {
                continue;
            }
            for (Object[] row : t.rows()) {
                List<String> key = new ArrayList<>();
                Map<String, Object> values = new LinkedHashMap<>();
                for (int c = 0; c < row.length; c++) {
                    RagColumn col = t.columns().get(c);
                    if (col.kind() == RagColumn.Kind.TEXT) {
                        key.add(String.valueOf(row[c]));
                    } else {
                        values.put(col.name(), row[c]);
                    }
                }
                f.put(t.id(), String.join("|", key), values);
            }
        }
        return f;
    }

    /**
     * Every difference between these figures (the platform's) and another engine's, one line each: a row or
     * column on one side only, a value that differs. Counts and sums must be equal exactly; a quotient the
     * other engine computed in double precision must agree to {@value #QUOTIENT_TOLERANCE} relative.
     */
    List<String> differences(Figures other) {
        List<String> diffs = new ArrayList<>();
        Set<String> ids = new TreeSet<>(tables.keySet());
        ids.addAll(other.tables.keySet());
        for (String id : ids) {
            Map<String, Map<String, Object>> mine = rows(id);
            Map<String, Map<String, Object>> theirs = other.rows(id);
            Set<String> keys = new TreeSet<>(mine.keySet());
            keys.addAll(theirs.keySet());
            for (String key : keys) {
                Map<String, Object> a = mine.get(key);
                Map<String, Object> b = theirs.get(key);
                if (a == null || b == null) {
                    diffs.add(id + " row " + key + " only in " + (a == null ? "DuckDB" : "the platform"));
                    continue;
                }
                Set<String> columns = new TreeSet<>(a.keySet());
                columns.addAll(b.keySet());
                for (String column : columns) {
                    if (!a.containsKey(column) || !b.containsKey(column)) {
                        diffs.add(id + " column " + column + " only in " + (a.containsKey(column) ? "the platform" : "DuckDB"));
                    } else if (!same(a.get(column), b.get(column))) {
                        diffs.add(id + " " + key + " " + column + ": platform " + a.get(column) + ", DuckDB " + b.get(column));
                    }
                }
            }
        }
        return diffs;
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Double || b instanceof Double) {
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            return Math.abs(x - y) <= QUOTIENT_TOLERANCE * Math.max(1.0, Math.abs(x));
        }
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        return a.equals(b);
    }
}
