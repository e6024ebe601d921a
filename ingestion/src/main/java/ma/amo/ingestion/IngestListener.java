package ma.amo.ingestion;

/** Progress of an ingest run, for the command line's progress lines. */
public interface IngestListener {
    IngestListener SILENT = new IngestListener() {
    };

    default void started(int candidates) {
    }

    default void deliveryStarted(int index, int total, String file) {
    }

    default void deliveryFinished(int index, int total, DeliveryOutcome outcome) {
    }
}
