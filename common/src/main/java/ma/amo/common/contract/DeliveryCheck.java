package ma.amo.common.contract;

/**
 * Reasons a whole delivery is rejected: nothing of it enters the warehouse. Recorded in
 * bronze.deliveries.reason as "CODE: human readable detail".
 */
public enum DeliveryCheck {
    /** A data file with no {@code <file>.manifest.json} beside it. */
    MANIFEST_MISSING,
    /** The manifest is not a JSON object, lacks a required key, or a key has the wrong type or value. */
    MANIFEST_INVALID,
    /** A manifest whose data file is absent. */
    DATA_FILE_MISSING,
    /** og_code not in reference/managing_bodies.csv. */
    UNKNOWN_OG,
    /** feed not one of the contract's five. */
    UNKNOWN_FEED,
    /** period not YYYY / YYYY-MM, or a month period for a yearly feed. */
    BAD_PERIOD,
    /** format other than csv or parquet, or a schema_version other than 1. */
    UNSUPPORTED_FORMAT,
    /** The data file's SHA-256 differs from the manifest's. */
    SHA256_MISMATCH,
    /** The number of data rows differs from the manifest's row_count. */
    ROW_COUNT_MISMATCH,
    /** A control total differs from the file's sum by more than 0.005. */
    CONTROL_TOTAL_MISMATCH,
    /** A contract column is absent from the header. */
    MISSING_COLUMN,
    /** The header has a column the contract does not know (schema drift must be a decision). */
    UNKNOWN_COLUMN,
    /** The header names a column twice. */
    DUPLICATE_COLUMN,
    /** The file cannot be read as the declared format (not UTF-8, binary, empty, broken Parquet). */
    UNREADABLE_FILE,
    /** The same (og_code, feed, period, sequence) was already loaded with other bytes. */
    SEQUENCE_CONFLICT
}
