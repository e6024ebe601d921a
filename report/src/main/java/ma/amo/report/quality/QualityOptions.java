package ma.amo.report.quality;

import java.math.BigDecimal;
import java.nio.file.Path;

/**
 * Options of {@code amo quality}.
 *
 * @param year               null for every year present; else only the periods, findings and months of that year
 * @param out                output folder (created when absent)
 * @param landing            null, or the landing folder the deliveries were ingested from: its manifests give the
 *                           amount control totals (bronze.deliveries does not record them)
 * @param maxQuarantineShare percent: a current delivery with more of its rows in quarantine is blocking
 * @param jumpThreshold      percent: a month-over-month change of paid claim lines or amounts beyond it is a warning
 */
public record QualityOptions(Integer year, Path out, Path landing, BigDecimal maxQuarantineShare,
                             BigDecimal jumpThreshold) {
    public static final BigDecimal DEFAULT_MAX_QUARANTINE_SHARE = new BigDecimal("5");
    public static final BigDecimal DEFAULT_JUMP_THRESHOLD = new BigDecimal("50");

    public QualityOptions {
        if (maxQuarantineShare.signum() < 0 || maxQuarantineShare.compareTo(new BigDecimal("100")) > 0) {
            throw new IllegalArgumentException("--max-quarantine-share is a percentage from 0 to 100, got "
                    + maxQuarantineShare.toPlainString());
        }
        if (jumpThreshold.signum() < 0) {
            throw new IllegalArgumentException("--jump-threshold is a percentage of 0 or more, got "
                    + jumpThreshold.toPlainString());
        }
    }

    /** Every year, no landing folder, default thresholds. */
    public static QualityOptions of(Integer year, Path out) {
        return new QualityOptions(year, out, null, DEFAULT_MAX_QUARANTINE_SHARE, DEFAULT_JUMP_THRESHOLD);
    }

    /** True when a year is reported (every year when no --year was given). */
    boolean covers(int y) {
        return year == null || year == y;
    }

    /** True when a delivery period (YYYY or YYYY-MM) is reported. */
    boolean coversPeriod(String period) {
        return year == null || period != null && period.startsWith(year + "");
    }
}
