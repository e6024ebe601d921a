package ma.amo.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static ma.amo.report.Suppression.NONE;
import static ma.amo.report.Suppression.PRIMARY;
import static ma.amo.report.Suppression.SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suppression rule of docs/report.md on small hand-made tables (rows: regimes and TOTAL; columns: breakdown
 * values; each row's total is published elsewhere, like T01's beneficiaries). Every expected mark is reasoned in
 * the comments; {@link Disclosure} then checks, independently of the rule, that no suppressed cell can be solved
 * from the published figures.
 */
class CellSuppressionTest {
    private static final String T = RagTables.TOTAL;

    /** Cells row by row: {row, then per column (name, count) pairs}; a null count means "no such cell". */
    private static List<CellSuppression.Cell> grid(String[] columns, Object[]... rows) {
        List<CellSuppression.Cell> cells = new ArrayList<>();
        for (Object[] row : rows) {
            for (int c = 0; c < columns.length; c++) {
                if (row[c + 1] != null) {
                    cells.add(new CellSuppression.Cell((String) row[0], columns[c], ((Number) row[c + 1]).longValue()));
                }
            }
        }
        return cells;
    }

    /**
     * <pre>
     *        x   y   z  | row total (published)
     * A      3  10  20  | 33
     * B      8  12  30  | 50
     * TOTAL 11  22  50  | 83
     * </pre>
     */
    private static List<CellSuppression.Cell> oneSmallCell() {
        return grid(new String[]{"x", "y", "z"},
                new Object[]{"A", 3, 10, 20}, new Object[]{"B", 8, 12, 30}, new Object[]{T, 11, 22, 50});
    }

    @Test
    void aLoneSmallCellTakesTheSmallestCellOfItsRowAndOfItsColumn() {
        List<CellSuppression.Cell> cells = oneSmallCell();
        List<Suppression> marks = CellSuppression.apply(cells, 5);
        // A.x = 3 < 5: primary. Row A has one suppressed cell: its smallest other cell, A.y = 10, goes too.
        // Then column x (A.x, B.x = 8, TOTAL.x = 11) has one: B.x = 8 goes. Then row B (B.x alone): B.y = 12.
        // Now every group has 0 or 2 suppressed cells and they form the cycle A.x–B.x–B.y–A.y.
        assertThat(marks).containsExactly(
                PRIMARY, SECONDARY, NONE,
                SECONDARY, SECONDARY, NONE,
                NONE, NONE, NONE);
        // Row A: 33 − 20 = 13 = A.x + A.y; column x: 11 = A.x + B.x; 3/10/8/12 and 4/9/7/13 both fit everything.
        assertThat(Disclosure.determined(cells, marks)).isEmpty();
    }

    @Test
    void withoutSecondarySuppressionTheTotalWouldGiveTheSmallCellAway() {
        List<CellSuppression.Cell> cells = oneSmallCell();
        // primary only: A.x alone in row A → 33 − 10 − 20 = 3 (the oracle sees it)
        List<Suppression> primaryOnly = List.of(PRIMARY, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE);
        assertThat(Disclosure.determined(cells, primaryOnly)).containsExactly(0);
    }

    @Test
    void theTotalRowIsAGroupToo() {
        // One regime: the TOTAL row repeats it. A.x = TOTAL.x = 2: both primary.
        //        x  y  z
        // A      2  6  9
        // TOTAL  2  6  9
        List<CellSuppression.Cell> cells = grid(new String[]{"x", "y", "z"},
                new Object[]{"A", 2, 6, 9}, new Object[]{T, 2, 6, 9});
        List<Suppression> marks = CellSuppression.apply(cells, 5);
        // Row A has only A.x: its smallest other cell A.y = 6 goes; row TOTAL has only TOTAL.x: TOTAL.y = 6 goes.
        // Columns x and y then each have two; z is untouched.
        assertThat(marks).containsExactly(PRIMARY, SECONDARY, NONE, PRIMARY, SECONDARY, NONE);
        assertThat(Disclosure.determined(cells, marks)).isEmpty();
    }

    @Test
    void tiesGoToTheFirstCellInTableOrder() {
        //        x  y  z
        // A      1  7  7
        // B      9  9  9
        // TOTAL 10 16 16
        List<CellSuppression.Cell> cells = grid(new String[]{"x", "y", "z"},
                new Object[]{"A", 1, 7, 7}, new Object[]{"B", 9, 9, 9}, new Object[]{T, 10, 16, 16});
        List<Suppression> marks = CellSuppression.apply(cells, 5);
        // Row A: A.y and A.z tie at 7 → A.y (first). Column x: B.x = 9 < TOTAL.x = 10 → B.x.
        // Row B: B.y and B.z tie at 9 → B.y. Columns x and y now have two each.
        assertThat(marks).containsExactly(
                PRIMARY, SECONDARY, NONE,
                SECONDARY, SECONDARY, NONE,
                NONE, NONE, NONE);
        assertThat(Disclosure.determined(cells, marks)).isEmpty();
    }

    @Test
    void zerosAreNeverChosenAndTheChoiceCascades() {
        // A.y is a listed zero (as T11 lists an ALD code with spending but no patient).
        //        x  y   z
        // A      3  0   8
        // B      6  5   9
        // TOTAL  9  5  17
        List<CellSuppression.Cell> cells = grid(new String[]{"x", "y", "z"},
                new Object[]{"A", 3, 0, 8}, new Object[]{"B", 6, 5, 9}, new Object[]{T, 9, 5, 17});
        List<Suppression> marks = CellSuppression.apply(cells, 5);
        // A.x primary. Row A: A.y is 0 (never chosen) → A.z = 8. Row B: nothing yet. TOTAL: nothing.
        // Column x (A.x, B.x 6, TOTAL.x 9) → B.x. Row B has B.x alone → smallest B.y = 5.
        // Column y: B.y alone (A.y is 0) → TOTAL.y = 5. Row TOTAL: TOTAL.y alone → TOTAL.x = 9 (< 17).
        // Column z: A.z alone → B.z = 9 (< TOTAL.z 17). Now: A {x,z}, B {x,y,z}, TOTAL {x,y}, x {A,B,TOTAL},
        // y {B,TOTAL}, z {A,B}: every group has 0 or ≥ 2, and the cycles A.x–B.x–B.z–A.z and
        // B.y–TOTAL.y–TOTAL.x–B.x cover every suppressed cell.
        assertThat(marks).containsExactly(
                PRIMARY, NONE, SECONDARY,
                SECONDARY, SECONDARY, SECONDARY,
                SECONDARY, SECONDARY, NONE);
        assertThat(Disclosure.determined(cells, marks)).isEmpty();
    }

    @Test
    void aCellThatOnlyACombinationOfTotalsGivesAwayIsProtectedToo() {
        //         w   x   y   z  | row total
        // A       2   3  20  25  | 50
        // B       4   1   2  30  | 37
        // C      40  50   3   4  | 97
        // D      60   6   1   2  | 69
        // TOTAL 106  60  26  61  | 253
        List<CellSuppression.Cell> cells = grid(new String[]{"w", "x", "y", "z"},
                new Object[]{"A", 2, 3, 20, 25}, new Object[]{"B", 4, 1, 2, 30}, new Object[]{"C", 40, 50, 3, 4},
                new Object[]{"D", 60, 6, 1, 2}, new Object[]{T, 106, 60, 26, 61});
        // Primary (< 5): A.w A.x B.w B.x B.y C.y C.z D.y D.z. Every row and column already has 0 or ≥ 2 of them,
        // so the "one per group" step adds nothing; yet B.y is recoverable by combining four equations:
        // B.w + B.x = (column w: 106 − 40 − 60) + (column x: 60 − 50 − 6) − (row A: 50 − 20 − 25) = 6 + 4 − 5 = 5,
        // so B.y = (row B: 37 − 30) − 5 = 2.
        List<Suppression> primaryOnly = new ArrayList<>();
        cells.forEach(c -> primaryOnly.add(c.count() < 5 ? PRIMARY : NONE));
        int by = 6; // A.w A.x A.y A.z B.w B.x B.y
        assertThat(Disclosure.determined(cells, primaryOnly)).containsExactly(by);

        List<Suppression> marks = CellSuppression.apply(cells, 5);
        // B.y is the only suppressed cell on no cycle: the cheapest path from row B to column y through other
        // cells must cross from {A, B, w, x} to {C, D, y, z}; the crossing published cells are A.y 20, A.z 25,
        // B.z 30, C.w 40, C.x 50, D.w 60, D.x 6 (through TOTAL takes two cells of 26 or more): D.x = 6, giving
        // the cycle B.y–D.y–D.x–B.x. D.x is the only secondary cell.
        List<Suppression> expected = new ArrayList<>(primaryOnly);
        expected.set(4 * 3 + 1, SECONDARY); // D.x
        assertThat(marks).isEqualTo(expected);
        assertThat(Disclosure.determined(cells, marks)).isEmpty();
    }

    @Test
    void aGroupWithNoOtherNonZeroCellCannotBeProtectedAndIsLeftAsItIs() {
        // Regime A has a single breakdown value: its only cell is its total (published in T01), whatever we do.
        //        x   y
        // A      2   -
        // B     10  20
        // TOTAL 12  20
        List<CellSuppression.Cell> cells = grid(new String[]{"x", "y"},
                new Object[]{"A", 2, null}, new Object[]{"B", 10, 20}, new Object[]{T, 12, 20});
        List<Suppression> marks = CellSuppression.apply(cells, 5);
        // Row A: A.x alone, no other cell: skipped. Column x: A.x alone → B.x = 10 (< TOTAL.x 12).
        // Row B: B.x alone → B.y = 20. Column y: B.y alone → TOTAL.y = 20. Row TOTAL: TOTAL.y alone → TOTAL.x = 12.
        // Cells: A.x, B.x, B.y, TOTAL.x, TOTAL.y; B.x–B.y–TOTAL.y–TOTAL.x is a cycle, A.x hangs on row A alone.
        assertThat(marks).containsExactly(PRIMARY, SECONDARY, SECONDARY, SECONDARY, SECONDARY);
        // only A.x, whose value is row A's published total, stays determined
        assertThat(Disclosure.determined(cells, marks)).containsExactly(0);
    }

    @Test
    void thresholdZeroOrOneSuppressesNothing() {
        List<CellSuppression.Cell> cells = grid(new String[]{"x"}, new Object[]{"A", 1}, new Object[]{T, 1});
        assertThat(CellSuppression.apply(cells, 0)).containsExactly(NONE, NONE);
        assertThat(CellSuppression.apply(cells, 1)).containsExactly(NONE, NONE);
        assertThat(CellSuppression.apply(cells, 2)).containsExactly(PRIMARY, PRIMARY);
    }
}
