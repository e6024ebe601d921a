package ma.amo.transforms;

import ma.amo.common.BronzeTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.year;

/**
 * Data-quality findings that need more than one feed or the ledger, so they cannot be quarantine reasons
 * (feeds arrive at different times). Every finding has the same shape: code, where (og, feed, regime, year),
 * which record, and a readable detail.
 */
public final class QualityFindings {
    public static final String CLAIM_UNKNOWN_BENEFICIARY = "CLAIM_UNKNOWN_BENEFICIARY";
    public static final String CLAIM_OUTSIDE_COVERAGE = "CLAIM_OUTSIDE_COVERAGE";
    public static final String ALD_UNKNOWN_BENEFICIARY = "ALD_UNKNOWN_BENEFICIARY";
    public static final String CONTROL_TOTAL_DIFFERENCE = "CONTROL_TOTAL_DIFFERENCE";
    public static final String QUARANTINED_ROWS = "QUARANTINED_ROWS";
    public static final String MISSING_MONTHLY_DELIVERY = "MISSING_MONTHLY_DELIVERY";

    /**
     * Uncovered visits up to which they are broadcast to the claim lines (about 100 bytes each); beyond, say
     * when a beneficiaries snapshot is missing, the join is left to Spark's planner, whose size threshold
     * (10 MB by default) then makes it a shuffle join.
     */
    static final long BROADCAST_VISITS = 1_000_000;

    private QualityFindings() {
    }

    private static Dataset<Row> finding(Dataset<Row> rows, String code, Column feed, Column regime, Column yearCol,
                                        Column recordKey, Column detail) {
        return finding(rows, lit(code), feed, regime, yearCol, recordKey, detail);
    }

    private static Dataset<Row> finding(Dataset<Row> rows, Column code, Column feed, Column regime, Column yearCol,
                                        Column recordKey, Column detail) {
        return rows.select(code.as("finding_code"), col("og_code"), feed.as("feed"),
                regime.cast("string").as("regime_code"), yearCol.cast("int").as("year"),
                recordKey.cast("string").as("record_key"), detail.cast("string").as("detail"));
    }

    /** The record_key of a finding on a claim line: claim_id/line_no (with og_code beside it). */
    public static Column claimRecordKey() {
        return concat_ws("/", col("claim_id"), col("line_no"));
    }

    /** Known beneficiaries: every (og_code, beneficiary_id) of any beneficiaries snapshot. */
    private static Dataset<Row> known(Dataset<Row> spells) {
        return spells.select("og_code", "beneficiary_id").distinct();
    }

    /**
     * Claim lines whose beneficiary is in no beneficiaries snapshot (CLAIM_UNKNOWN_BENEFICIARY), and claim lines of
     * a known beneficiary whose care date is in none of that beneficiary's spells, of any snapshot
     * (CLAIM_OUTSIDE_COVERAGE). Coverage depends on the visit (og_code, beneficiary_id, care_date) only, so the
     * visits are checked, not the lines: the visits, moved once by beneficiary, meet the beneficiary's spells (a
     * join and a grouping by visit that the same partitioning serves), and the few uncovered visits are then
     * broadcast to the lines. A line's columns never cross a shuffle. (Grouping the lines themselves after the
     * join shuffled every claim line of the history with seven columns and aggregated it by line.)
     */
    public static Dataset<Row> claimsAgainstSpells(Dataset<Row> claims, Dataset<Row> spells) {
        return claimsAgainstSpells(claims, spells, BROADCAST_VISITS);
    }

    static Dataset<Row> claimsAgainstSpells(Dataset<Row> claims, Dataset<Row> spells, long broadcastVisits) {
        String[] beneficiary = {"og_code", "beneficiary_id"};
        Column[] visit = Columns.of("og_code", "beneficiary_id", "care_date");
        Dataset<Row> s = spells.select(col("og_code"), col("beneficiary_id"), col("coverage_start").as("_start"),
                CoverageSpells.end().as("_end"));
        // materialised: how many there are decides the join below
        Dataset<Row> uncovered = claims.select(visit)
                .repartition(col("og_code"), col("beneficiary_id"))
                .distinct()
                .join(s, beneficiary, "left")
                .groupBy(visit)
                .agg(max(col("_start").isNotNull()).as("_known"),
                        max(coalesce(col("care_date").between(col("_start"), col("_end")), lit(false))).as("_covered"))
                .filter(not(col("_covered")))
                .drop("_covered")
                .localCheckpoint();
        boolean few = uncovered.count() <= broadcastVisits;
        Dataset<Row> checked = claims.select(Columns.of("og_code", "beneficiary_id", "claim_id", "line_no",
                        "regime_code", "care_year", "care_date"))
                .join(few ? broadcast(uncovered) : uncovered, new String[] {"og_code", "beneficiary_id", "care_date"});
        Column known = col("_known");
        return finding(checked, when(known, lit(CLAIM_OUTSIDE_COVERAGE)).otherwise(lit(CLAIM_UNKNOWN_BENEFICIARY)),
                lit("claims"), col("regime_code"), col("care_year"), claimRecordKey(),
                when(known, concat(lit("care on "), col("care_date").cast("string")))
                        .otherwise(concat(lit("beneficiary "), col("beneficiary_id"))));
    }

    /**
     * The spells of the claim lines' beneficiaries, for checking a few lines (a monthly delivery's) against
     * {@link #claimsAgainstSpells}, which gives them the same findings as every spell would: the spells of every
     * snapshot, one more each year, need not all cross the shuffle that meets them with the visits. Found by a
     * broadcast of the lines' beneficiary hashes (8 bytes a line; a hash another beneficiary shares only keeps
     * its spells too). Scale 0.1, a January delivery (686 K lines) against 2.8 M spells: the check took 4.0 s against 7.0.
     */
    public static Dataset<Row> spellsOf(Dataset<Row> spells, Dataset<Row> claimLines) {
        Column hash = xxhash64(col("og_code"), col("beneficiary_id"));
        return spells.withColumn("_beneficiary_hash", hash)
                .join(broadcast(claimLines.select(hash.as("_beneficiary_hash"))), new String[] {"_beneficiary_hash"},
                        "left_semi")
                .drop("_beneficiary_hash");
    }

    public static Dataset<Row> aldOfUnknownBeneficiaries(Dataset<Row> ald, Dataset<Row> spells) {
        return finding(ald.join(known(spells), new String[] {"og_code", "beneficiary_id"}, "left_anti"),
                ALD_UNKNOWN_BENEFICIARY, lit("ald"), col("regime_code"), year(col("start_date")),
                concat_ws("/", col("beneficiary_id"), col("ald_code")), concat(lit("beneficiary "), col("beneficiary_id")));
    }

    /**
     * Current deliveries whose bronze rows do not add up to what the ledger says was loaded (an incomplete
     * load), and deliveries with quarantined rows, whose loaded amounts therefore differ from the control
     * totals the OG computed over the whole file.
     */
    public static Dataset<Row> controlTotals(Dataset<Row> ledger, Dataset<Row> bronzeRowCounts) {
        Dataset<Row> current = ledger.filter(col("status").equalTo(Deliveries.LOADED).and(col("replaced_by").isNull()));
        Dataset<Row> joined = current.join(bronzeRowCounts,
                current.col("delivery_id").equalTo(bronzeRowCounts.col(BronzeTables.DELIVERY_ID)), "left");
        Column inBronze = coalesce(col("bronze_rows"), lit(0L));
        Dataset<Row> counts = finding(joined.filter(inBronze.notEqual(col("rows_loaded"))), CONTROL_TOTAL_DIFFERENCE,
                col("feed"), lit(null), substring(col("period"), 1, 4), col("delivery_id"),
                concat(lit("ledger rows_loaded "), col("rows_loaded").cast("string"), lit(", bronze rows "),
                        inBronze.cast("string")));
        Dataset<Row> quarantined = finding(current.filter(col("rows_quarantined").gt(0)), QUARANTINED_ROWS,
                col("feed"), lit(null), substring(col("period"), 1, 4), col("delivery_id"),
                concat(col("rows_quarantined").cast("string"), lit(" row(s) quarantined: loaded totals differ from control totals")));
        return counts.unionByName(quarantined);
    }

    /**
     * Months with no loaded delivery between the first and the last monthly delivery of each (og, feed) for the
     * monthly feeds; a yearly delivery of the feed covers its twelve months.
     */
    public static Dataset<Row> missingMonths(Dataset<Row> ledger) {
        Dataset<Row> loaded = ledger.filter(col("status").equalTo(Deliveries.LOADED)
                .and(col("feed").isin("claims", "contributions")));
        Dataset<Row> monthly = loaded.filter(length(col("period")).equalTo(7));
        Dataset<Row> expected = monthly.groupBy("og_code", "feed")
                .agg(min("period").as("first"), max("period").as("last"))
                .select(col("og_code"), col("feed"), explode(expr(
                        "sequence(to_date(concat(first, '-01')), to_date(concat(last, '-01')), interval 1 month)"))
                        .as("month_start"))
                .withColumn("period", date_format(col("month_start"), "yyyy-MM"));
        Dataset<Row> delivered = loaded.select("og_code", "feed", "period").distinct();
        Dataset<Row> yearly = loaded.filter(length(col("period")).equalTo(4))
                .select(col("og_code"), col("feed"), col("period").as("covered_year")).distinct();
        Dataset<Row> missing = expected
                .join(delivered, new String[] {"og_code", "feed", "period"}, "left_anti")
                .withColumn("covered_year", substring(col("period"), 1, 4))
                .join(yearly, new String[] {"og_code", "feed", "covered_year"}, "left_anti");
        return finding(missing, MISSING_MONTHLY_DELIVERY, col("feed"), lit(null), year(to_date(col("month_start"))),
                col("period"), concat(lit("no loaded "), col("feed"), lit(" delivery for "), col("period")));
    }

    public static Dataset<Row> rowCounts(Dataset<Row> bronze) {
        return bronze.groupBy(BronzeTables.DELIVERY_ID).agg(count(lit(1)).as("bronze_rows"));
    }
}
