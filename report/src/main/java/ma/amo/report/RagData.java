package ma.amo.report;

import ma.amo.common.BronzeTables;
import ma.amo.marts.GoldMart;
import ma.amo.marts.GoldMarts;
import ma.amo.transforms.BuildState;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.Deliveries;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.col;

/**
 * The gold rows a RAG of year Y needs (year Y, and every year up to Y for the evolution), read at the exact
 * table versions a build recorded in its bookmark: the last build, or the one current at {@code asOf} (a
 * version of silver._build_state, or a timestamp). Reading recorded versions, never "latest", is what makes
 * a report reproducible after later corrections.
 */
public final class RagData {
    private final int year;
    private final Map<String, List<Row>> rows = new LinkedHashMap<>();
    private final Map<String, Long> versions = new TreeMap<>();
    private final long stateVersion;
    private final List<String> deliveries;

    public RagData(DeltaIO io, int year, String asOf) {
        this.year = year;
        if (!io.exists(SilverTables.BUILD_STATE)) {
            throw new IllegalStateException("no build found in " + io.warehouse().location() + ": run amo build first");
        }
        Map<String, Long> state;
        if (asOf == null) {
            state = BuildState.read(io);
            stateVersion = io.version(SilverTables.BUILD_STATE);
        } else if (asOf.matches("\\d+")) {
            stateVersion = Long.parseLong(asOf);
            state = BuildState.readVersion(io, stateVersion);
        } else {
            state = BuildState.readTimestamp(io, asOf);
            stateVersion = versionAt(io, asOf);
        }
        for (GoldMart mart : GoldMarts.ALL) {
            Long v = state.get(mart.table());
            if (v == null) {
                rows.put(mart.table(), List.of());
                continue;
            }
            versions.put(mart.table(), v);
            Dataset<Row> d = io.readVersion(mart.table(), v);
            d = mart == GoldMarts.EVOLUTION ? d.filter(col("year").leq(year)) : d.filter(col("year").equalTo(year));
            rows.put(mart.table(), d.collectAsList());
        }
        Long ledger = state.get(BronzeTables.DELIVERIES);
        versions.put(BronzeTables.DELIVERIES, ledger);
        deliveries = Deliveries.current(io.readVersion(BronzeTables.DELIVERIES, ledger))
                .orderBy(BronzeTables.DELIVERY_ID).collectAsList().stream().map(r -> r.getString(0)).toList();
        state.forEach((t, v) -> {
            if (t.startsWith("silver.")) {
                versions.put(t, v);
            }
        });
    }

    private static long versionAt(DeltaIO io, String timestamp) {
        Row r = io.spark().sql("DESCRIBE HISTORY delta.`" + io.warehouse().tableUri(SilverTables.BUILD_STATE) + "`")
                .filter(col("timestamp").leq(org.apache.spark.sql.functions.to_timestamp(
                        org.apache.spark.sql.functions.lit(timestamp))))
                .orderBy(col("version").desc()).select("version").head();
        return r.getLong(0);
    }

    public int year() {
        return year;
    }

    public List<Row> rows(GoldMart mart) {
        return rows.get(mart.table());
    }

    /** Delta version of every table the report read (gold, and the silver/bronze state behind it). */
    public Map<String, Long> versions() {
        return versions;
    }

    public long rowCount(GoldMart mart) {
        return rows.get(mart.table()).size();
    }

    /** Version of silver._build_state the report was built from. */
    public long stateVersion() {
        return stateVersion;
    }

    /** Current deliveries (LOADED, not replaced) in the ledger version the build consumed. */
    public List<String> deliveries() {
        return deliveries;
    }
}
