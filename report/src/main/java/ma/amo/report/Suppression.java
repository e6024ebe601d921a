package ma.amo.report;

/**
 * Why a published count is empty, if it is: not at all, because it is a small cell (primary suppression), or
 * because it would let a small cell be recovered from a published total (secondary suppression).
 */
public enum Suppression {
    NONE("false", ""),
    PRIMARY("primary", "secret primaire"),
    SECONDARY("secondary", "secret secondaire");

    private final String csv;
    private final String label;

    Suppression(String csv, String label) {
        this.csv = csv;
        this.label = label;
    }

    /** The value of the CSV's {@code suppressed} column: false, primary or secondary. */
    public String csv() {
        return csv;
    }

    /** The French mark of the Excel and HTML "Secret statistique" column (empty when not suppressed). */
    public String label() {
        return label;
    }

    public boolean suppressed() {
        return this != NONE;
    }
}
