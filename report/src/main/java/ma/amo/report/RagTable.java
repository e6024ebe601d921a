package ma.amo.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One table of the RAG as computed: columns, rows of values (Long, BigDecimal, String or Integer; null =
 * empty: suppressed or undefined) and, for tables that can suppress small cells, the row's {@link Suppression}
 * (none, primary or secondary).
 */
public final class RagTable {
    private final String id;
    private final String file;
    private final String title;
    private final List<RagColumn> columns;
    private final boolean suppressible;
    private final List<Object[]> rows = new ArrayList<>();
    private final List<Suppression> suppressed = new ArrayList<>();

    public RagTable(String id, String file, String title, boolean suppressible, List<RagColumn> columns) {
        this.id = id;
        this.file = file;
        this.title = title;
        this.suppressible = suppressible;
        this.columns = List.copyOf(columns);
    }

    /** A row with nothing suppressed. */
    public void add(Object... values) {
        addRow(Suppression.NONE, values);
    }

    /** A row of a table that can suppress, with its suppression (a distinct name: add(Object...) would accept it too). */
    public void addRow(Suppression suppression, Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(id + ": " + values.length + " values for " + columns.size() + " columns");
        }
        rows.add(values.clone());
        suppressed.add(suppression);
    }

    public String id() {
        return id;
    }

    /** File stem of the CSV, e.g. T01_population. */
    public String file() {
        return file;
    }

    public String title() {
        return title;
    }

    public List<RagColumn> columns() {
        return columns;
    }

    public boolean suppressible() {
        return suppressible;
    }

    public int size() {
        return rows.size();
    }

    public Object value(int row, int column) {
        return rows.get(row)[column];
    }

    public boolean suppressed(int row) {
        return suppressed.get(row).suppressed();
    }

    /** Whether the row's count was suppressed, and why. */
    public Suppression suppression(int row) {
        return suppressed.get(row);
    }

    public List<Object[]> rows() {
        return Collections.unmodifiableList(rows);
    }

    public int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(id + " has no column " + name);
    }

    /** The value as the CSV writes it: fixed decimals, '.' separator, no grouping, empty for null. */
    public String text(int row, int column) {
        return format(columns.get(column), rows.get(row)[column]);
    }

    static String format(RagColumn column, Object value) {
        if (value == null) {
            return "";
        }
        return switch (column.kind()) {
            case AMOUNT -> ((BigDecimal) value).setScale(2, RoundingMode.HALF_UP).toPlainString();
            case RATIO -> ((BigDecimal) value).setScale(6, RoundingMode.HALF_UP).toPlainString();
            default -> value.toString();
        };
    }
}
