package ma.amo.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The test's own attacker, independent of how CellSuppression works: which suppressed cells of a breakdown
 * table the published figures determine exactly. The unknowns are the suppressed cells; the equations are
 * every row (its cells add up to the regime's published figure) and every column (the TOTAL cell equals the
 * sum of the regime cells). A cell is determined when its unit vector lies in the span of the equations, i.e.
 * when the reduced row echelon form has a row with that single non-zero entry. Plain Gaussian elimination.
 */
final class Disclosure {
    private Disclosure() {
    }

    /** Indices of the suppressed cells whose value the published figures fix (TOTAL names the total row). */
    static Set<Integer> determined(List<CellSuppression.Cell> cells, List<Suppression> marks) {
        List<Integer> unknowns = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (marks.get(i).suppressed()) {
                unknowns.add(i);
            }
        }
        Map<String, double[]> equations = new LinkedHashMap<>();
        for (int u = 0; u < unknowns.size(); u++) {
            CellSuppression.Cell c = cells.get(unknowns.get(u));
            equations.computeIfAbsent("row " + c.row(), k -> new double[unknowns.size()])[u] = 1;
            equations.computeIfAbsent("column " + c.column(), k -> new double[unknowns.size()])[u] =
                    RagTables.TOTAL.equals(c.row()) ? 1 : -1;
        }
        double[][] m = equations.values().toArray(new double[0][]);
        int rank = 0;
        for (int col = 0; col < unknowns.size() && rank < m.length; col++) {
            int pivot = -1;
            for (int r = rank; r < m.length; r++) {
                if (Math.abs(m[r][col]) > 1e-9 && (pivot < 0 || Math.abs(m[r][col]) > Math.abs(m[pivot][col]))) {
                    pivot = r;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] swap = m[rank];
            m[rank] = m[pivot];
            m[pivot] = swap;
            double p = m[rank][col];
            for (int c = 0; c < unknowns.size(); c++) {
                m[rank][c] /= p;
            }
            for (int r = 0; r < m.length; r++) {
                if (r != rank && Math.abs(m[r][col]) > 1e-9) {
                    double f = m[r][col];
                    for (int c = 0; c < unknowns.size(); c++) {
                        m[r][c] -= f * m[rank][c];
                    }
                }
            }
            rank++;
        }
        Set<Integer> out = new TreeSet<>();
        for (double[] row : m) {
            int nonZero = -1;
            int n = 0;
            for (int c = 0; c < unknowns.size(); c++) {
                if (Math.abs(row[c]) > 1e-9) {
                    nonZero = c;
                    n++;
                }
            }
            if (n == 1) {
                out.add(unknowns.get(nonZero));
            }
        }
        return out;
    }
}
