package ma.amo.ingestion;

import ma.amo.common.contract.Feed;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * A delivery's sidecar manifest, validated against the contract.
 *
 * @param controlTotals per amount column, the OG's sum over the file
 */
public record Manifest(String ogCode, Feed feed, String period, int sequence, String format, int schemaVersion,
                       long rowCount, String sha256, Map<String, BigDecimal> controlTotals, String producedAt) {

    public boolean monthly() {
        return period.length() == 7;
    }

    public int year() {
        return Integer.parseInt(period.substring(0, 4));
    }

    /** First day covered by the period. */
    public LocalDate periodStart() {
        return monthly() ? LocalDate.parse(period + "-01") : LocalDate.of(year(), 1, 1);
    }

    /** Last day covered by the period. */
    public LocalDate periodEnd() {
        LocalDate start = periodStart();
        return monthly() ? start.plusMonths(1).minusDays(1) : LocalDate.of(year(), 12, 31);
    }
}
