package ma.amo.ingestion;

import ma.amo.common.contract.CodeList;
import ma.amo.common.contract.Column;
import ma.amo.common.contract.ColumnType;
import ma.amo.common.contract.Feed;
import ma.amo.common.contract.RowRule;
import ma.amo.common.reference.ReferenceData;
import ma.amo.common.reference.Regime;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_remove;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

/**
 * The contract's row rules as Spark expressions, configured per feed. {@link #apply} takes the delivery's
 * rows as text (one string column per contract column, plus {@value #CORRUPT} from the CSV reader) and adds
 * a typed column per contract column ({@link #typed}), {@value #REASONS} (the distinct rules the row breaks,
 * sorted, empty when clean) and {@value #DETAILS} (every finding as "RULE:column", separated by "; "). No UDF
 * and no lambda: everything stays inside Spark's code generation.
 */
public final class RowChecks {
    public static final String CORRUPT = "_corrupt";
    public static final String REASONS = "_reasons";
    public static final String DETAILS = "_details";
    private static final String DUPLICATE = "_duplicate_key";
    private static final String TYPED_PREFIX = "_t_";
    private static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

    private final Feed feed;
    private final Manifest manifest;
    private final ReferenceData reference;

    public RowChecks(Feed feed, Manifest manifest, ReferenceData reference) {
        this.feed = feed;
        this.manifest = manifest;
        this.reference = reference;
    }

    /** Name of the typed copy of a contract column. */
    public static String typed(String column) {
        return TYPED_PREFIX + column;
    }

    public Dataset<Row> apply(Dataset<Row> text) {
        Dataset<Row> withTyped = withDuplicateKeyFlag(text);
        for (Column column : feed.columns()) {
            withTyped = withTyped.withColumn(typed(column.name()), parse(column));
        }
        List<Finding> findings = new ArrayList<>();
        for (Column column : feed.columns()) {
            findings.addAll(columnChecks(column));
        }
        findings.addAll(feedChecks());
        findings.add(new Finding(col(DUPLICATE).isNotNull(), RowRule.DUPLICATE_KEY, String.join("+", feed.keyColumns())));

        // Only functions Spark compiles: array_compact, filter and the like are lambdas underneath, which Spark
        // evaluates row by row outside code generation, together with every rule inside them.
        org.apache.spark.sql.Column malformed = col(CORRUPT).isNotNull();
        org.apache.spark.sql.Column details = concat_ws("; ", findings.stream()
                .map(f -> when(f.broken(), lit(f.rule().name() + ":" + f.column())))
                .toArray(org.apache.spark.sql.Column[]::new));
        Map<RowRule, org.apache.spark.sql.Column> byRule = new TreeMap<>(Comparator.comparing(RowRule::name));
        for (Finding f : findings) {
            byRule.merge(f.rule(), coalesce(f.broken(), lit(false)), org.apache.spark.sql.Column::or);
        }
        org.apache.spark.sql.Column reasons = array_remove(array(byRule.entrySet().stream()
                .map(e -> when(e.getValue(), lit(e.getKey().name())).otherwise(lit("")))
                .toArray(org.apache.spark.sql.Column[]::new)), "");
        // A row the CSV reader could not split has unreliable fields: report that alone.
        return withTyped
                .withColumn(REASONS, when(malformed, array(lit(RowRule.MALFORMED_ROW.name()))).otherwise(reasons))
                .withColumn(DETAILS, when(malformed, lit(RowRule.MALFORMED_ROW + ":row")).otherwise(details))
                .drop(DUPLICATE);
    }

    /** One rule a row may break, on one column (or a key). */
    private record Finding(org.apache.spark.sql.Column broken, RowRule rule, String column) {
    }

    /** True for rows that break no rule. */
    public static org.apache.spark.sql.Column clean() {
        return size(col(REASONS)).equalTo(0);
    }

    /** A contract column's typed value from its text; null where the text is not of the column's type. */
    static org.apache.spark.sql.Column parse(Column column) {
        org.apache.spark.sql.Column v = col(column.name());
        return switch (column.type()) {
            case STRING, MONTH -> v;
            // the pattern fixes the form, so the cast (Spark's own date parser, null for 2024-02-30) reads it like
            // to_date with "yyyy-MM-dd" did, without a java.time formatter per value (claims month: 0.2-0.3 s of 1.6)
            case DATE -> when(v.rlike("^\\d{4}-\\d{2}-\\d{2}$"), v.try_cast("date"));
            case INTEGER -> when(v.rlike("^-?\\d{1,9}$"), v.try_cast("int"));
            case DECIMAL -> when(v.rlike("^-?\\d{1,16}(\\.\\d{1,2})?$"), v.try_cast("decimal(18,2)"));
        };
    }

    private List<Finding> columnChecks(Column column) {
        String name = column.name();
        org.apache.spark.sql.Column raw = col(name);
        org.apache.spark.sql.Column value = col(typed(name));
        List<Finding> checks = new ArrayList<>();
        if (column.required()) {
            checks.add(finding(raw.isNull(), RowRule.MISSING_REQUIRED, name));
        }
        if (column.type() == ColumnType.MONTH) {
            checks.add(finding(raw.isNotNull().and(raw.rlike("^\\d{4}-(0[1-9]|1[0-2])$").unary_$bang()),
                    RowRule.BAD_DATE, name));
        } else if (column.type() != ColumnType.STRING) {
            RowRule rule = column.type() == ColumnType.DATE ? RowRule.BAD_DATE : RowRule.BAD_NUMBER;
            checks.add(finding(raw.isNotNull().and(value.isNull()), rule, name));
        }
        if (column.type() == ColumnType.DECIMAL) {
            checks.add(finding(value.lt(0), RowRule.NEGATIVE_AMOUNT, name));
        }
        if (!column.allowedValues().isEmpty()) {
            checks.add(finding(raw.isNotNull().and(raw.isin(sorted(column.allowedValues())).unary_$bang()),
                    RowRule.UNKNOWN_CODE, name));
        }
        if (column.codeList() != null) {
            checks.add(codeListCheck(column, raw));
        }
        return checks;
    }

    private Finding codeListCheck(Column column, org.apache.spark.sql.Column raw) {
        String name = column.name();
        return switch (column.codeList()) {
            case MANAGING_BODY -> finding(raw.isNotNull().and(raw.notEqual(manifest.ogCode())), RowRule.OG_MISMATCH, name);
            case REGIME -> finding(raw.isNotNull().and(raw.isin(sorted(reference.regimeCodes())).unary_$bang()),
                    RowRule.UNKNOWN_REGIME, name);
            case REGION, CARE_CATEGORY, ALD -> finding(
                    raw.isNotNull().and(raw.isin(sorted(codes(column.codeList()))).unary_$bang()),
                    RowRule.UNKNOWN_CODE, name);
        };
    }

    private Set<String> codes(CodeList list) {
        return switch (list) {
            case REGION -> reference.regions();
            case CARE_CATEGORY -> reference.careCategories();
            case ALD -> reference.aldCodes();
            case MANAGING_BODY -> reference.managingBodies();
            case REGIME -> reference.regimeCodes();
        };
    }

    /** Rules that tie several columns together or tie rows to the manifest. */
    private List<Finding> feedChecks() {
        List<Finding> checks = new ArrayList<>();
        switch (feed) {
            case BENEFICIARIES -> {
                org.apache.spark.sql.Column start = t("coverage_start");
                org.apache.spark.sql.Column end = t("coverage_end");
                org.apache.spark.sql.Column birth = t("birth_date");
                checks.add(regimeManaged(start, start));
                checks.add(finding(end.lt(start), RowRule.DATE_ORDER, "coverage_end"));
                checks.add(finding(birth.gt(start), RowRule.DATE_ORDER, "birth_date"));
                checks.add(finding(birth.lt(lit(LocalDate.of(1900, 1, 1))), RowRule.BAD_DATE, "birth_date"));
                checks.add(finding(col("relationship").equalTo("ASSURE").and(col("insured_status").isNull()),
                        RowRule.MISSING_REQUIRED, "insured_status"));
                checks.add(finding(start.gt(lit(manifest.periodEnd()))
                        .or(coalesce(end, lit(OPEN_END)).lt(lit(manifest.periodStart()))), RowRule.PERIOD_MISMATCH,
                        "coverage_start"));
            }
            case CONTRIBUTIONS -> {
                org.apache.spark.sql.Column monthStart = to_date(concat(t("period_month"), lit("-01")), "yyyy-MM-dd");
                org.apache.spark.sql.Column month = t("period_month");
                org.apache.spark.sql.Column valid = month.rlike("^\\d{4}-(0[1-9]|1[0-2])$");
                checks.add(regimeManaged(when(valid, monthStart), when(valid, last_day(monthStart))));
                checks.add(finding(t("insured_count").lt(0), RowRule.OUT_OF_RANGE, "insured_count"));
                org.apache.spark.sql.Column inside = manifest.monthly()
                        ? month.equalTo(manifest.period())
                        : month.startsWith(manifest.period() + "-");
                checks.add(finding(valid.and(inside.unary_$bang()), RowRule.PERIOD_MISMATCH, "period_month"));
            }
            case CLAIMS -> {
                org.apache.spark.sql.Column care = t("care_date");
                checks.add(regimeManaged(care, care));
                checks.add(finding(t("line_no").lt(1), RowRule.OUT_OF_RANGE, "line_no"));
                checks.add(finding(t("settlement_date").lt(care), RowRule.DATE_ORDER, "settlement_date"));
                checks.add(finding(t("amount_reimbursed").gt(t("amount_claimed")), RowRule.REIMBURSED_GT_CLAIMED,
                        "amount_reimbursed"));
            }
            case ALD -> {
                org.apache.spark.sql.Column start = t("start_date");
                org.apache.spark.sql.Column end = t("end_date");
                checks.add(regimeManaged(start, coalesce(end, lit(OPEN_END))));
                checks.add(finding(end.lt(start), RowRule.DATE_ORDER, "end_date"));
            }
            case FINANCIALS -> {
                org.apache.spark.sql.Column year = t("year");
                org.apache.spark.sql.Column plausible = year.between(1900, 9999);
                checks.add(finding(year.isNotNull().and(plausible.unary_$bang()), RowRule.OUT_OF_RANGE, "year"));
                checks.add(regimeManaged(when(plausible, make_date(year, lit(1), lit(1))),
                        when(plausible, make_date(year, lit(12), lit(31)))));
                checks.add(finding(year.notEqual(manifest.year()), RowRule.PERIOD_MISMATCH, "year"));
            }
        }
        return checks;
    }

    /**
     * REGIME_NOT_MANAGED when the regime is known but the delivering OG ran it on no day of [from, to]
     * (reference/regimes.csv validity). Regimes change managing body (law 54-23), hence dates.
     */
    private Finding regimeManaged(org.apache.spark.sql.Column from, org.apache.spark.sql.Column to) {
        org.apache.spark.sql.Column regime = col("regime_code");
        org.apache.spark.sql.Column managed = lit(false);
        for (Regime r : reference.regimes()) {
            if (r.ogCode().equals(manifest.ogCode())) {
                org.apache.spark.sql.Column overlap = regime.equalTo(r.regimeCode()).and(to.geq(lit(r.validFrom())));
                if (r.validTo() != null) {
                    overlap = overlap.and(from.leq(lit(r.validTo())));
                }
                managed = managed.or(overlap);
            }
        }
        org.apache.spark.sql.Column known = regime.isin(sorted(reference.regimeCodes()));
        return finding(known.and(from.isNotNull()).and(to.isNotNull()).and(managed.unary_$bang()),
                RowRule.REGIME_NOT_MANAGED, "regime_code");
    }

    /**
     * Adds {@value #DUPLICATE}, non-null on every row whose complete key appears more than once in the delivery.
     * The keys seen twice are found by an aggregate over the key columns alone and broadcast back (a delivery
     * rarely has any): the rows themselves are never shuffled nor sorted, where a window over the key would
     * move every wide row of the file across a shuffle.
     */
    private Dataset<Row> withDuplicateKeyFlag(Dataset<Row> text) {
        List<String> keys = feed.keyColumns();
        org.apache.spark.sql.Column complete = lit(true);
        for (String k : keys) {
            complete = complete.and(col(k).isNotNull());
        }
        org.apache.spark.sql.Column[] renamed = keys.stream().map(k -> col(k).as(DUPLICATE + "_" + k))
                .toArray(org.apache.spark.sql.Column[]::new);
        Dataset<Row> seenTwice = text.filter(complete).groupBy(renamed).count().filter(col("count").gt(1))
                .drop("count").withColumn(DUPLICATE, lit(true));
        org.apache.spark.sql.Column sameKey = lit(true);
        for (String k : keys) {
            sameKey = sameKey.and(text.col(k).equalTo(seenTwice.col(DUPLICATE + "_" + k)));
        }
        Dataset<Row> joined = text.join(broadcast(seenTwice), sameKey, "left");
        for (String k : keys) {
            joined = joined.drop(seenTwice.col(DUPLICATE + "_" + k));
        }
        return joined;
    }

    private static org.apache.spark.sql.Column t(String column) {
        return col(typed(column));
    }

    private static Finding finding(org.apache.spark.sql.Column broken, RowRule rule, String column) {
        return new Finding(broken, rule, column);
    }

    private static Object[] sorted(Set<String> values) {
        return new TreeSet<>(values).toArray();
    }
}
