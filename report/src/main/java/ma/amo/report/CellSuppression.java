package ma.amo.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Small-cell suppression of one breakdown table of counts (T02, T03, T11, and the HTML dashboard's pyramid
 * and regions), primary and secondary, as docs/report.md defines it.
 *
 * <p>The table is a grid of counts: a cell's row is a regime or TOTAL, its column a breakdown value (an age band
 * and sex, a region, an ALD code). Each cell lies in exactly two <em>groups</em>, each one linear equation whose
 * other terms are published: its row (the cells of one regime add up to that regime's figure published in T01
 * or T10; the TOTAL row's cells to the TOTAL figure) and its column (the TOTAL cell of a breakdown value is the
 * sum of that value's regime cells). Rows and columns are the nodes of a bipartite graph whose edges are the
 * cells; the published figures determine the value of a suppressed cell exactly when that cell is a bridge of
 * the graph of suppressed cells (it lies on no cycle of suppressed cells), the simplest case being a group
 * where it is the only suppressed cell ("total minus the published cells").
 *
 * <p>Rule: (1) primary: counts from 1 to minCell − 1. Then, until nothing changes: (2) the first group (rows in
 * order of first appearance, then columns) with exactly one suppressed cell gets its smallest published
 * non-zero cell suppressed too (ties: the first in table order); (3) otherwise the first suppressed cell (table
 * order) that is still a bridge gets the published cells of the cheapest path (smallest sum of counts) joining
 * its row and column through non-zero cells, which closes a cycle through it. Zeros are never suppressed.
 * A group whose only non-zero cell is suppressed cannot be protected inside the table (its value is the
 * group's total) and is left as it is. Plain Java: a table has a few hundred cells at most.
 */
public final class CellSuppression {
    /** One published count: its row (a regime or TOTAL), its column (the breakdown value) and its value. */
    public record Cell(String row, String column, long count) {
    }

    private final long[] count;
    private final int[] rowNode;
    private final int[] columnNode;
    private final Suppression[] marks;
    /** Cells of each node (group), in table order; rows first, then columns, each in order of first appearance. */
    private final List<List<Integer>> groups = new ArrayList<>();

    private CellSuppression(List<Cell> cells) {
        int n = cells.size();
        count = new long[n];
        rowNode = new int[n];
        columnNode = new int[n];
        marks = new Suppression[n];
        Arrays.fill(marks, Suppression.NONE);
        Map<String, Integer> rows = new LinkedHashMap<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (Cell c : cells) {
            rows.putIfAbsent(c.row(), rows.size());
        }
        for (Cell c : cells) {
            columns.putIfAbsent(c.column(), rows.size() + columns.size());
        }
        for (int i = 0; i < rows.size() + columns.size(); i++) {
            groups.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Cell c = cells.get(i);
            count[i] = c.count();
            rowNode[i] = rows.get(c.row());
            columnNode[i] = columns.get(c.column());
            for (int j : groups.get(rowNode[i])) {
                if (columnNode[j] == columnNode[i]) {
                    throw new IllegalArgumentException("two cells at " + c.row() + " × " + c.column());
                }
            }
            groups.get(rowNode[i]).add(i);
            groups.get(columnNode[i]).add(i);
        }
    }

    /** The suppression of each cell, in the order given; minCell 0 (or 1) suppresses nothing. */
    public static List<Suppression> apply(List<Cell> cells, int minCell) {
        CellSuppression s = new CellSuppression(cells);
        for (int i = 0; i < s.count.length; i++) {
            if (s.count[i] > 0 && s.count[i] < minCell) {
                s.marks[i] = Suppression.PRIMARY;
            }
        }
        while (s.protectALoneCell() || s.breakABridge()) {
            // each step suppresses at least one more cell, so this ends
        }
        return List.of(s.marks);
    }

    private boolean hidden(int cell) {
        return marks[cell] != Suppression.NONE;
    }

    /** Step 2: the first group with exactly one suppressed cell gets its smallest published non-zero cell. */
    private boolean protectALoneCell() {
        for (List<Integer> group : groups) {
            if (group.stream().filter(this::hidden).count() != 1) {
                continue;
            }
            int best = -1;
            for (int cell : group) {
                if (!hidden(cell) && count[cell] > 0 && (best < 0 || count[cell] < count[best])) {
                    best = cell;
                }
            }
            if (best >= 0) {
                marks[best] = Suppression.SECONDARY;
                return true;
            }
        }
        return false;
    }

    /** Step 3: the first suppressed cell still determined by the published figures gets a cycle through it. */
    private boolean breakABridge() {
        for (int cell = 0; cell < count.length; cell++) {
            if (hidden(cell) && isBridge(cell)) {
                List<Integer> path = cheapestPath(cell);
                if (!path.isEmpty()) {
                    path.forEach(c -> marks[c] = Suppression.SECONDARY);
                    return true;
                }
            }
        }
        return false;
    }

    private int other(int cell, int node) {
        return rowNode[cell] == node ? columnNode[cell] : rowNode[cell];
    }

    /** Whether the cell's row and column are joined by no path of other suppressed cells. */
    private boolean isBridge(int cell) {
        boolean[] seen = new boolean[groups.size()];
        Deque<Integer> todo = new ArrayDeque<>(List.of(rowNode[cell]));
        seen[rowNode[cell]] = true;
        while (!todo.isEmpty()) {
            int node = todo.pop();
            for (int c : groups.get(node)) {
                int next = other(c, node);
                if (c != cell && hidden(c) && !seen[next]) {
                    seen[next] = true;
                    todo.push(next);
                }
            }
        }
        return !seen[columnNode[cell]];
    }

    /**
     * The published cells of the cheapest path from the cell's row to its column through other non-zero cells
     * (suppressed cells cost nothing, published ones their count); empty when there is none. Dijkstra over the
     * nodes, visited in (cost, node order); ties keep the path found first.
     */
    private List<Integer> cheapestPath(int cell) {
        long[] cost = new long[groups.size()];
        int[] via = new int[groups.size()];
        Arrays.fill(cost, Long.MAX_VALUE);
        Arrays.fill(via, -1);
        PriorityQueue<long[]> queue = new PriorityQueue<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        cost[rowNode[cell]] = 0;
        queue.add(new long[]{0, rowNode[cell]});
        while (!queue.isEmpty()) {
            long[] head = queue.poll();
            int node = (int) head[1];
            if (head[0] > cost[node]) {
                continue;
            }
            for (int c : groups.get(node)) {
                if (c == cell || count[c] == 0) {
                    continue;
                }
                int next = other(c, node);
                long through = head[0] + (hidden(c) ? 0 : count[c]);
                if (through < cost[next]) {
                    cost[next] = through;
                    via[next] = c;
                    queue.add(new long[]{through, next});
                }
            }
        }
        List<Integer> published = new ArrayList<>();
        if (via[columnNode[cell]] < 0) {
            return published;
        }
        for (int node = columnNode[cell]; node != rowNode[cell]; node = other(via[node], node)) {
            if (!hidden(via[node])) {
                published.add(via[node]);
            }
        }
        return published;
    }
}
