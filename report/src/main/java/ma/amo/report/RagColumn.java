package ma.amo.report;

/** One column of a RAG table: its CSV name, its French label, and how its values are written. */
public record RagColumn(String name, String label, Kind kind) {
    public enum Kind {
        /** Breakdown codes. */
        TEXT,
        /** A year, written as is. */
        YEAR,
        /** Person or line counts. */
        COUNT,
        /** Dirhams, 2 decimals. */
        AMOUNT,
        /** Ratios, shares, rates and person-years, 6 decimals. */
        RATIO
    }

    public boolean isPercent() {
        return kind == Kind.RATIO && (name.endsWith("_rate") || name.endsWith("_share") || name.startsWith("share_")
                || name.endsWith("_growth"));
    }
}
