package ma.amo.report.quality;

/**
 * How serious a finding is. A blocking finding makes {@code amo quality} exit with 2 so a scheduler stops the
 * publication; a warning is reported only. The codes are the values of the {@code severity} column.
 */
public enum Severity {
    BLOCKING("BLOQUANT"),
    WARNING("AVERTISSEMENT");

    private final String code;

    Severity(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
