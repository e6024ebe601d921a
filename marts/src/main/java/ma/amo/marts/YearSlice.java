package ma.amo.marts;

import ma.amo.transforms.CoverageSpells;
import ma.amo.transforms.DeltaIO;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The silver data of one reporting year, as the marts read it, under the report's conventions: spells of
 * the year's beneficiaries snapshot, claim lines paid (PAYE) and settled in the year, contributions of the
 * year's months, financial items of the year, ALD exemptions overlapping the year. Derived frames are
 * memoised so marts built on other marts (balance, evolution) share one plan.
 */
public final class YearSlice {
    private final int year;
    private final DeltaIO io;
    private final Dataset<Row> ageBands;
    private final SortedSet<Integer> months;
    private final StoredMarts stored;
    private final Map<String, Dataset<Row>> memo = new HashMap<>();

    /** A year of a build whose slices share the stored marts' rows ({@link StoredMarts}). */
    YearSlice(int year, DeltaIO io, Dataset<Row> ageBands, StoredMarts stored) {
        this(year, io, ageBands, null, stored);
    }

    private YearSlice(int year, DeltaIO io, Dataset<Row> ageBands, SortedSet<Integer> months, StoredMarts stored) {
        this.year = year;
        this.io = io;
        this.ageBands = ageBands;
        this.months = months;
        this.stored = stored;
    }

    /**
     * The same year with its paid claim lines restricted to some settlement months, for a {@link GoldMart#byMonth}
     * mart rewriting those months only: claim lines are partitioned by settlement month, so only those are read.
     */
    public YearSlice months(SortedSet<Integer> settlementMonths) {
        return new YearSlice(year, io, ageBands, new TreeSet<>(settlementMonths), stored);
    }

    public int year() {
        return year;
    }

    public Dataset<Row> ageBands() {
        return ageBands;
    }

    /** Synchronised: marts written side by side share the year's slice ({@link MartSchedule}). */
    private synchronized Dataset<Row> memo(String key, Supplier<Dataset<Row>> build) {
        Dataset<Row> d = memo.get(key);
        if (d == null) {
            // not computeIfAbsent: building one mart may memoise another
            d = build.get();
            memo.put(key, d);
        }
        return d;
    }

    public Dataset<Row> spells() {
        return memo("spells", () -> io.read(SilverTables.COVERAGE_SPELLS)
                .filter(col("year").equalTo(year).and(CoverageSpells.overlapsYear(year))));
    }

    public Dataset<Row> periods() {
        return memo("periods", () -> io.read(SilverTables.COVERAGE_PERIODS).filter(col("year").equalTo(year)));
    }

    public Dataset<Row> paidClaims() {
        return memo("paid", () -> {
            Dataset<Row> paid = io.read(SilverTables.CLAIM_LINES)
                    .filter(col("settlement_year").equalTo(year).and(col("status").equalTo("PAYE")));
            return months == null ? paid : paid.filter(col("settlement_month").isin(months.toArray()));
        });
    }

    public Dataset<Row> contributions() {
        return memo("contributions", () -> io.read(SilverTables.CONTRIBUTIONS).filter(col("year").equalTo(year)));
    }

    public Dataset<Row> financials() {
        return memo("financials", () -> io.read(SilverTables.FINANCIALS).filter(col("year").equalTo(year)));
    }

    /** ALD exemptions overlapping the year: start ≤ 31/12 and (open or end ≥ 01/01). */
    public Dataset<Row> aldExemptions() {
        return memo("ald", () -> io.read(SilverTables.ALD_EXEMPTIONS).filter(
                col("start_date").leq(lit(LocalDate.of(year, 12, 31)))
                        .and(coalesce(col("end_date"), lit(CoverageSpells.OPEN_END)).geq(lit(LocalDate.of(year, 1, 1))))));
    }

    public Dataset<Row> doubleRegistrations() {
        return memo("double", () -> io.read(SilverTables.DOUBLE_REGISTRATIONS).filter(col("year").equalTo(year)));
    }

    /**
     * Regimes present in the year: with a spell, paid spending, contributions, financial items or an ALD
     * exemption in it. Regime-level marts have one row for each, zeros included. The first three are read from
     * the population, spending and contributions marts, which have a row under every regime of their source
     * rows ({@link #mart}): deciding which regimes exist must not rescan every spell and claim line of the year.
     */
    public Dataset<Row> regimes() {
        return memo("regimes", () -> mart(GoldMarts.POPULATION).select("regime_code")
                .union(mart(GoldMarts.SPENDING).select("regime_code"))
                .union(mart(GoldMarts.CONTRIBUTIONS).select("regime_code"))
                .union(financials().select("regime_code"))
                .union(aldExemptions().select("regime_code"))
                .distinct());
    }

    /** This year's rows of a mart, as computed from silver (once per slice). */
    public Dataset<Row> compute(GoldMart mart) {
        return memo("mart:" + mart.table(), () -> mart.compute().apply(this));
    }

    /**
     * Another mart's rows for this year, for a mart built on it. The build writes marts in dependency order
     * ({@link GoldMarts#ALL}) and rewrites a mart's cells whenever a source of the mart depending on it
     * changed (its sources include the dependency's), so the stored rows are current: reading them (a few
     * hundred rows) instead of recomputing them from silver saves recomputing the population from every
     * coverage spell once per dependent mart. Before the dependency was ever written, it is computed.
     */
    public Dataset<Row> mart(GoldMart mart) {
        if (!io.exists(mart.table())) {
            return compute(mart);
        }
        return memo("stored:" + mart.table(), () -> stored.rows(mart.table()).filter(col("year").equalTo(year)));
    }
}
