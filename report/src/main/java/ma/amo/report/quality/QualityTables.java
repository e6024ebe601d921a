package ma.amo.report.quality;

import ma.amo.report.RagColumn;
import ma.amo.report.RagTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The quality report's tables are {@link RagTable}s (so the RAG's CSV and HTML writers serve them unchanged)
 * with a last {@code severity} column: BLOQUANT, AVERTISSEMENT, or empty for a row that is context, not a finding.
 */
final class QualityTables {
    static final String SEVERITY = "severity";
    static final RagColumn OG = text("og_code", "OG");
    static final RagColumn FEED = text("feed", "Flux");
    static final RagColumn PERIOD = text("period", "Période");
    static final RagColumn DELIVERY = text("delivery_id", "Livraison");
    static final RagColumn REGIME = text("regime_code", "Régime");
    /** The label of a total over a breakdown, as in the RAG. */
    static final String TOTAL = "TOTAL";

    private QualityTables() {
    }

    /** The columns that name a delivery (body, feed, period, id), then the given ones. */
    static List<RagColumn> perDelivery(RagColumn... more) {
        List<RagColumn> columns = new ArrayList<>(List.of(OG, FEED, PERIOD, DELIVERY));
        columns.addAll(List.of(more));
        return columns;
    }

    static RagColumn text(String name, String label) {
        return new RagColumn(name, label, RagColumn.Kind.TEXT);
    }

    static RagColumn count(String name, String label) {
        return new RagColumn(name, label, RagColumn.Kind.COUNT);
    }

    static RagColumn amount(String name, String label) {
        return new RagColumn(name, label, RagColumn.Kind.AMOUNT);
    }

    /** A ratio written with 6 decimals; a name ending in _share or _rate shows as a percentage in the HTML. */
    static RagColumn ratio(String name, String label) {
        return new RagColumn(name, label, RagColumn.Kind.RATIO);
    }

    static RagColumn year(String name, String label) {
        return new RagColumn(name, label, RagColumn.Kind.YEAR);
    }

    /**
     * A table of the given columns plus severity, filled with rows in their given order. Each row holds the
     * column values then its {@link Severity} (null for a context row).
     */
    static RagTable table(String id, String file, String title, List<RagColumn> columns, List<Object[]> rows) {
        List<RagColumn> all = new ArrayList<>(columns);
        all.add(text(SEVERITY, "Gravité"));
        return plain(id, file, title, all, rows.stream().map(r -> {
            Object[] values = r.clone();
            values[values.length - 1] = r[r.length - 1] == null ? null : ((Severity) r[r.length - 1]).code();
            return values;
        }).toList());
    }

    /** A table of exactly these columns and rows (never suppressed: the quality report has no small cells). */
    static RagTable plain(String id, String file, String title, List<RagColumn> columns, List<Object[]> rows) {
        RagTable table = new RagTable(id, file, title, false, columns);
        rows.forEach(r -> table.add(r));
        return table;
    }

    static long count(RagTable table, Severity severity) {
        int c = table.column(SEVERITY);
        return table.rows().stream().filter(r -> severity.code().equals(r[c])).count();
    }

    /** Compares rows on the given value positions as text (null first), for a stable order. */
    static Comparator<Object[]> byColumns(int... positions) {
        Comparator<Object[]> c = (a, b) -> 0;
        for (int p : positions) {
            c = c.thenComparing(r -> Objects.toString(r[p], ""));
        }
        return c;
    }
}
