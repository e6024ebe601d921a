package ma.amo.marts;

import ma.amo.transforms.ClaimChanges;
import ma.amo.transforms.DeltaIO;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * Per regime, the paid claim lines of a year, their distinct consumers (og_code, beneficiary_id) and distinct
 * claims (og_code, claim_id): the consumption mart's counts. A full count aggregates ~2 M distinct values over
 * every paid line of the year (scale 0.1: 8.8 M lines, 14-15 s on 2 cores; 140 s at national scale), which a
 * monthly build paid for every year a delivery touched, whatever it changed. So an incremental build updates
 * the counts the last finished build stored instead, by difference: only the consumers and claims of the
 * changed lines ({@link ClaimChanges}) can enter or leave, and whether one of them has a paid line of the year
 * now is read from the year's lines with those few units broadcast (no shuffle of the year). "Before" is the
 * mart at the bookmark's version, not the stored rows, so a rerun after a build killed once it had written the
 * mart ends with the same counts.
 */
final class PaidCounts {
    /**
     * Above this many changed consumers or claims in a year (broadcast to every task), the year is counted: a
     * delivery that changes that much of it is no longer small beside it, and a million units is about the
     * largest broadcast the platform makes elsewhere (the national year's ALD patients, gold.spending).
     */
    static final long MAX_CHANGED_UNITS = 1_000_000;

    private final Map<Integer, List<Row>> lastBuilt;
    private final ClaimChanges changes;
    private final StructType schema;

    PaidCounts(Map<Integer, List<Row>> lastBuilt, StructType schema,
                       ClaimChanges changes) {
        this.lastBuilt = lastBuilt;
        this.schema = schema;
        this.changes = changes;
    }

    /** Every year counted (full builds, or no mart stored at the last finished build). */
    static PaidCounts counting() {
        return new PaidCounts(Map.of(), null, null);
    }

    /**
     * Updated from the consumption mart as the last finished build left it ({@code version}, from its bookmark;
     * null when there was none): the years it has rows for.
     */
    static PaidCounts since(DeltaIO io, Long version, ClaimChanges changes) {
        if (version == null || changes == null) {
            return counting();
        }
        Dataset<Row> stored = io.readVersion(GoldMarts.CONSUMPTION.table(), version)
                .select("year", "regime_code", "claim_lines", "consumers", "claims");
        List<Row> rows;
        try {
            rows = stored.collectAsList();
        } catch (Exception e) { // vacuumed after a killed build wrote the mart: count, as a full build would
            if (!DeltaIO.refusedByDelta(e)) {
                throw e;
            }
            return counting();
        }
        Map<Integer, List<Row>> byYear = new HashMap<>();
        for (Row r : rows) {
            byYear.computeIfAbsent(r.getInt(0), y -> new ArrayList<>()).add(r);
        }
        return new PaidCounts(byYear, stored.schema(), changes);
    }

    /** Columns regime_code, claim_lines, consumers, claims: one row per regime with a paid line in the year. */
    Dataset<Row> of(int year, Dataset<Row> paidLines) {
        List<Row> previous = lastBuilt.get(year);
        if (previous == null) {
            return full(paidLines);
        }
        Dataset<Row> stored = paidLines.sparkSession().createDataFrame(previous, schema).drop("year");
        if (!changes.any()) {
            return stored;
        }
        Column paidInYear = col("status").equalTo("PAYE").and(col("settlement_year").equalTo(year));
        Dataset<Row> before = changes.before().filter(paidInYear);
        Dataset<Row> after = changes.after().filter(paidInYear);
        Dataset<Row> consumers = units(before, after, "beneficiary_id");
        Dataset<Row> claims = units(before, after, "claim_id");
        if (consumers.count() > MAX_CHANGED_UNITS || claims.count() > MAX_CHANGED_UNITS) {
            return full(paidLines);
        }
        return update(stored, paidLines, before, after, consumers, claims);
    }

    /** The full count. */
    static Dataset<Row> full(Dataset<Row> paidLines) {
        return paidLines.groupBy("regime_code").agg(
                count(lit(1)).as("claim_lines"),
                count_distinct(col("og_code"), col("beneficiary_id")).as("consumers"),
                count_distinct(col("og_code"), col("claim_id")).as("claims"));
    }

    /**
     * The counts {@code stored} had, updated to {@code paidLines} (the year's paid lines now), where the lines
     * that differ are {@code before} (as the stored counts saw them) and {@code after} (as they are now), both
     * restricted to the year's paid lines: the counts a full count of {@code paidLines} gives.
     */
    static Dataset<Row> update(Dataset<Row> stored, Dataset<Row> paidLines, Dataset<Row> before, Dataset<Row> after) {
        return update(stored, paidLines, before, after, units(before, after, "beneficiary_id"),
                units(before, after, "claim_id"));
    }

    private static Dataset<Row> update(Dataset<Row> stored, Dataset<Row> paidLines, Dataset<Row> before,
                                       Dataset<Row> after, Dataset<Row> consumers, Dataset<Row> claims) {
        Dataset<Row> lines = after.groupBy("regime_code").agg(count(lit(1)).as("_n"))
                .join(before.groupBy("regime_code").agg(count(lit(1)).as("_m")), new String[] {"regime_code"}, "full")
                .select(col("regime_code"), coalesce(col("_n"), lit(0L)).minus(coalesce(col("_m"), lit(0L))).as("_lines"));
        String[] on = {"regime_code"};
        return stored.join(lines, on, "full")
                .join(difference(consumers, paidLines, "beneficiary_id").withColumnRenamed("_delta", "_consumers"), on, "full")
                .join(difference(claims, paidLines, "claim_id").withColumnRenamed("_delta", "_claims"), on, "full")
                .select(col("regime_code"), plus("claim_lines", "_lines"), plus("consumers", "_consumers"),
                        plus("claims", "_claims"))
                .filter(col("claim_lines").gt(0));
    }

    private static Column plus(String stored, String delta) {
        return coalesce(col(stored), lit(0L)).plus(coalesce(col(delta), lit(0L))).as(stored);
    }

    /**
     * The units (regime_code, og_code, {@code id}) of the changed lines, with their changed lines' count before
     * ({@code _before}) and after ({@code _after}); lines without the id count for no unit, as in count_distinct.
     */
    private static Dataset<Row> units(Dataset<Row> before, Dataset<Row> after, String id) {
        String[] unit = {"regime_code", "og_code", id};
        return perUnit(before, unit, "_before").join(perUnit(after, unit, "_after"), unit, "full")
                .select(col("regime_code"), col("og_code"), col(id),
                        coalesce(col("_before"), lit(0L)).as("_before"), coalesce(col("_after"), lit(0L)).as("_after"))
                .localCheckpoint();
    }

    private static Dataset<Row> perUnit(Dataset<Row> lines, String[] unit, String name) {
        Column known = col(unit[0]).isNotNull().and(col(unit[1]).isNotNull()).and(col(unit[2]).isNotNull());
        return lines.filter(known).groupBy(unit[0], unit[1], unit[2]).agg(count(lit(1)).as(name));
    }

    /**
     * Per regime, units now counted less units counted before. A unit counts now when it has a paid line of the
     * year ({@code _now}, read from the year's lines); before, when it had one among the lines that did not
     * change ({@code _now - _after}) or among its changed lines' old rows ({@code _before}).
     */
    private static Dataset<Row> difference(Dataset<Row> units, Dataset<Row> paidLines, String id) {
        String[] unit = {"regime_code", "og_code", id};
        Dataset<Row> now = paidLines.select(unit[0], unit[1], unit[2])
                .join(broadcast(units.select(unit[0], unit[1], unit[2])), unit, "left_semi")
                .groupBy(unit[0], unit[1], unit[2]).agg(count(lit(1)).as("_now"));
        Column nowCount = coalesce(col("_now"), lit(0L));
        Column counted = when(nowCount.gt(0), 1L).otherwise(0L);
        Column countedBefore = when(nowCount.minus(col("_after")).gt(0).or(col("_before").gt(0)), 1L).otherwise(0L);
        return units.join(now, unit, "left").groupBy("regime_code")
                .agg(sum(counted.minus(countedBefore)).as("_delta"));
    }
}
