package ma.amo.ingestion;

import java.time.Duration;
import java.util.List;

/** The result of one ingest run: one outcome per candidate delivery, in processing order. */
public record IngestReport(List<DeliveryOutcome> outcomes, Duration elapsed) {

    public long count(DeliveryStatus status) {
        return outcomes.stream().filter(o -> o.status() == status && o.newlyRecorded()).count();
    }

    public long alreadyIngested() {
        return outcomes.stream().filter(o -> !o.newlyRecorded()).count();
    }

    public long rowsLoaded() {
        return outcomes.stream().filter(DeliveryOutcome::newlyRecorded).mapToLong(DeliveryOutcome::rowsLoaded).sum();
    }

    public long rowsQuarantined() {
        return outcomes.stream().filter(DeliveryOutcome::newlyRecorded).mapToLong(DeliveryOutcome::rowsQuarantined).sum();
    }

    /** True when some delivery of this run was rejected (exit code 2). */
    public boolean anyRejected() {
        return outcomes.stream().anyMatch(o -> o.status() == DeliveryStatus.REJECTED);
    }
}
