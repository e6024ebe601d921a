package ma.amo.ingestion;

import ma.amo.common.DeltaCommits;
import ma.amo.common.HadoopFiles;
import ma.amo.common.Warehouse;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A delivery's append to a warehouse table that lands once, however many times a crashed ingest is rerun.
 *
 * <p>Before appending, the delivery records its intent: the table's version at that moment, in a small file of the
 * warehouse ({@code _ingest/appends/<delivery id>/<table>}). The append's commit carries the write's id in its
 * {@code userMetadata}. A rerun that finds the intent reads the table's commits after the recorded version (a few
 * small log files) and, when one carries the id, does not append again: it takes the rows that commit wrote. The
 * intents of a delivery go once the ledger holds its row; until then a crash can always be finished.
 *
 * <p>Why not Delta's own idempotent writes ({@code txnAppId}): Delta 4.4 looks the id up in the table's full state,
 * a Spark job over the table's log at every append (it does not read the ids it keeps in the checksum file). On 56
 * small deliveries that lookup was most of the 114 state rebuilds of an ingest; without it, 15 (README, #7).
 */
final class IdempotentAppend {
    private static final String FOLDER = "_ingest/appends";

    private final SparkSession spark;
    private final Warehouse warehouse;

    IdempotentAppend(SparkSession spark, Warehouse warehouse) {
        this.spark = spark;
        this.warehouse = warehouse;
    }

    /**
     * Appends the rows to the table, unless an earlier run's append of this delivery to this table landed. Returns
     * the rows the landed append wrote, from its commit; empty when no commit tells (Delta's history metrics
     * switched off, or no commit at all: Delta records none for an append of no row, as for a delivery whose rows
     * all went to quarantine), and the caller then counts them in the table.
     */
    OptionalLong append(Dataset<Row> rows, String table, String deliveryId) {
        String uri = warehouse.tableUri(table);
        String mark = mark(table, deliveryId);
        Path intent = intent(deliveryId, table);
        Optional<Long> earlier = readIntent(intent);
        if (earlier.isPresent()) {
            Optional<DeltaCommits.Commit> landed = DeltaCommits.marked(spark, uri, earlier.get(), mark);
            if (landed.isPresent()) {
                return DeltaCommits.rowsWritten(landed.get());
            }
        }
        // An intent left by a crash before its append keeps its version: the search above then covers every
        // attempt's commits, this one's included, should it crash too.
        long before = earlier.orElseGet(() -> intend(table, deliveryId));
        rows.write().format("delta").mode("append").option("userMetadata", mark).save(uri);
        return DeltaCommits.marked(spark, uri, before, mark).map(DeltaCommits::rowsWritten).orElse(OptionalLong.empty());
    }

    /** Records the intent to append a delivery to a table, with the table's version now; returns that version. */
    long intend(String table, String deliveryId) {
        long version = DeltaCommits.seenVersion(spark, warehouse.tableUri(table));
        try {
            HadoopFiles.replace(intent(deliveryId, table), Long.toString(version).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the load of " + deliveryId + " into " + table, e);
        }
        return version;
    }

    /** Drops the intents of deliveries the ledger now holds: their appends are settled. */
    void forget(Collection<String> deliveryIds) {
        FileSystem fs = warehouse.fileSystem();
        for (String id : deliveryIds) {
            delete(fs, new Path(folder(), id));
        }
    }

    /** Drops what a run that died after its ledger commit left: the intents of deliveries in the ledger. */
    void forgetAllOf(Set<String> recordedDeliveryIds) {
        FileSystem fs = warehouse.fileSystem();
        for (FileStatus delivery : HadoopFiles.list(fs, folder())) {
            if (recordedDeliveryIds.contains(delivery.getPath().getName())) {
                delete(fs, delivery.getPath());
            }
        }
    }

    /** The id a delivery's append to a table carries in its commit. */
    private static String mark(String table, String deliveryId) {
        return table + "-" + deliveryId;
    }

    private Path folder() {
        return warehouse.child(FOLDER);
    }

    private Path intent(String deliveryId, String table) {
        return new Path(new Path(folder(), deliveryId), table);
    }

    private Optional<Long> readIntent(Path intent) {
        FileSystem fs = warehouse.fileSystem();
        try {
            if (!fs.exists(intent)) {
                return Optional.empty();
            }
            try (FSDataInputStream in = fs.open(intent)) {
                return Optional.of(Long.parseLong(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + intent, e);
        }
    }

    private static void delete(FileSystem fs, Path path) {
        try {
            fs.delete(path, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
