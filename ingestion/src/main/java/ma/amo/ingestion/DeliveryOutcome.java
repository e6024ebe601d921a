package ma.amo.ingestion;

/**
 * What happened to one candidate delivery in this run. {@code newlyRecorded} is false when the ledger already
 * had it (the same file ingested again), in which case nothing was written.
 */
public record DeliveryOutcome(String deliveryId, String file, String ogCode, String feed, String period,
                              Integer sequence, DeliveryStatus status, long rowsLoaded, long rowsQuarantined,
                              String reason, boolean newlyRecorded) {

    static DeliveryOutcome of(LedgerEntry e, boolean newlyRecorded) {
        return new DeliveryOutcome(e.deliveryId(), e.sourceFile(), e.ogCode(), e.feed(), e.period(), e.sequence(),
                e.status(), e.rowsLoaded(), e.rowsQuarantined(), e.reason(), newlyRecorded);
    }
}
