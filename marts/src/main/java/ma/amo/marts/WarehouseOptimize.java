package ma.amo.marts;

import ma.amo.common.CrashPoint;
import ma.amo.common.Warehouse;
import ma.amo.transforms.BuildState;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Compacts the silver and gold tables with Delta's OPTIMIZE: in each partition, small files are rewritten into
 * fewer, and files whose deletion vectors hide many rows (the claims MERGE of every monthly build leaves some)
 * are rewritten without them. The rows do not change; each table that had something to compact gets one commit.
 *
 * <p>The build's bookmark records the version of every silver and gold table; a table ahead of it means a build
 * was interrupted after writing it, which the next build finishes by reading that table at the bookmark's
 * version. So OPTIMIZE runs only on a warehouse whose tables are at its bookmark (otherwise: "run amo build
 * first"), and the bookmark is then rewritten with the new versions, same data. If the command dies between an
 * OPTIMIZE and that rewrite, the next build sees a table ahead of the bookmark and reads its "before" side at
 * the bookmark's version, which holds the same rows: its result is right, and it writes the bookmark again.
 * Bronze is left alone: it is read by delivery, and its versions in the bookmark say what the build consumed.
 * The caller holds the warehouse lock.
 */
public final class WarehouseOptimize {
    /** What OPTIMIZE did to one table. */
    public record TableResult(String table, long filesRemoved, long filesAdded, long bytesRemoved, long bytesAdded) {
        public boolean changed() {
            return filesRemoved > 0 || filesAdded > 0;
        }
    }

    private final DeltaIO io;

    public WarehouseOptimize(SparkSession spark, Warehouse warehouse) {
        this.io = new DeltaIO(spark, warehouse);
    }

    public List<TableResult> run(Consumer<String> progress) {
        Map<String, Long> bookmark = BuildState.read(io);
        if (bookmark.isEmpty()) {
            throw new IllegalStateException("no build found in " + io.warehouse().location() + ": run amo build first");
        }
        List<String> tables = tables();
        List<String> ahead = tables.stream().filter(t -> !Objects.equals(bookmark.get(t), io.version(t))).toList();
        if (!ahead.isEmpty()) {
            throw new IllegalStateException("a build was interrupted after writing " + String.join(", ", ahead)
                    + ": run amo build first (it finishes that build), then amo optimize");
        }
        Map<String, Long> state = new LinkedHashMap<>(bookmark);
        List<TableResult> results = new ArrayList<>();
        for (String table : tables) {
            TableResult result = optimize(table);
            results.add(result);
            state.put(table, io.version(table));
            progress.accept(table + ": " + result.filesRemoved() + " files rewritten into " + result.filesAdded());
            CrashPoint.reach("optimize.table-done");
        }
        if (!state.equals(bookmark)) {
            long version = BuildState.write(io, state);
            progress.accept("build state version " + version + " (the same data, at the compacted versions)");
        }
        return results;
    }

    /** Silver and gold tables present, but the bookmark itself (one small file rewritten by every build). */
    private List<String> tables() {
        return io.warehouse().tables().stream()
                .filter(t -> t.startsWith("silver.") || t.startsWith("gold."))
                .filter(t -> !t.equals(SilverTables.BUILD_STATE))
                .toList();
    }

    private TableResult optimize(String table) {
        Row metrics = io.spark().sql("OPTIMIZE delta.`" + io.warehouse().tableUri(table).replace("`", "``") + "`")
                .first().getStruct(1);
        Row added = metrics.getAs("filesAdded");
        Row removed = metrics.getAs("filesRemoved");
        return new TableResult(table, metrics.<Long>getAs("numFilesRemoved"), metrics.<Long>getAs("numFilesAdded"),
                removed.<Long>getAs("totalSize"), added.<Long>getAs("totalSize"));
    }
}
