package ma.amo.marts;

import ma.amo.common.CrashPoint;
import ma.amo.common.DeltaCommits;
import ma.amo.common.Warehouse;
import ma.amo.common.reference.ReferenceData;
import ma.amo.transforms.BuildState;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.Scope;
import ma.amo.transforms.SilverBuild;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import static org.apache.spark.sql.functions.col;

/**
 * {@code amo build}: bronze → silver → gold, then the bookmark. Incremental by default: silver rewrites what
 * the deliveries that arrived since the last build touch, and each gold mart rewrites the (year, regime)
 * cells its silver sources report as touched (Delta replaceWhere on its partitions). {@code full} rewrites
 * everything.
 */
public final class WarehouseBuild {
    private final DeltaIO io;
    private final ReferenceData reference;

    public WarehouseBuild(SparkSession spark, Warehouse warehouse, ReferenceData reference) {
        this.io = new DeltaIO(spark, warehouse);
        this.reference = reference;
    }

    /**
     * @param progress told what the build is doing; called one message at a time, though gold marts are written on
     *                 worker threads ({@link MartSchedule}), so a caller may collect messages in a plain list
     */
    public BuildSummary run(BuildOptions options, Consumer<String> progress) {
        Object said = new Object();
        return build(options, message -> {
            synchronized (said) {
                progress.accept(message);
            }
        });
    }

    private BuildSummary build(BuildOptions options, Consumer<String> progress) {
        Map<String, Long> previous = BuildState.read(io);
        CrashPoint.reach("build.started");
        // what this build's commits start from, for its summary (the previous build's commits may be gone from the log)
        Map<String, Long> start = new java.util.HashMap<>();
        java.util.stream.Stream.concat(SilverTables.ALL.stream(), GoldMarts.ALL.stream().map(GoldMart::table))
                .forEach(table -> start.put(table, io.exists(table) ? io.version(table) : -1L));
        SilverBuild.Result silver = new SilverBuild(io).run(previous, options.full(), progress);
        List<BuildSummary.TableWrite> written = new ArrayList<>();
        silver.silver().forEach((table, version) -> {
            if (!version.equals(previous.get(table))) {
                written.add(write(table, start.get(table), silver.full() ? "all" : silver.touched().getOrDefault(table, Scope.empty()).toString()));
            }
        });
        CrashPoint.reach("build.silver-done");
        Set<String> regimesOfYear = options.year() == null ? null : regimesOf(options.year());
        Map<GoldMart, GoldStep> steps = new LinkedHashMap<>();
        for (GoldMart mart : GoldMarts.ALL) {
            Scope scope = silver.full() || !io.exists(mart.table()) ? null : silver.touched(mart.sources());
            if (scope != null && options.year() != null) {
                scope = scope.wholeYears(Set.of(options.year()), regimesOfYear);
            }
            if (scope != null && scope.isEmpty()) {
                continue;
            }
            Map<Integer, SortedSet<Integer>> months = scope == null || options.year() != null ? null : months(mart, silver, scope);
            steps.put(mart, new GoldStep(mart, scope, months, scope == null ? silver.years() : scope.years()));
        }
        Dataset<Row> ageBands = ageBands();
        Map<Integer, YearSlice> slices = new ConcurrentHashMap<>();
        StoredMarts stored = new StoredMarts(io);
        stored.pending(steps.keySet());
        MartSchedule.run(List.copyOf(steps.keySet()), options.parallel(), mart -> {
            GoldStep step = steps.get(mart);
            progress.accept("gold: " + mart.table() + (step.scope() == null ? " (all years)" : " " + step.described()));
            boolean wrote = writeMart(step, year -> slices.computeIfAbsent(year, k -> new YearSlice(k, io, ageBands, stored)));
            stored.written(mart);
            return wrote ? step : null;
        }, step -> {
            written.add(write(step.mart().table(), start.get(step.mart().table()), step.described()));
            CrashPoint.reach("build.gold-written");
        });
        Map<String, Long> state = new LinkedHashMap<>(silver.bronze());
        state.putAll(silver.silver());
        for (GoldMart mart : GoldMarts.ALL) {
            if (io.exists(mart.table())) {
                state.put(mart.table(), io.version(mart.table()));
            }
        }
        CrashPoint.reach("build.before-state");
        long stateVersion = BuildState.write(io, state);
        CrashPoint.reach("build.state-written");
        progress.accept("build state version " + stateVersion);
        return new BuildSummary(silver.full(), written, stateVersion);
    }

    /**
     * One mart to write in this build: every year (scope null), or the scope's cells, and for a
     * {@link GoldMart#byMonth} mart after a claims MERGE the settlement months to rewrite per year.
     */
    private record GoldStep(GoldMart mart, Scope scope, Map<Integer, SortedSet<Integer>> months, Set<Integer> years) {
        String described() {
            return scope == null ? "all" : scope + (months == null ? "" : " months " + months);
        }
    }

    /**
     * Computes the mart's years (every regime, or the scope's cells) and writes them: overwrite, or replace the
     * cells. False when there was no year to write.
     */
    private boolean writeMart(GoldStep step, IntFunction<YearSlice> slices) {
        GoldMart mart = step.mart();
        Scope scope = step.scope();
        Map<Integer, SortedSet<Integer>> months = step.months();
        Dataset<Row> rows = null;
        for (int year : step.years()) {
            YearSlice slice = slices.apply(year);
            Dataset<Row> y = (months == null || !months.containsKey(year) ? slice : slice.months(months.get(year)))
                    .compute(mart);
            if (scope != null) {
                y = y.filter(col("regime_code").isin(scope.regimes(year).toArray()));
            }
            rows = rows == null ? y : rows.unionByName(y);
        }
        if (rows == null) {
            return false;
        }
        if (scope == null) {
            io.overwrite(rows, mart.table(), "regime_code", "year");
        } else {
            io.replace(rows, mart.table(), months == null ? scope.predicate("year", "regime_code")
                    : scope.predicate("year", "regime_code", "month", months), "regime_code", "year");
        }
        return true;
    }

    /**
     * For a {@link GoldMart#byMonth} mart after an incremental claims MERGE: per year of the scope whose cells
     * changed through claim lines alone, the settlement months to rewrite (those of the changed keys' old and
     * new copies); years whose cells another source touched (ALD exemptions, which flag lines of any month)
     * are left out, so rewritten whole. Null when no year qualifies.
     */
    private static Map<Integer, SortedSet<Integer>> months(GoldMart mart, SilverBuild.Result silver, Scope scope) {
        Set<String> others = new TreeSet<>(mart.sources());
        others.remove(SilverTables.CLAIM_LINES);
        Map<Integer, SortedSet<Integer>> claimMonths = silver.claimMonths();
        if (!mart.byMonth() || claimMonths == null) {
            return null;
        }
        Set<Integer> otherYears = silver.touched(others).years();
        Map<Integer, SortedSet<Integer>> months = new java.util.TreeMap<>();
        for (int year : scope.years()) {
            if (!otherYears.contains(year) && claimMonths.containsKey(year)) {
                months.put(year, claimMonths.get(year));
            }
        }
        return months.isEmpty() ? null : months;
    }

    /** Regimes with a spell in the year (or in any mart of it): what "every regime of the year" means. */
    private Set<String> regimesOf(int year) {
        Set<String> regimes = new TreeSet<>(reference.regimeCodes());
        for (GoldMart mart : GoldMarts.ALL) {
            if (io.exists(mart.table())) {
                io.read(mart.table()).filter(col("year").equalTo(year)).select("regime_code").distinct()
                        .collectAsList().forEach(r -> regimes.add(r.getString(0)));
            }
        }
        return regimes;
    }

    /** What this build's commits to a table wrote, summed (an append and a MERGE, a property change and a write). */
    private BuildSummary.TableWrite write(String table, long before, String scope) {
        List<DeltaCommits.Commit> commits = io.commitsAfter(table, before);
        long rows = 0;
        for (DeltaCommits.Commit c : commits) {
            // a MERGE's numOutputRows counts its updated rows again (and any copied ones): rows it inserted or changed
            rows += c.metrics().containsKey("numTargetRowsInserted")
                    ? metric(c, "numTargetRowsInserted") + metric(c, "numTargetRowsUpdated")
                    : metric(c, "numOutputRows");
        }
        return new BuildSummary.TableWrite(table, commits.isEmpty() ? before : commits.get(commits.size() - 1).version(),
                rows, scope);
    }

    private static long metric(DeltaCommits.Commit commit, String name) {
        return Long.parseLong(commit.metrics().getOrDefault(name, "0"));
    }

    /** reference/age_bands.csv as a small frame (max_age empty = open, stored as 999) to broadcast. */
    private Dataset<Row> ageBands() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("age_band", DataTypes.StringType, false),
                DataTypes.createStructField("min_age", DataTypes.IntegerType, false),
                DataTypes.createStructField("max_age", DataTypes.IntegerType, false)));
        List<Row> rows = reference.table("age_bands.csv").rows().stream().map(r -> RowFactory.create(r.get("age_band"),
                Integer.parseInt(r.get("min_age")), r.get("max_age").isEmpty() ? 999 : Integer.parseInt(r.get("max_age"))))
                .toList();
        return io.spark().createDataFrame(rows, schema);
    }

    /** Silver tables listed for documentation and the report's provenance. */
    public static List<String> silverTables() {
        return SilverTables.ALL;
    }
}
