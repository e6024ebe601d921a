package ma.amo.report.quality;

import ma.amo.report.RagTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * Section 5: month-over-month jumps of paid claims (gold.spending, settlement month, as of the last build) per
 * regime and care category, and for the regime's TOTAL. Each month M of a regime's run of months (its first to
 * its last month with paid claims; a month without any counts as zero) is compared with M-1, on claim lines and
 * on the amount reimbursed. A change beyond --jump-threshold on either is a warning, and so is a value
 * appearing from zero (no rate then).
 */
final class MonthlyJumps {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private MonthlyJumps() {
    }

    /** Lines and amount of one regime, category and month. */
    record Paid(long lines, BigDecimal reimbursed) {
        static final Paid NONE = new Paid(0, BigDecimal.ZERO);

        Paid plus(Paid o) {
            return new Paid(lines + o.lines, reimbursed.add(o.reimbursed));
        }
    }

    static RagTable table(Optional<Dataset<Row>> spending, QualityOptions options) {
        List<Object[]> rows = new ArrayList<>();
        BigDecimal threshold = options.jumpThreshold().divide(HUNDRED);
        // regime → category (TOTAL included) → month → paid
        Map<String, Map<String, TreeMap<YearMonth, Paid>>> series = new TreeMap<>();
        spending.ifPresent(s -> {
            Dataset<Row> months = options.year() == null ? s
                    : s.filter(col("year").between(options.year() - 1, options.year()));
            for (Row r : months.groupBy("regime_code", "year", "month", "care_category")
                    .agg(sum("claim_lines"), sum("amount_reimbursed")).collectAsList()) {
                YearMonth m = YearMonth.of(r.getInt(1), r.getInt(2));
                Paid p = new Paid(r.getLong(4), r.getDecimal(5));
                Map<String, TreeMap<YearMonth, Paid>> regime = series.computeIfAbsent(r.getString(0), k -> new TreeMap<>());
                regime.computeIfAbsent(r.getString(3), k -> new TreeMap<>()).merge(m, p, Paid::plus);
                regime.computeIfAbsent(QualityTables.TOTAL, k -> new TreeMap<>()).merge(m, p, Paid::plus);
            }
        });
        series.forEach((regime, categories) -> {
            YearMonth first = categories.get(QualityTables.TOTAL).firstKey();
            YearMonth last = categories.get(QualityTables.TOTAL).lastKey();
            categories.forEach((category, byMonth) -> {
                for (YearMonth m = first.plusMonths(1); !m.isAfter(last); m = m.plusMonths(1)) {
                    Paid before = byMonth.getOrDefault(m.minusMonths(1), Paid.NONE);
                    Paid now = byMonth.getOrDefault(m, Paid.NONE);
                    BigDecimal linesRate = rate(BigDecimal.valueOf(before.lines()), BigDecimal.valueOf(now.lines()));
                    BigDecimal amountRate = rate(before.reimbursed(), now.reimbursed());
                    boolean jump = jump(before.lines() == 0, now.lines() == 0, linesRate, threshold)
                            || jump(before.reimbursed().signum() == 0, now.reimbursed().signum() == 0, amountRate, threshold);
                    if (jump && options.covers(m.getYear())) {
                        rows.add(new Object[] {regime, category, m.toString(), before.lines(), now.lines(), linesRate,
                                before.reimbursed(), now.reimbursed(), amountRate, Severity.WARNING});
                    }
                }
            });
        });
        // per regime, categories alphabetically then TOTAL, months in order
        rows.sort(QualityTables.byColumns(0).thenComparing(r -> QualityTables.TOTAL.equals(r[1]))
                .thenComparing(QualityTables.byColumns(1, 2)));
        return QualityTables.table("Q5", "Q5_jumps", "Variations mensuelles des prestations payées au-delà du seuil", List.of(
                QualityTables.REGIME, QualityTables.text("care_category", "Catégorie de soins"),
                QualityTables.text("month", "Mois"),
                QualityTables.count("previous_lines", "Lignes M-1"),
                QualityTables.count("claim_lines", "Lignes M"),
                QualityTables.ratio("lines_change_rate", "Variation des lignes"),
                QualityTables.amount("previous_reimbursed", "Remboursé M-1 (MAD)"),
                QualityTables.amount("amount_reimbursed", "Remboursé M (MAD)"),
                QualityTables.ratio("reimbursed_change_rate", "Variation du remboursé")), rows);
    }

    /** now ÷ before − 1; null when before is zero (no rate from nothing). */
    private static BigDecimal rate(BigDecimal before, BigDecimal now) {
        return before.signum() == 0 ? null : now.divide(before, MathContext.DECIMAL128).subtract(BigDecimal.ONE);
    }

    private static boolean jump(boolean beforeZero, boolean nowZero, BigDecimal rate, BigDecimal threshold) {
        if (beforeZero) {
            return !nowZero;
        }
        return rate.abs().compareTo(threshold) > 0;
    }
}
