package ma.amo.common.contract;

/**
 * Stable quarantine reason codes: a row breaking one of these is quarantined, the rest of its delivery
 * loads. A row carries every code it breaks.
 */
public enum RowRule {
    /** The line does not split into the header's number of fields (unbalanced quotes, extra separators). */
    MALFORMED_ROW,
    /** A required value is empty (including insured_status for an ASSURE). */
    MISSING_REQUIRED,
    /** Not a real date or month (2024-02-30, 31/12/2024), or a birth date before 1900-01-01. */
    BAD_DATE,
    /** Not a number in the contract's format (1 234,50, NaN, more than 2 decimals, not a whole number). */
    BAD_NUMBER,
    /** An amount below zero. */
    NEGATIVE_AMOUNT,
    /** A whole number out of its range (line_no below 1, insured_count below 0). */
    OUT_OF_RANGE,
    /** A value outside its closed list or reference code list. */
    UNKNOWN_CODE,
    /** regime_code not in reference/regimes.csv. */
    UNKNOWN_REGIME,
    /** The regime exists but the delivering managing body did not manage it on the row's date. */
    REGIME_NOT_MANAGED,
    /** og_code differs from the manifest's. */
    OG_MISMATCH,
    /** The row falls outside the delivery's period where the contract ties them. */
    PERIOD_MISMATCH,
    /** Dates in the wrong order (end before start, settlement before care, birth after coverage start). */
    DATE_ORDER,
    /** amount_reimbursed above amount_claimed. */
    REIMBURSED_GT_CLAIMED,
    /** Another row of the same delivery has the same key: every such row is quarantined. */
    DUPLICATE_KEY
}
