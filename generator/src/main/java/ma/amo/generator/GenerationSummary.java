package ma.amo.generator;

import java.time.Duration;
import java.util.Map;

/**
 * What a run wrote.
 *
 * @param rowsByFeed         data rows per feed code over every clean delivery (bad rows planted by
 *                           {@code --anomalies} included, bad deliveries under anomalies/ excluded)
 * @param files              files written (data files, manifests, .anomalies.json)
 * @param bytes              bytes written
 * @param elapsed            wall-clock time
 * @param deliveries         clean deliveries (data file + manifest pairs outside anomalies/)
 * @param rowAnomalies       bad rows planted inside clean deliveries
 * @param deliveryAnomalies  bad deliveries written under anomalies/
 * @param reimbursedByRegime amount_reimbursed (MAD cents) of claim lines paid in the generated years, by regime
 *                           (first payment of each line, corrections not counted): a quick calibration read-out
 */
public record GenerationSummary(Map<String, Long> rowsByFeed, long files, long bytes, Duration elapsed,
                                long deliveries, long rowAnomalies, long deliveryAnomalies,
                                Map<String, Long> reimbursedByRegime) {

    public long totalRows() {
        return rowsByFeed.values().stream().mapToLong(Long::longValue).sum();
    }
}
