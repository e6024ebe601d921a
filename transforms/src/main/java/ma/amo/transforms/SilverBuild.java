package ma.amo.transforms;

import io.delta.tables.DeltaTable;
import ma.amo.common.BronzeTables;
import ma.amo.common.CrashPoint;
import ma.amo.common.SessionSettings;
import ma.amo.common.contract.Feed;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.year;

/**
 * Builds the silver layer from bronze. Full mode rewrites every silver table from the current deliveries.
 * Incremental mode compares the delivery ledger with the version the last build consumed and rewrites only
 * what the changed deliveries touch: the snapshot years of new beneficiaries deliveries, the years of new
 * contributions deliveries, the claim lines whose key appears in a new or replaced claims delivery (a MERGE),
 * and the small ALD and financials tables when theirs changed. It reports, per silver table, the
 * (year, regime) cells whose content may have changed, which is what the gold build recomputes.
 */
public final class SilverBuild {
    static final List<String> CONTRIBUTION_KEY = List.of("og_code", "regime_code", "period_month", "contributor_type",
            "contributor_id");
    static final List<String> ALD_KEY = List.of("og_code", "regime_code", "beneficiary_id", "ald_code", "start_date");
    /** On a claims MERGE source: the key has no row in silver yet (appended, not merged). */
    private static final String NEW_KEY = "_new_key";
    static final List<String> FINANCIALS_KEY = List.of("og_code", "regime_code", "year", "item");

    private final DeltaIO io;

    public SilverBuild(DeltaIO io) {
        this.io = io;
    }

    /**
     * @param full      true for full mode, else (year, regime) cells touched per silver table
     * @param touched   per silver table, the cells that changed (empty in full mode: everything did)
     * @param years     every year with data (delivery periods and settlement years), for full gold builds
     * @param bronze    Delta versions of the bronze tables read
     * @param silver    Delta versions of the silver tables after this build
     * @param claimMonths incremental claims MERGE: per settlement year, the settlement months (1-12) of the
     *                  changed keys' old and new copies, which are all the months whose paid lines changed;
     *                  null when claim lines were rewritten whole (full mode) or not at all
     */
    public record Result(boolean full, Map<String, Scope> touched, SortedSet<Integer> years, Map<String, Long> bronze,
                         Map<String, Long> silver, Map<Integer, SortedSet<Integer>> claimMonths) {
        public Scope touched(Set<String> tables) {
            return Scope.unionAll(tables.stream().map(t -> touched.getOrDefault(t, Scope.empty())).toList());
        }
    }

    /** @param previous the last build's bookmark ({@link BuildState#read}); empty or {@code full} rebuilds all */
    public Result run(Map<String, Long> previous, boolean full, Consumer<String> progress) {
        long ledgerVersion = io.version(BronzeTables.DELIVERIES);
        Dataset<Row> ledger = io.readVersion(BronzeTables.DELIVERIES, ledgerVersion);
        Long before = previous.get(BronzeTables.DELIVERIES);
        boolean fullMode = full || before == null || !io.exists(SilverTables.CLAIM_LINES);
        if (!fullMode && !ClaimLines.currentLayout(io.read(SilverTables.CLAIM_LINES))) {
            progress.accept("silver: claim lines have a new layout (settlement month partitions, key hash):"
                    + " rebuilding everything once");
            fullMode = true;
        }
        LastBuild lastBuild = null;
        if (!fullMode) {
            lastBuild = LastBuild.of(io, previous).orElse(null);
            if (lastBuild == null) {
                progress.accept("silver: a build was interrupted and the versions the last finished build left"
                        + " have since been vacuumed: rebuilding everything");
                fullMode = true;
            } else if (!lastBuild.rewritten().isEmpty()) {
                progress.accept("silver: finishing an interrupted build (it had rewritten "
                        + String.join(", ", lastBuild.rewritten()) + ")");
            }
        }
        Map<String, Long> bronzeVersions = new LinkedHashMap<>();
        bronzeVersions.put(BronzeTables.DELIVERIES, ledgerVersion);
        for (Feed feed : Feed.values()) {
            if (io.exists(BronzeTables.table(feed))) {
                bronzeVersions.put(BronzeTables.table(feed), io.version(BronzeTables.table(feed)));
            }
        }
        Map<String, Scope> touched = new LinkedHashMap<>();
        Dataset<Row> lastLedger = fullMode ? null : io.readVersion(BronzeTables.DELIVERIES, before);
        Changes changes = fullMode ? null : Changes.between(ledger, lastLedger);
        SortedSet<Integer> claimYears = io.exists(SilverTables.CLAIM_LINES)
                ? settlementYears() : new TreeSet<>();
        SortedSet<Integer> years = ledgerYears(ledger);
        years.addAll(claimYears);
        int lastMaxYear = 0;
        if (!fullMode) {
            SortedSet<Integer> last = ledgerYears(lastLedger);
            last.addAll(lastBuild.rewritten(SilverTables.CLAIM_LINES)
                    ? settlementYears(lastBuild.read(SilverTables.CLAIM_LINES)) : claimYears);
            lastMaxYear = last.isEmpty() ? 0 : last.last();
        }
        Map<Integer, SortedSet<Integer>> claimMonths = null;
        if (fullMode || !changes.isEmpty()) {
            Step step = new Step(ledger, fullMode, changes, lastBuild, touched, years.isEmpty() ? 0 : years.last(),
                    lastMaxYear, progress);
            step.beneficiaries();
            step.contributions();
            step.claims();
            claimMonths = step.claimMonths;
            step.ald();
            step.financials();
            progress.accept("silver: data-quality findings");
            if (fullMode || !io.exists(SilverTables.DQ_FINDINGS) || !changes.ids(Feed.BENEFICIARIES).isEmpty()) {
                findings(ledger);
            } else {
                findingsOfChanges(ledger, changes, step.claimChanges);
            }
        } else {
            progress.accept("silver: no new deliveries since the last build");
        }
        Map<String, Long> silverVersions = new LinkedHashMap<>();
        for (String t : SilverTables.ALL) {
            if (io.exists(t)) {
                silverVersions.put(t, io.version(t));
            }
        }
        if (io.exists(SilverTables.CLAIM_LINES)) {
            years.addAll(settlementYears());
        }
        return new Result(fullMode, touched, years, bronzeVersions, silverVersions, claimMonths);
    }

    private Dataset<Row> bronze(Feed feed) {
        return io.readOrEmpty(BronzeTables.table(feed), BronzeTables.feedSchema(feed));
    }

    private Dataset<Row> current(Feed feed, Dataset<Row> ledger) {
        return Deliveries.currentRows(bronze(feed), ledger);
    }

    /** The years of the loaded deliveries' periods. */
    private static SortedSet<Integer> ledgerYears(Dataset<Row> ledger) {
        SortedSet<Integer> years = new TreeSet<>();
        ledger.filter(col("status").equalTo(Deliveries.LOADED)).select(substring(col("period"), 1, 4)).distinct()
                .collectAsList().forEach(r -> years.add(Integer.parseInt(r.getString(0))));
        return years;
    }

    /** The settlement years of silver's claim lines, pending lines aside, from its partitions. */
    private SortedSet<Integer> settlementYears() {
        SortedSet<Integer> years = new TreeSet<>();
        io.partitionValues(SilverTables.CLAIM_LINES, ClaimLines.PARTITIONS[0]).forEach(y -> {
            if (y != null) {
                years.add(Integer.parseInt(y));
            }
        });
        return years;
    }

    /** The settlement years of claim lines (a partition column), pending lines aside. */
    private static SortedSet<Integer> settlementYears(Dataset<Row> claimLines) {
        SortedSet<Integer> years = new TreeSet<>();
        claimLines.select("settlement_year").distinct().collectAsList().forEach(r -> {
            if (!r.isNullAt(0)) {
                years.add(r.getInt(0));
            }
        });
        return years;
    }

    /**
     * The deliveries whose ledger row changed since the last build, by feed, and which of them were already
     * LOADED then (their rows counted; if they do not any more, older copies of their keys may count again).
     */
    private record Changes(List<Row> rows, Set<String> previouslyLoaded) {
        static Changes between(Dataset<Row> ledger, Dataset<Row> previous) {
            List<Row> rows = Deliveries.changedSince(ledger, previous).collectAsList();
            Object[] ids = rows.stream().map(r -> r.getAs("delivery_id")).distinct().toArray();
            Set<String> loaded = new TreeSet<>(previous.filter(col("status").equalTo(Deliveries.LOADED)
                    .and(col("delivery_id").isin(ids))).select("delivery_id").as(Encoders.STRING()).collectAsList());
            return new Changes(rows, loaded);
        }

        /** True when the feed's changed deliveries only add rows: none of them counted before. */
        boolean onlyNew(Feed feed) {
            return ids(feed).stream().noneMatch(previouslyLoaded::contains);
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        List<String> ids(Feed feed) {
            return of(feed).map(r -> (String) r.getAs("delivery_id")).sorted().toList();
        }

        List<String> ids() {
            return rows.stream().map(r -> (String) r.getAs("delivery_id")).distinct().sorted().toList();
        }

        List<String> periods(Feed feed) {
            return of(feed).map(r -> (String) r.getAs("period")).distinct().sorted().toList();
        }

        List<String> years(Feed feed) {
            return periods(feed).stream().map(p -> p.substring(0, 4)).distinct().toList();
        }

        private java.util.stream.Stream<Row> of(Feed feed) {
            return rows.stream().filter(r -> feed.code().equals(r.getAs("feed")));
        }
    }

    /** One build pass; each method refreshes one feed's silver tables and records what it touched. */
    private final class Step {
        private final Dataset<Row> ledger;
        private final boolean full;
        private final Changes changes;
        /** Incremental: silver as the last finished build left it, the "before" side of what changes. */
        private final LastBuild lastBuild;
        private final Map<String, Scope> touched;
        private final Consumer<String> progress;
        /** The last year with data, now and when the last build finished (0 in full mode). */
        private final int maxYear;
        private final int lastMaxYear;
        /**
         * Incremental: the MERGE's source, materialised: per claim line key whose silver row the MERGE changed,
         * its new row ({@code _deleted} false) or its deletion; null when no claims delivery changed. The lines
         * whose findings change are these.
         */
        Dataset<Row> claimChanges;
        /** With {@link #claimChanges}: {@link Result#claimMonths}. */
        Map<Integer, SortedSet<Integer>> claimMonths;

        Step(Dataset<Row> ledger, boolean full, Changes changes, LastBuild lastBuild, Map<String, Scope> touched,
             int maxYear, int lastMaxYear, Consumer<String> progress) {
            this.maxYear = maxYear;
            this.lastMaxYear = lastMaxYear;
            this.ledger = ledger;
            this.full = full;
            this.changes = changes;
            this.lastBuild = lastBuild;
            this.touched = touched;
            this.progress = progress;
        }

        private boolean skip(Feed feed) {
            return !full && changes.ids(feed).isEmpty();
        }

        /** Snapshot years are rewritten whole: a new beneficiaries delivery replaces its OG's year. */
        void beneficiaries() {
            if (skip(Feed.BENEFICIARIES)) {
                return;
            }
            progress.accept("silver: coverage spells");
            Dataset<Row> rows = current(Feed.BENEFICIARIES, ledger);
            List<String> years = full ? List.of() : changes.years(Feed.BENEFICIARIES);
            if (!full) {
                rows = rows.filter(col(BronzeTables.PERIOD).isin(years.toArray()));
            }
            Dataset<Row> spells = CoverageSpells.conform(rows);
            Scope before = lastBuilt(SilverTables.COVERAGE_SPELLS, col("year").isin(years.toArray()), "year");
            String predicate = "year IN (" + String.join(", ", years) + ")";
            write(spells, SilverTables.COVERAGE_SPELLS, predicate, "year");
            Dataset<Row> written = io.read(SilverTables.COVERAGE_SPELLS);
            if (!full) {
                written = written.filter(col("year").isin(years.toArray()));
            }
            write(CoverageSpells.periods(written), SilverTables.COVERAGE_PERIODS, predicate, "year");
            write(written.select("year", "og_code", "beneficiary_id", "national_id", "person_key").distinct(),
                    SilverTables.PERSON_KEYS, predicate, "year");
            write(DoubleRegistrations.find(written), SilverTables.DOUBLE_REGISTRATIONS, predicate, "year");
            Scope scope = before.union(full ? Scope.empty() : Scope.of(written, "year"));
            for (String t : List.of(SilverTables.COVERAGE_SPELLS, SilverTables.COVERAGE_PERIODS,
                    SilverTables.PERSON_KEYS, SilverTables.DOUBLE_REGISTRATIONS)) {
                touched.put(t, scope);
            }
        }

        void contributions() {
            if (skip(Feed.CONTRIBUTIONS)) {
                return;
            }
            progress.accept("silver: contributions");
            List<String> years = full ? List.of() : changes.years(Feed.CONTRIBUTIONS);
            Dataset<Row> rows = current(Feed.CONTRIBUTIONS, ledger);
            if (!full) {
                rows = rows.filter(substring(col(BronzeTables.PERIOD), 1, 4).isin(years.toArray()));
            }
            List<String> cols = new ArrayList<>(Feed.CONTRIBUTIONS.columnNames());
            cols.addAll(List.of("year", "month", BronzeTables.DELIVERY_ID));
            Dataset<Row> latest = LatestCopy.of(rows, CONTRIBUTION_KEY)
                    .withColumn("year", substring(col("period_month"), 1, 4).cast("int"))
                    .withColumn("month", substring(col("period_month"), 6, 2).cast("int"))
                    .select(Columns.of(cols));
            Scope before = lastBuilt(SilverTables.CONTRIBUTIONS, col("year").isin(years.toArray()), "year");
            write(latest, SilverTables.CONTRIBUTIONS, "year IN (" + String.join(", ", years) + ")", "year");
            if (!full) {
                touched.put(SilverTables.CONTRIBUTIONS, before.union(Scope.of(
                        io.read(SilverTables.CONTRIBUTIONS).filter(col("year").isin(years.toArray())), "year")));
            }
        }

        /**
         * Incremental claim lines, by one MERGE into silver. When the changed deliveries are all new
         * ({@link #addedClaims}), a key's latest copy is either its silver row or the newest copy in them, so
         * history is not read at all. When a delivery stopped counting (replaced), its keys' latest copies are
         * recomputed from every current copy ({@link #recomputedClaims}).
         */
        void claims() {
            if (skip(Feed.CLAIMS)) {
                return;
            }
            progress.accept("silver: claim lines");
            if (full) {
                io.overwrite(ClaimLines.latest(current(Feed.CLAIMS, ledger)), SilverTables.CLAIM_LINES, ClaimLines.PARTITIONS);
                return;
            }
            Dataset<Row> delivered = bronze(Feed.CLAIMS).filter(col(BronzeTables.PERIOD).isin(changes.periods(Feed.CLAIMS)
                    .toArray()).and(col(BronzeTables.DELIVERY_ID).isin(changes.ids(Feed.CLAIMS).toArray())));
            if (changes.onlyNew(Feed.CLAIMS)) {
                addedClaims(delivered);
            } else {
                recomputedClaims(delivered);
            }
        }

        /**
         * New deliveries only: the newest copy of each of their keys replaces the silver row when it is later
         * by (period, sequence), which is the contract's order (an earlier period delivered late loses). What
         * is read: the new deliveries' partitions, silver's key hashes, and silver's key, order and cell columns in
         * the partitions holding the keys ({@link ClaimLines#ofKeys}).
         */
        private void addedClaims(Dataset<Row> delivered) {
            String[] key = ClaimLines.keyNames();
            Dataset<Row> current = Deliveries.currentRows(delivered, ledger);
            // ingest quarantines every row whose key a delivery repeats, so one delivery holds one copy per key:
            // no window (a shuffle of every delivered line) to pick the latest
            Dataset<Row> newest = (changes.ids(Feed.CLAIMS).size() == 1 ? ClaimLines.conform(current)
                    : ClaimLines.latest(current)).localCheckpoint();
            Dataset<Row> keys = newest.select(ClaimLines.keyColumns());
            Dataset<Row> old = ClaimLines.ofKeys(io.read(SilverTables.CLAIM_LINES), keys).select(col("og_code"),
                            col("claim_id"), col("line_no"),
                            col(BronzeTables.PERIOD).as("_old_period"), col(BronzeTables.SEQUENCE).as("_old_sequence"),
                            col("settlement_year"), col("settlement_date"), col("regime_code"))
                    .localCheckpoint();
            Column later = col("_old_period").isNull()
                    .or(col(BronzeTables.PERIOD).gt(col("_old_period")))
                    .or(col(BronzeTables.PERIOD).equalTo(col("_old_period"))
                            .and(col(BronzeTables.SEQUENCE).geq(col("_old_sequence"))));
            Dataset<Row> source = newest.join(old.select(col("og_code"), col("claim_id"), col("line_no"),
                            col("_old_period"), col("_old_sequence")), key, "left")
                    .filter(later).withColumn(NEW_KEY, col("_old_period").isNull())
                    .drop("_old_period", "_old_sequence").withColumn("_deleted", lit(false));
            // cells of copies that lose to the silver row are included too: rebuilding an unchanged cell is harmless
            SettlementCells oldCells = SettlementCells.of(old);
            changed(keys, oldCells, SettlementCells.of(newest));
            mergeClaims(source, oldCells);
        }

        /**
         * Some changed delivery stopped counting: the keys of the changed deliveries' rows (new copies, or
         * copies that lost their delivery) get their latest copy recomputed from every current copy of those
         * keys, and keys no current delivery holds any more are deleted. The other copies of those keys are
         * located by a pass over bronze's key columns, then read whole from those periods alone (a line is
         * re-delivered within months); keys, latest copies and old cells are materialised once.
         */
        private void recomputedClaims(Dataset<Row> delivered) {
            String[] key = ClaimLines.keyNames();
            Dataset<Row> bronze = bronze(Feed.CLAIMS);
            Dataset<Row> keys = delivered.select(ClaimLines.keyColumns()).distinct().localCheckpoint();
            List<String> periods = bronze.select(BronzeTables.PERIOD, key)
                    .join(keys, key, "left_semi").select(BronzeTables.PERIOD).distinct().as(Encoders.STRING())
                    .collectAsList().stream().sorted().toList();
            Dataset<Row> copies = bronze.filter(col(BronzeTables.PERIOD).isin(periods.toArray()));
            Dataset<Row> latest = ClaimLines.latest(Deliveries.currentRows(copies, ledger).join(keys, key, "left_semi"))
                    .localCheckpoint();
            SettlementCells oldCells = SettlementCells.of(ClaimLines.ofKeys(io.read(SilverTables.CLAIM_LINES), keys));
            Dataset<Row> source = keys.join(latest.withColumn("_present", lit(true)), key, "left")
                    .withColumn("_deleted", col("_present").isNull()).drop("_present");
            changed(keys, oldCells, SettlementCells.of(latest));
            mergeClaims(source, oldCells);
        }

        /**
         * Records what the claims MERGE changes: the (year, regime) cells and settlement months of the keys' lines
         * before it ({@code old}, silver's rows, which it replaces) and after it ({@code now}). If a killed build
         * has MERGEd since the last finished one, the keys' rows at its bookmark count as "before" too: the rerun
         * finds them already moved, and no other read has them.
         */
        private void changed(Dataset<Row> keys, SettlementCells old, SettlementCells now) {
            SettlementCells before = !lastBuild.rewritten(SilverTables.CLAIM_LINES) ? old : old.union(SettlementCells.of(
                    lastBuild.read(SilverTables.CLAIM_LINES).join(keys, ClaimLines.keyNames(), "left_semi")));
            SettlementCells all = before.union(now);
            touched.put(SilverTables.CLAIM_LINES, all.scope());
            claimMonths = all.months();
        }

        /**
         * Upserts (and, where {@code _deleted}, deletes) the rows of {@code lines} by key (those marked
         * {@value #NEW_KEY}, absent from silver, by a plain append first), and keeps them
         * (materialised once) as {@link #claimChanges}. {@code old}: where the keys' old rows are in the target, so
         * that Delta reads only those partitions (settlement months); with deletion vectors it marks the replaced
         * rows in them instead of copying every other row of those files (a monthly delivery touched two files of
         * 1.35 M rows to change 67 K: the copy was 19 of the MERGE's 30 s).
         */
        private void mergeClaims(Dataset<Row> lines, SettlementCells old) {
            Dataset<Row> source = lines.localCheckpoint();
            claimChanges = source;
            boolean newKeysApart = List.of(source.columns()).contains(NEW_KEY);
            Dataset<Row> merged = newKeysApart ? appendNewKeys(source) : source;
            if (newKeysApart && merged.isEmpty()) {
                return;
            }
            io.enableDeletionVectors(SilverTables.CLAIM_LINES);
            Map<String, String> assignments = new LinkedHashMap<>();
            ClaimLines.columns().forEach(c -> assignments.put(c, "s." + c));
            String on = String.join(" AND ", ClaimLines.KEY.stream().map(c -> "t." + c + " = s." + c).toList())
                    + " AND " + old.where("t.");
            // Delta copies a source it cannot prove deterministic to disk before its two passes (scale 0.1: 1.7-3.8
            // s for a month's 686 K lines); this one is a local checkpoint already, the same rows in both passes
            SessionSettings.during(io.spark(), Map.of("spark.databricks.delta.merge.materializeSource", "none"),
                    () -> DeltaTable.forPath(io.spark(), io.warehouse().tableUri(SilverTables.CLAIM_LINES)).as("t")
                            .merge(merged.as("s"), on)
                            .whenMatched("s._deleted").delete()
                            .whenMatched().updateExpr(assignments)
                            .whenNotMatched("NOT s._deleted").insertExpr(assignments)
                            .execute());
        }

        /**
         * Keys silver does not hold yet (most of a monthly delivery) are appended, so that the MERGE's three joins
         * (matched files, rewrite, deletion vectors) take the replaced keys alone (scale 0.1: 686 K source rows,
         * 66 K of them replacements; the MERGE step 16.2 s became 4.4 s of append and 6.4 s of MERGE). A kill
         * between the two commits leaves the appended rows in silver, where the rerun finds them with the same
         * (period, sequence): it MERGEs them onto themselves. Returns the rows left to MERGE.
         */
        private Dataset<Row> appendNewKeys(Dataset<Row> source) {
            Dataset<Row> added = source.filter(col(NEW_KEY));
            if (!added.isEmpty()) {
                io.append(added.select(Columns.of(ClaimLines.columns())), SilverTables.CLAIM_LINES);
                CrashPoint.reach("build.claims-appended");
            }
            return source.filter(not(col(NEW_KEY)));
        }

        /** ALD exemptions are few: rebuilt whole, and the years of rows that changed are reported. */
        void ald() {
            if (!skip(Feed.ALD)) {
                progress.accept("silver: ALD exemptions");
                replaceSmall(latest(Feed.ALD, ALD_KEY), SilverTables.ALD_EXEMPTIONS, Feed.ALD, this::exemptionYears);
            }
            if (!full && maxYear > lastMaxYear && io.exists(SilverTables.ALD_EXEMPTIONS)) {
                // the data reached a new year: exemptions still running count in it, with no ALD delivery
                touched.merge(SilverTables.ALD_EXEMPTIONS, Scope.of(exemptionYears(io.read(SilverTables.ALD_EXEMPTIONS))
                        .filter(col("year").gt(lastMaxYear)), "year"), Scope::union);
            }
        }

        /** One row per exemption and year it overlaps, an open one up to the last year with data. */
        private Dataset<Row> exemptionYears(Dataset<Row> exemptions) {
            return exemptions.withColumn("year", explode(sequence(year(col("start_date")), greatest(year(col("start_date")),
                    coalesce(year(col("end_date")), lit(maxYear))))));
        }

        void financials() {
            if (skip(Feed.FINANCIALS)) {
                return;
            }
            progress.accept("silver: financials");
            replaceSmall(latest(Feed.FINANCIALS, FINANCIALS_KEY), SilverTables.FINANCIALS, Feed.FINANCIALS,
                    changed -> changed);
        }

        /** Latest copy per key of a small feed's current rows: contract columns and the delivery id. */
        private Dataset<Row> latest(Feed feed, List<String> key) {
            List<String> cols = new ArrayList<>(feed.columnNames());
            cols.add(BronzeTables.DELIVERY_ID);
            return LatestCopy.of(current(feed, ledger), key).select(Columns.of(cols));
        }

        /**
         * Rewrites a small table whole; the touched cells are those of rows present on one side only, the
         * "before" side being the table as the last finished build left it.
         */
        private void replaceSmall(Dataset<Row> rows, String table, Feed feed,
                                  java.util.function.Function<Dataset<Row>, Dataset<Row>> years) {
            if (full) {
                io.overwrite(rows, table);
                return;
            }
            List<Row> before = io.exists(table) ? lastBuild.read(table).collectAsList() : List.of();
            Dataset<Row> old = io.spark().createDataFrame(before, rows.schema());
            Dataset<Row> now = rows.localCheckpoint();
            // a row a replacing delivery resends unchanged differs by its delivery id only: it touches no cell
            Dataset<Row> a = now.drop(BronzeTables.DELIVERY_ID);
            Dataset<Row> b = old.drop(BronzeTables.DELIVERY_ID);
            Dataset<Row> changed = a.except(b).union(b.except(a));
            touched.put(table, Scope.of(years.apply(changed), "year"));
            io.overwrite(now, table);
        }

        /** The cells of the table's rows matching the filter, as the last finished build left them. */
        private Scope lastBuilt(String table, Column filter, String yearColumn) {
            return full || !io.exists(table) ? Scope.empty() : Scope.of(lastBuild.read(table).filter(filter), yearColumn);
        }

        private void write(Dataset<Row> rows, String table, String predicate, String partition) {
            if (full) {
                io.overwrite(rows, table, partition);
            } else {
                io.replace(rows, table, predicate, partition);
            }
        }
    }

    private void findings(Dataset<Row> ledger) {
        Dataset<Row> spells = io.read(SilverTables.COVERAGE_SPELLS);
        Dataset<Row> claims = io.read(SilverTables.CLAIM_LINES);
        Dataset<Row> ald = io.read(SilverTables.ALD_EXEMPTIONS);
        Dataset<Row> all = QualityFindings.claimsAgainstSpells(claims, spells)
                .unionByName(QualityFindings.aldOfUnknownBeneficiaries(ald, spells))
                .unionByName(QualityFindings.controlTotals(ledger, rowCounts(null)))
                .unionByName(QualityFindings.missingMonths(ledger));
        // one small file; repartition, not coalesce, which would run the joins above in a single task
        io.overwrite(all.repartition(1), SilverTables.DQ_FINDINGS);
    }

    /**
     * Findings after an incremental build in which no beneficiaries snapshot changed. A finding on a claim
     * line or an ALD exemption depends on that record and the spells only, so with the spells unchanged just
     * the findings of the claim lines the MERGE changed (and the ALD findings, when ALD changed) are recomputed,
     * from the MERGE's own source ({@code claimChanges}: the lines it wrote, the keys it deleted; a key whose new
     * copy lost to its silver row keeps its row, so its findings); a finding on a
     * delivery depends on its ledger row and bronze rows, so just the changed deliveries' are; missing months
     * come from the ledger alone and are recomputed whole. The rest are kept. This spares a monthly build the
     * range join of every claim line of the history with every spell; the result equals {@link #findings}
     * (IncrementalAndAsOfTest compares them).
     */
    private void findingsOfChanges(Dataset<Row> ledger, Changes changes, Dataset<Row> claimChanges) {
        Dataset<Row> spells = io.read(SilverTables.COVERAGE_SPELLS);
        Dataset<Row> old = io.read(SilverTables.DQ_FINDINGS);
        Column code = col("finding_code");
        Column onClaims = code.isin(QualityFindings.CLAIM_UNKNOWN_BENEFICIARY, QualityFindings.CLAIM_OUTSIDE_COVERAGE);
        Column onAld = code.equalTo(QualityFindings.ALD_UNKNOWN_BENEFICIARY);
        Column onDeliveries = code.isin(QualityFindings.CONTROL_TOTAL_DIFFERENCE, QualityFindings.QUARANTINED_ROWS);
        List<String> changed = changes.ids();
        Dataset<Row> kept = old.filter(onDeliveries.and(not(col("record_key").isin(changed.toArray()))));
        Dataset<Row> fresh = QualityFindings.controlTotals(ledger.filter(col("delivery_id").isin(changed.toArray())),
                        rowCounts(changes))
                .unionByName(QualityFindings.missingMonths(ledger));
        if (claimChanges == null) {
            kept = kept.unionByName(old.filter(onClaims));
        } else {
            Dataset<Row> records = claimChanges.select(col("og_code"), QualityFindings.claimRecordKey().as("record_key"));
            kept = kept.unionByName(old.filter(onClaims)
                    .join(records, new String[] {"og_code", "record_key"}, "left_anti"));
            Dataset<Row> lines = claimChanges.filter(not(col("_deleted")));
            fresh = fresh.unionByName(QualityFindings.claimsAgainstSpells(lines, QualityFindings.spellsOf(spells, lines)));
        }
        if (changes.ids(Feed.ALD).isEmpty()) {
            kept = kept.unionByName(old.filter(onAld));
        } else {
            fresh = fresh.unionByName(QualityFindings.aldOfUnknownBeneficiaries(io.read(SilverTables.ALD_EXEMPTIONS), spells));
        }
        // materialised before the overwrite replaces the files it reads
        io.overwrite(kept.unionByName(fresh).repartition(1).localCheckpoint(), SilverTables.DQ_FINDINGS);
    }

    /** Bronze rows per delivery, of every delivery or only of the changed ones (read from their periods). */
    private Dataset<Row> rowCounts(Changes changes) {
        Dataset<Row> counts = null;
        for (Feed feed : Feed.values()) {
            Dataset<Row> rows = bronze(feed);
            if (changes != null) {
                rows = rows.filter(col(BronzeTables.PERIOD).isin(changes.periods(feed).toArray())
                        .and(col(BronzeTables.DELIVERY_ID).isin(changes.ids(feed).toArray())));
            }
            Dataset<Row> c = QualityFindings.rowCounts(rows);
            counts = counts == null ? c : counts.unionByName(c);
        }
        return counts;
    }
}
