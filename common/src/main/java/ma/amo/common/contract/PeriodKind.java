package ma.amo.common.contract;

/** Which manifest periods a feed accepts. */
public enum PeriodKind {
    /** {@code YYYY} only. */
    YEAR,
    /** {@code YYYY} or {@code YYYY-MM}. */
    YEAR_OR_MONTH
}
