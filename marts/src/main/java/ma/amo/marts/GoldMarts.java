package ma.amo.marts;

import ma.amo.transforms.CoverageSpells;
import ma.amo.transforms.SilverTables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * The gold marts, one definition each. Marts hold aggregates only (no person identifiers), so that a
 * managing body can be granted its regimes' rows. Counts that must not be double counted when summed over a
 * breakdown (distinct persons across managing bodies or regimes) are stored as flags on one chosen row per
 * person, so they stay additive: summing persons_31dec over any breakdown of a regime gives its distinct
 * persons, summing persons_all_regimes_31dec over every regime gives the distinct persons of the country.
 *
 * <p>A mart may be computed from another's rows ({@link YearSlice#mart}) when that mart comes earlier in
 * {@link #ALL} and its sources are among the dependent's: then every build that rewrites a cell of the
 * dependency rewrites the dependent's cell after it (ald from spending, technical_balance from spending and
 * contributions, consumption from population, evolution from population and technical_balance; the regimes
 * of the year, which consumption and technical_balance list, from population, spending and contributions).
 */
public final class GoldMarts {
    private static final Set<String> SPELLS = Set.of(SilverTables.COVERAGE_SPELLS, SilverTables.COVERAGE_PERIODS);
    private static final Set<String> EVERYTHING = Set.copyOf(SilverTables.ALL);

    public static final GoldMart POPULATION = new GoldMart("gold.population", SPELLS, GoldMarts::population);
    public static final GoldMart CONTRIBUTIONS = new GoldMart("gold.contributions",
            Set.of(SilverTables.CONTRIBUTIONS), GoldMarts::contributions);
    public static final GoldMart SPENDING = new GoldMart("gold.spending",
            Set.of(SilverTables.CLAIM_LINES, SilverTables.ALD_EXEMPTIONS), GoldMarts::spending, true, List.of());
    public static final GoldMart ALD = new GoldMart("gold.ald",
            Set.of(SilverTables.CLAIM_LINES, SilverTables.ALD_EXEMPTIONS), GoldMarts::ald, SPENDING);
    public static final GoldMart CONSUMPTION = new GoldMart("gold.consumption", EVERYTHING, GoldMarts::consumption,
            POPULATION, SPENDING, CONTRIBUTIONS); // the regimes of the year from the first three
    public static final GoldMart TECHNICAL_BALANCE = new GoldMart("gold.technical_balance", EVERYTHING,
            GoldMarts::technicalBalance, POPULATION, SPENDING, CONTRIBUTIONS);
    public static final GoldMart DOUBLE_REGISTRATION = new GoldMart("gold.double_registration",
            Set.of(SilverTables.DOUBLE_REGISTRATIONS), GoldMarts::doubleRegistration);
    public static final GoldMart EVOLUTION = new GoldMart("gold.evolution", EVERYTHING, GoldMarts::evolution,
            POPULATION, TECHNICAL_BALANCE);

    public static final List<GoldMart> ALL = List.of(POPULATION, CONTRIBUTIONS, SPENDING, ALD, CONSUMPTION,
            TECHNICAL_BALANCE, DOUBLE_REGISTRATION, EVOLUTION);

    private GoldMarts() {
    }

    private static Column flag(Column condition) {
        return when(condition, 1L).otherwise(0L);
    }

    /**
     * Population by regime × age band × sex × region × relationship × insured status. Each beneficiary
     * (og_code, beneficiary_id) of a regime is described by one spell: the one covering 31/12 if any (the
     * latest-starting, ASSURE first), else the latest-starting spell of the year. Exposure comes from the
     * merged periods, so overlapping spells count once per day.
     */
    static Dataset<Row> population(YearSlice y) {
        int year = y.year();
        String[] beneficiary = {"og_code", "regime_code", "beneficiary_id"};
        Column covered = CoverageSpells.covers31Dec(year);
        Dataset<Row> described = y.spells()
                .withColumn("covered", covered)
                .withColumn("_rank", row_number().over(Window.partitionBy("og_code", "regime_code", "beneficiary_id")
                        .orderBy(col("covered").desc(), col("coverage_start").desc(),
                                col("relationship").equalTo("ASSURE").desc(), CoverageSpells.end().desc(),
                                col("insured_id"), col("relationship"), col("insured_status"), col("region_code"),
                                col("sex"), col("birth_date"))))
                .filter(col("_rank").equalTo(1));
        Dataset<Row> exposure = Exposure.days(y.periods(), year).groupBy("og_code", "regime_code", "beneficiary_id").agg(
                sum(when(col("insured_only").equalTo(false), col("exposure_days")).otherwise(0)).as("exposure_days"),
                sum(when(col("insured_only"), col("exposure_days")).otherwise(0)).as("insured_exposure_days"));
        Dataset<Row> bands = broadcast(y.ageBands());
        Dataset<Row> persons = described.join(exposure, beneficiary, "left")
                .withColumn("age", lit(year).minus(year(col("birth_date"))))
                // the person's windows first: the rows are then clustered by person_key, which the window by
                // (regime_code, person_key) accepts as it is, where the other order shuffled every row twice
                .withColumn("_first_anywhere", row_number().over(Window.partitionBy("person_key")
                        .orderBy(col("covered").desc(), col("regime_code"), col("og_code"), col("beneficiary_id"))))
                .withColumn("_regimes_31dec", size(collect_set(when(col("covered"), col("regime_code")))
                        .over(Window.partitionBy("person_key"))))
                .withColumn("_first_in_regime", row_number().over(Window.partitionBy("regime_code", "person_key")
                        .orderBy(col("covered").desc(), col("og_code"), col("beneficiary_id"))))
                .join(bands, col("age").between(bands.col("min_age"), bands.col("max_age")), "left");
        return persons.groupBy(col("regime_code"), lit(year).as("year"), col("age_band"), col("sex"),
                        col("region_code"), col("relationship"), col("insured_status"))
                .agg(count(lit(1)).as("beneficiaries_in_year"),
                        sum(flag(col("covered"))).as("beneficiaries_31dec"),
                        sum(flag(col("covered").and(col("_first_in_regime").equalTo(1)))).as("persons_31dec"),
                        sum(flag(col("covered").and(col("_first_anywhere").equalTo(1)))).as("persons_all_regimes_31dec"),
                        sum(flag(col("covered").and(col("_first_anywhere").equalTo(1))
                                .and(col("_regimes_31dec").geq(2)))).as("persons_multi_regime_31dec"),
                        sum(coalesce(col("exposure_days"), lit(0L))).cast("long").as("exposure_days"),
                        sum(coalesce(col("insured_exposure_days"), lit(0L))).cast("long").as("insured_exposure_days"));
    }

    static Dataset<Row> contributions(YearSlice y) {
        return y.contributions().groupBy(col("regime_code"), col("year"), col("month"), col("contributor_type"))
                .agg(count(lit(1)).as("contribution_lines"), sum("insured_count").cast("long").as("insured_count"),
                        sum("amount_due").as("amount_due"), sum("amount_collected").as("amount_collected"));
    }

    /** Beneficiaries who are ALD patients in the year, per regime. */
    private static Dataset<Row> aldPatients(YearSlice y) {
        return y.aldExemptions().select("og_code", "regime_code", "beneficiary_id").distinct();
    }

    /**
     * Paid spending of the year (settlement-year basis) by month and every spending breakdown. The year's ALD
     * patients are broadcast: about 3 % of beneficiaries (920 K at national scale, about 100 bytes each), too
     * many for Spark's size estimate to broadcast them itself, and the shuffle join it picked instead moved
     * every paid line of the year by beneficiary (scale 1.0: 262 s of the build), where the scan can aggregate
     * them where they lie.
     */
    static Dataset<Row> spending(YearSlice y) {
        Dataset<Row> lines = y.paidClaims().join(broadcast(aldPatients(y).withColumn("_ald_patient", lit(true))),
                new String[] {"og_code", "regime_code", "beneficiary_id"}, "left");
        return lines.groupBy(col("regime_code"), lit(y.year()).as("year"), month(col("settlement_date")).as("month"),
                        col("care_category"), col("provider_sector"), col("payment_mode"), col("ald_code"))
                .agg(count(lit(1)).as("claim_lines"), sum("amount_claimed").as("amount_claimed"),
                        sum("amount_base").as("amount_base"), sum("amount_reimbursed").as("amount_reimbursed"),
                        sum(when(col("_ald_patient"), col("amount_reimbursed")).otherwise(lit(0).cast("decimal(18,2)")))
                                .as("ald_patients_reimbursed"));
    }

    /** Per regime and ALD code: patients with an exemption overlapping the year, and ALD-coded spending. */
    static Dataset<Row> ald(YearSlice y) {
        Dataset<Row> patients = y.aldExemptions().groupBy("regime_code", "ald_code")
                .agg(count_distinct(col("og_code"), col("beneficiary_id")).as("ald_patients"));
        // from the spending mart (its grain includes ald_code): one pass over the year's claim lines, not two
        Dataset<Row> coded = y.mart(SPENDING).filter(col("ald_code").isNotNull()).groupBy("regime_code", "ald_code")
                .agg(sum("claim_lines").cast("long").as("ald_coded_lines"),
                        sum("amount_reimbursed").cast("decimal(28,2)").as("ald_coded_reimbursed"));
        return patients.join(coded, new String[] {"regime_code", "ald_code"}, "full")
                .select(col("regime_code"), lit(y.year()).as("year"), col("ald_code"),
                        coalesce(col("ald_patients"), lit(0L)).as("ald_patients"),
                        coalesce(col("ald_coded_lines"), lit(0L)).as("ald_coded_lines"),
                        coalesce(col("ald_coded_reimbursed"), lit(0).cast("decimal(28,2)")).as("ald_coded_reimbursed"));
    }

    /** Per regime: consumers, claims, ALD patients (distinct, not additive over breakdowns) and exposure. */
    static Dataset<Row> consumption(YearSlice y) {
        Dataset<Row> paid = y.paidClaims().groupBy("regime_code").agg(
                count_distinct(col("og_code"), col("beneficiary_id")).as("consumers"),
                count_distinct(col("og_code"), col("claim_id")).as("claims"),
                count(lit(1)).as("claim_lines"));
        Dataset<Row> ald = aldPatients(y).groupBy("regime_code").agg(count(lit(1)).as("ald_patients"));
        Dataset<Row> exposure = y.mart(POPULATION).groupBy("regime_code").agg(
                sum("exposure_days").as("exposure_days"), sum("insured_exposure_days").as("insured_exposure_days"));
        return y.regimes().join(paid, new String[] {"regime_code"}, "left")
                .join(ald, new String[] {"regime_code"}, "left")
                .join(exposure, new String[] {"regime_code"}, "left")
                .select(col("regime_code"), lit(y.year()).as("year"),
                        coalesce(col("consumers"), lit(0L)).as("consumers"),
                        coalesce(col("claims"), lit(0L)).as("claims"),
                        coalesce(col("claim_lines"), lit(0L)).as("claim_lines"),
                        coalesce(col("ald_patients"), lit(0L)).as("ald_patients"),
                        coalesce(col("exposure_days"), lit(0L)).cast("long").as("exposure_days"),
                        coalesce(col("insured_exposure_days"), lit(0L)).cast("long").as("insured_exposure_days"));
    }

    private static Column amount(String column) {
        return coalesce(col(column), lit(0).cast("decimal(28,2)")).cast("decimal(28,2)").as(column);
    }

    private static Column item(String... items) {
        return sum(when(col("item").isin((Object[]) items), col("amount")).otherwise(lit(0).cast("decimal(18,2)")));
    }

    /** Resources vs charges of each regime present in the year; financial items are 0 when none were delivered. */
    static Dataset<Row> technicalBalance(YearSlice y) {
        Dataset<Row> resources = y.mart(CONTRIBUTIONS).groupBy("regime_code").agg(sum("amount_collected").as("resources"));
        Dataset<Row> benefits = y.mart(SPENDING).groupBy("regime_code").agg(sum("amount_reimbursed").as("benefits_paid"));
        Dataset<Row> items = y.financials().groupBy("regime_code").agg(
                item("PRODUITS_FINANCIERS", "AUTRES_PRODUITS").as("other_income"),
                item("FRAIS_GESTION").as("management_costs"),
                item("AUTRES_CHARGES").as("other_charges"));
        String[] on = {"regime_code"};
        return y.regimes().join(resources, on, "left").join(benefits, on, "left").join(items, on, "left")
                .select(col("regime_code"), lit(y.year()).as("year"), amount("resources"), amount("other_income"),
                        amount("benefits_paid"), amount("management_costs"), amount("other_charges"))
                .withColumn("surplus", col("resources").plus(col("other_income")).minus(col("benefits_paid"))
                        .minus(col("management_costs")).minus(col("other_charges")).cast("decimal(28,2)"));
    }

    static Dataset<Row> doubleRegistration(YearSlice y) {
        return y.doubleRegistrations().groupBy(col("regime_a").as("regime_code"), col("year"), col("regime_b"))
                .agg(count_distinct(col("person_key")).as("persons_in_year"),
                        count_distinct(when(col("covered_31dec"), col("person_key"))).as("persons_31dec"));
    }

    /** The per-regime, per-year figures of the multi-year evolution table; growth is taken between rows. */
    static Dataset<Row> evolution(YearSlice y) {
        Dataset<Row> beneficiaries = y.mart(POPULATION).groupBy("regime_code")
                .agg(sum("beneficiaries_31dec").as("beneficiaries_31dec"));
        return y.mart(TECHNICAL_BALANCE).join(beneficiaries, new String[] {"regime_code"}, "left")
                .select(col("regime_code"), col("year"),
                        coalesce(col("beneficiaries_31dec"), lit(0L)).cast("long").as("beneficiaries_31dec"),
                        col("resources").as("amount_collected"), col("benefits_paid").as("amount_reimbursed"),
                        col("surplus"));
    }
}
