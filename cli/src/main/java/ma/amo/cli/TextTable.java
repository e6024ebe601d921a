package ma.amo.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for the terminal: columns as wide as their widest cell, numbers right-aligned. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        this.header = header;
    }

    TextTable add(List<String> row) {
        rows.add(row);
        return this;
    }

    int size() {
        return rows.size();
    }

    void print(PrintWriter out) {
        int[] width = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int c = 0; c < header.size(); c++) {
            width[c] = header.get(c).length();
            numeric[c] = !rows.isEmpty();
        }
        for (List<String> row : rows) {
            for (int c = 0; c < header.size(); c++) {
                String cell = c < row.size() && row.get(c) != null ? row.get(c) : "";
                width[c] = Math.max(width[c], cell.length());
                if (!cell.isEmpty() && !cell.matches("-?[0-9][0-9,]*(\\.[0-9]+)?")) {
                    numeric[c] = false;
                }
            }
        }
        out.println(line(header, width, new boolean[header.size()]));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, width, numeric));
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] width, boolean[] right) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            String cell = c < cells.size() && cells.get(c) != null ? cells.get(c) : "";
            if (c > 0) {
                b.append("  ");
            }
            String pad = " ".repeat(width[c] - cell.length());
            b.append(right[c] ? pad + cell : cell + (c == width.length - 1 ? "" : pad));
        }
        return b.toString();
    }

    static String number(long n) {
        return String.format("%,d", n);
    }
}
