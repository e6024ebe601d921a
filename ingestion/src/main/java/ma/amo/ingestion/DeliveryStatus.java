package ma.amo.ingestion;

/** The outcome of a delivery, as recorded in bronze.deliveries.status. */
public enum DeliveryStatus {
    /** Accepted: clean rows in bronze, the others in quarantine. */
    LOADED,
    /** Failed a delivery check: nothing of it was loaded. */
    REJECTED,
    /** Same bytes as a delivery already loaded (from another path): a no-op. */
    DUPLICATE
}
