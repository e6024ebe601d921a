package ma.amo.report.quality;

import ma.amo.common.BronzeTables;
import ma.amo.ingestion.DeliveryStatus;
import ma.amo.ingestion.LedgerEntry;
import ma.amo.transforms.BuildState;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the quality report reads, each table at one Delta version recorded for the manifest. Bronze (the
 * deliveries, their rows, quarantine) is read as it is now: the blocking rules judge what was delivered, so
 * they can run right after {@code amo ingest}. Silver and gold are read at the versions the last build recorded
 * in silver._build_state, like the RAG, so the warnings describe what a report would publish.
 */
final class QualityInputs {
    private final DeltaIO io;
    private final Map<String, Long> versions = new TreeMap<>();
    private final Map<String, Long> buildState;
    private final Long stateVersion;
    private final List<LedgerEntry> ledger;

    QualityInputs(DeltaIO io) {
        this.io = io;
        if (!io.exists(BronzeTables.DELIVERIES)) {
            throw new IllegalStateException("the warehouse " + io.warehouse().location()
                    + " has no deliveries: run 'amo ingest' first");
        }
        this.ledger = bronze(BronzeTables.DELIVERIES).orElseThrow().collectAsList().stream()
                .map(LedgerEntry::fromRow).sorted(Comparator.comparing(LedgerEntry::deliveryId)).toList();
        if (io.exists(SilverTables.BUILD_STATE)) {
            buildState = BuildState.read(io);
            stateVersion = io.version(SilverTables.BUILD_STATE);
        } else {
            buildState = Map.of();
            stateVersion = null;
        }
    }

    /** A bronze table at its current version (recorded), or empty when it was never written. */
    Optional<Dataset<Row>> bronze(String table) {
        if (!io.exists(table)) {
            return Optional.empty();
        }
        long v = versions.computeIfAbsent(table, io::version);
        return Optional.of(io.readVersion(table, v));
    }

    /** A silver or gold table at the version of the last build (recorded), or empty without a build. */
    Optional<Dataset<Row>> built(String table) {
        Long v = buildState.get(table);
        if (v == null) {
            return Optional.empty();
        }
        versions.put(table, v);
        return Optional.of(io.readVersion(table, v));
    }

    /** Every row of bronze.deliveries, by delivery id. */
    List<LedgerEntry> ledger() {
        return ledger;
    }

    /** Deliveries whose rows count (LOADED, not replaced), by delivery id. */
    List<LedgerEntry> current() {
        return ledger.stream().filter(e -> e.status() == DeliveryStatus.LOADED && e.replacedBy() == null).toList();
    }

    /** Version of silver._build_state read, or null when the warehouse was never built. */
    Long stateVersion() {
        return stateVersion;
    }

    /** The ledger version the last build consumed, or null without a build. */
    Long ledgerVersionOfBuild() {
        return buildState.get(BronzeTables.DELIVERIES);
    }

    /** Delta version of every table read so far. */
    Map<String, Long> versions() {
        return versions;
    }
}
