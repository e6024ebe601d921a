package ma.amo.common.contract;

/** The value types of the contract's columns, and how each is stored in bronze. */
public enum ColumnType {
    /** Free text or a code. */
    STRING,
    /** {@code YYYY-MM-DD}, stored as a Spark DATE. */
    DATE,
    /** {@code YYYY-MM}, stored as its text. */
    MONTH,
    /** Whole number, stored as INT. */
    INTEGER,
    /** Amount in dirhams with at most 2 decimals, stored as DECIMAL(18,2). */
    DECIMAL
}
