package ma.amo.report;

import ma.amo.common.reference.ReferenceData;
import ma.amo.marts.Exposure;
import ma.amo.marts.GoldMart;
import ma.amo.marts.GoldMarts;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static ma.amo.report.RagColumn.Kind.AMOUNT;
import static ma.amo.report.RagColumn.Kind.COUNT;
import static ma.amo.report.RagColumn.Kind.RATIO;
import static ma.amo.report.RagColumn.Kind.TEXT;
import static ma.amo.report.RagColumn.Kind.YEAR;

/**
 * T01–T14 of report-spec.md, computed in plain Java from the gold rows of one year (a few thousand rows at
 * most): exact BigDecimal sums, ratios divided from unrounded sums and rounded only when written. Each
 * regime-level table is one function applied to a {@link Cut} (one regime, or all of them for TOTAL).
 */
public final class RagTables {
    public static final String TOTAL = "TOTAL";
    private static final MathContext PRECISION = MathContext.DECIMAL128;

    private final RagData data;
    private final ReferenceData reference;
    private final int minCell;
    private final int year;
    private final BigDecimal days;
    private final List<String> regimes;

    public RagTables(RagData data, ReferenceData reference, int minCell) {
        this.data = data;
        this.reference = reference;
        this.minCell = minCell;
        this.year = data.year();
        this.days = BigDecimal.valueOf(Exposure.daysInYear(year));
        // every regime present in the year has a technical-balance row (zeros included)
        this.regimes = data.rows(GoldMarts.TECHNICAL_BALANCE).stream().map(r -> r.<String>getAs("regime_code"))
                .distinct().sorted().toList();
    }

    public List<RagTable> all() {
        return List.of(t01(), t02(), t03(), t04(), t05(), t06(), t07(), t08(), t09(), t10(), t11(), t12(), t13(), t14());
    }

    /** The rows of one regime, or of every regime for the TOTAL row. */
    private final class Cut {
        final String regime;

        Cut(String regime) {
            this.regime = regime;
        }

        boolean total() {
            return regime == null;
        }

        String code() {
            return total() ? TOTAL : regime;
        }

        Stream<Row> rows(GoldMart mart) {
            return data.rows(mart).stream().filter(r -> total() || regime.equals(r.getAs("regime_code")));
        }

        long count(GoldMart mart, String column, Predicate<Row> where) {
            return rows(mart).filter(where).mapToLong(r -> ((Number) r.getAs(column)).longValue()).sum();
        }

        long count(GoldMart mart, String column) {
            return count(mart, column, r -> true);
        }

        BigDecimal amount(GoldMart mart, String column, Predicate<Row> where) {
            return rows(mart).filter(where).map(r -> r.<BigDecimal>getAs(column)).filter(Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal amount(GoldMart mart, String column) {
            return amount(mart, column, r -> true);
        }

        /** Person-years: exposure days ÷ days in the year. */
        BigDecimal personYears(String daysColumn) {
            return ratio(BigDecimal.valueOf(count(GoldMarts.POPULATION, daysColumn)), days);
        }
    }

    private List<Cut> cuts() {
        List<Cut> cuts = new ArrayList<>(regimes.stream().map(Cut::new).toList());
        cuts.add(new Cut(null));
        return cuts;
    }

    /** num ÷ den from unrounded sums; null (empty) when the denominator is zero or unknown. */
    static BigDecimal ratio(BigDecimal num, BigDecimal den) {
        if (num == null || den == null || den.signum() == 0) {
            return null;
        }
        return num.divide(den, PRECISION);
    }

    static BigDecimal ratio(long num, long den) {
        return ratio(BigDecimal.valueOf(num), BigDecimal.valueOf(den));
    }

    private static RagColumn c(String name, String label, RagColumn.Kind kind) {
        return new RagColumn(name, label, kind);
    }

    private static final RagColumn REGIME = c("regime_code", "Régime", TEXT);

    private static List<RagColumn> cols(RagColumn... columns) {
        return List.of(columns);
    }

    private static boolean insured(Row r) {
        return "ASSURE".equals(r.getAs("relationship"));
    }

    RagTable t01() {
        RagTable t = new RagTable("T01", "T01_population", "Population couverte au 31 décembre et exposition", false, cols(
                REGIME, c("beneficiaries_31dec", "Bénéficiaires au 31/12", COUNT),
                c("insured_31dec", "Assurés au 31/12", COUNT), c("dependants_31dec", "Ayants droit au 31/12", COUNT),
                c("dependants_per_insured", "Ayants droit par assuré", RATIO),
                c("active_insured_31dec", "Assurés actifs au 31/12", COUNT),
                c("pensioner_insured_31dec", "Assurés pensionnés au 31/12", COUNT),
                c("exposure_person_years", "Exposition (personnes-années)", RATIO),
                c("distinct_persons_31dec", "Personnes distinctes au 31/12", COUNT)));
        GoldMart p = GoldMarts.POPULATION;
        for (Cut cut : cuts()) {
            long beneficiaries = cut.count(p, "beneficiaries_31dec");
            long insured = cut.count(p, "beneficiaries_31dec", RagTables::insured);
            long dependants = beneficiaries - insured;
            t.add(cut.code(), beneficiaries, insured, dependants, ratio(dependants, insured),
                    cut.count(p, "beneficiaries_31dec", r -> insured(r) && "ACTIF".equals(r.getAs("insured_status"))),
                    cut.count(p, "beneficiaries_31dec", r -> insured(r) && "PENSIONNE".equals(r.getAs("insured_status"))),
                    cut.personYears("exposure_days"),
                    cut.count(p, cut.total() ? "persons_all_regimes_31dec" : "persons_31dec"));
        }
        return t;
    }

    /**
     * The rows of a table that can suppress, held until the whole table is known (secondary suppression looks
     * at every cell), then written with the count and the figures derived from it emptied where suppressed.
     */
    private static final class SuppressibleRows {
        private final List<Object[]> rows = new ArrayList<>();
        private final List<CellSuppression.Cell> cells = new ArrayList<>();

        /** One row whose count is {@code cell}: its row is the regime (or TOTAL), its column the breakdown value. */
        void add(CellSuppression.Cell cell, Object... values) {
            cells.add(cell);
            rows.add(values);
        }

        /** Adds the rows to t; in a suppressed row, the columns named are emptied (the count, what derives from it). */
        RagTable into(RagTable t, int minCell, String... emptied) {
            List<Suppression> marks = CellSuppression.apply(cells, minCell);
            for (int i = 0; i < rows.size(); i++) {
                Object[] values = rows.get(i);
                if (marks.get(i).suppressed()) {
                    for (String column : emptied) {
                        values[t.column(column)] = null;
                    }
                }
                t.addRow(marks.get(i), values);
            }
            return t;
        }
    }

    /** T02/T03: beneficiaries at 31/12 of each regime by a breakdown, with small-cell suppression. */
    private RagTable populationBreakdown(RagTable t, Function<Row, List<String>> key) {
        SuppressibleRows rows = new SuppressibleRows();
        for (Cut cut : cuts()) {
            Map<List<String>, Long> counts = new TreeMap<>(Comparator.comparing(Object::toString));
            cut.rows(GoldMarts.POPULATION).forEach(r -> counts.merge(key.apply(r),
                    ((Number) r.getAs("beneficiaries_31dec")).longValue(), Long::sum));
            long all = counts.values().stream().mapToLong(Long::longValue).sum();
            counts.forEach((k, n) -> {
                if (n == 0) {
                    return;
                }
                List<Object> values = new ArrayList<>();
                values.add(cut.code());
                values.addAll(k);
                values.add(n);
                values.add(ratio(n, all));
                rows.add(new CellSuppression.Cell(cut.code(), k.toString(), n), values.toArray());
            });
        }
        return rows.into(t, minCell, "beneficiaries_31dec", "share_of_regime");
    }

    RagTable t02() {
        return populationBreakdown(new RagTable("T02", "T02_age_sex", "Bénéficiaires au 31 décembre par âge et sexe", true,
                cols(REGIME, c("age_band", "Tranche d'âge", TEXT), c("sex", "Sexe", TEXT),
                        c("beneficiaries_31dec", "Bénéficiaires au 31/12", COUNT),
                        c("share_of_regime", "Part du régime", RATIO))),
                r -> List.of(String.valueOf(r.<String>getAs("age_band")), r.<String>getAs("sex")));
    }

    RagTable t03() {
        return populationBreakdown(new RagTable("T03", "T03_regions", "Bénéficiaires au 31 décembre par région", true,
                cols(REGIME, c("region_code", "Région", TEXT), c("beneficiaries_31dec", "Bénéficiaires au 31/12", COUNT),
                        c("share_of_regime", "Part du régime", RATIO))),
                r -> List.of(r.<String>getAs("region_code")));
    }

    RagTable t04() {
        RagTable t = new RagTable("T04", "T04_coverage_rate", "Taux de couverture de la population", false, cols(
                REGIME, c("distinct_persons_31dec", "Personnes distinctes couvertes au 31/12", COUNT),
                c("population", "Population nationale", COUNT), c("coverage_rate", "Taux de couverture", RATIO)));
        long persons = new Cut(null).count(GoldMarts.POPULATION, "persons_all_regimes_31dec");
        Long population = reference.population(year).orElse(null);
        t.add(TOTAL, persons, population, population == null ? null : ratio(persons, population));
        return t;
    }

    RagTable t05() {
        RagTable t = new RagTable("T05", "T05_contributions", "Cotisations émises et recouvrées", false, cols(REGIME,
                c("amount_due", "Cotisations émises (MAD)", AMOUNT),
                c("amount_collected", "Cotisations recouvrées (MAD)", AMOUNT),
                c("recovery_rate", "Taux de recouvrement", RATIO),
                c("collected_per_insured", "Recouvré par assuré (MAD)", AMOUNT),
                c("collected_per_beneficiary", "Recouvré par bénéficiaire (MAD)", AMOUNT)));
        for (Cut cut : cuts()) {
            BigDecimal due = cut.amount(GoldMarts.CONTRIBUTIONS, "amount_due");
            BigDecimal collected = cut.amount(GoldMarts.CONTRIBUTIONS, "amount_collected");
            t.add(cut.code(), due, collected, ratio(collected, due),
                    ratio(collected, cut.personYears("insured_exposure_days")),
                    ratio(collected, cut.personYears("exposure_days")));
        }
        return t;
    }

    RagTable t06() {
        RagTable t = new RagTable("T06", "T06_spending", "Dépenses de l'année (base règlement)", false, cols(REGIME,
                c("claim_lines", "Lignes de prestations", COUNT), c("claims", "Dossiers", COUNT),
                c("amount_claimed", "Frais engagés (MAD)", AMOUNT), c("amount_base", "Base de remboursement (MAD)", AMOUNT),
                c("amount_reimbursed", "Montant remboursé (MAD)", AMOUNT),
                c("reimbursement_rate", "Taux de remboursement", RATIO),
                c("out_of_pocket", "Reste à charge (MAD)", AMOUNT), c("out_of_pocket_rate", "Taux de reste à charge", RATIO)));
        GoldMart s = GoldMarts.SPENDING;
        for (Cut cut : cuts()) {
            BigDecimal claimed = cut.amount(s, "amount_claimed");
            BigDecimal reimbursed = cut.amount(s, "amount_reimbursed");
            BigDecimal outOfPocket = claimed.subtract(reimbursed);
            t.add(cut.code(), cut.count(s, "claim_lines"), cut.count(GoldMarts.CONSUMPTION, "claims"), claimed,
                    cut.amount(s, "amount_base"), reimbursed, ratio(reimbursed, claimed), outOfPocket,
                    ratio(outOfPocket, claimed));
        }
        return t;
    }

    /** T07/T08: paid spending by a breakdown, with each group's share of its regime's reimbursed total. */
    private RagTable spendingBreakdown(RagTable t, List<String> keyColumns) {
        for (Cut cut : cuts()) {
            BigDecimal all = cut.amount(GoldMarts.SPENDING, "amount_reimbursed");
            TreeSet<List<String>> keys = new TreeSet<>(Comparator.comparing(Object::toString));
            cut.rows(GoldMarts.SPENDING).forEach(r -> keys.add(keyColumns.stream().map(k -> r.<String>getAs(k)).toList()));
            for (List<String> key : keys) {
                Predicate<Row> match = r -> keyColumns.stream().map(k -> r.<String>getAs(k)).toList().equals(key);
                BigDecimal reimbursed = cut.amount(GoldMarts.SPENDING, "amount_reimbursed", match);
                List<Object> values = new ArrayList<>();
                values.add(cut.code());
                values.addAll(key);
                values.add(cut.amount(GoldMarts.SPENDING, "amount_claimed", match));
                values.add(reimbursed);
                values.add(ratio(reimbursed, all));
                t.add(values.toArray());
            }
        }
        return t;
    }

    private static final RagColumn CLAIMED = c("amount_claimed", "Frais engagés (MAD)", AMOUNT);
    private static final RagColumn REIMBURSED = c("amount_reimbursed", "Montant remboursé (MAD)", AMOUNT);
    private static final RagColumn SHARE_REIMBURSED = c("share_of_reimbursed", "Part du remboursé du régime", RATIO);

    RagTable t07() {
        return spendingBreakdown(new RagTable("T07", "T07_spending_by_category", "Dépenses par catégorie de soins", false,
                cols(REGIME, c("care_category", "Catégorie de soins", TEXT), CLAIMED, REIMBURSED, SHARE_REIMBURSED)),
                List.of("care_category"));
    }

    RagTable t08() {
        return spendingBreakdown(new RagTable("T08", "T08_spending_by_sector", "Dépenses par secteur et mode de paiement",
                false, cols(REGIME, c("provider_sector", "Secteur", TEXT), c("payment_mode", "Mode de paiement", TEXT),
                        CLAIMED, REIMBURSED, SHARE_REIMBURSED)), List.of("provider_sector", "payment_mode"));
    }

    RagTable t09() {
        RagTable t = new RagTable("T09", "T09_consumption", "Consommation médicale", false, cols(REGIME,
                c("consumers", "Consommants", COUNT), c("recourse_rate", "Taux de recours", RATIO),
                c("reimbursed_per_beneficiary", "Remboursé par bénéficiaire (MAD)", AMOUNT),
                c("reimbursed_per_consumer", "Remboursé par consommant (MAD)", AMOUNT)));
        for (Cut cut : cuts()) {
            long consumers = cut.count(GoldMarts.CONSUMPTION, "consumers");
            BigDecimal exposure = cut.personYears("exposure_days");
            BigDecimal reimbursed = cut.amount(GoldMarts.SPENDING, "amount_reimbursed");
            t.add(cut.code(), consumers, ratio(BigDecimal.valueOf(consumers), exposure),
                    ratio(reimbursed, exposure), ratio(reimbursed, BigDecimal.valueOf(consumers)));
        }
        return t;
    }

    RagTable t10() {
        RagTable t = new RagTable("T10", "T10_ald", "Affections de longue durée (ALD/ALC)", false, cols(REGIME,
                c("ald_patients", "Patients en ALD", COUNT), c("ald_patients_share", "Part des bénéficiaires", RATIO),
                c("ald_coded_reimbursed", "Remboursé au titre d'une ALD (MAD)", AMOUNT),
                c("ald_coded_share", "Part du remboursé (ALD codée)", RATIO),
                c("ald_patients_reimbursed", "Remboursé aux patients en ALD (MAD)", AMOUNT),
                c("ald_patients_spending_share", "Part du remboursé (patients en ALD)", RATIO)));
        GoldMart s = GoldMarts.SPENDING;
        for (Cut cut : cuts()) {
            long patients = cut.count(GoldMarts.CONSUMPTION, "ald_patients");
            BigDecimal all = cut.amount(s, "amount_reimbursed");
            BigDecimal coded = cut.amount(s, "amount_reimbursed", r -> r.getAs("ald_code") != null);
            BigDecimal ofPatients = cut.amount(s, "ald_patients_reimbursed");
            t.add(cut.code(), patients, ratio(patients, cut.count(GoldMarts.POPULATION, "beneficiaries_31dec")),
                    coded, ratio(coded, all), ofPatients, ratio(ofPatients, all));
        }
        return t;
    }

    RagTable t11() {
        RagTable t = new RagTable("T11", "T11_ald_by_condition", "ALD par affection", true, cols(REGIME,
                c("ald_code", "Code ALD", TEXT), c("ald_patients", "Patients en ALD", COUNT),
                c("ald_coded_reimbursed", "Remboursé au titre de l'ALD (MAD)", AMOUNT),
                c("reimbursed_per_patient", "Remboursé par patient (MAD)", AMOUNT)));
        SuppressibleRows rows = new SuppressibleRows();
        for (Cut cut : cuts()) {
            Map<String, long[]> patients = new TreeMap<>();
            Map<String, BigDecimal> coded = new TreeMap<>();
            cut.rows(GoldMarts.ALD).forEach(r -> {
                long[] pl = patients.computeIfAbsent(r.getAs("ald_code"), k -> new long[2]);
                pl[0] += ((Number) r.getAs("ald_patients")).longValue();
                pl[1] += ((Number) r.getAs("ald_coded_lines")).longValue();
                coded.merge(r.getAs("ald_code"), r.<BigDecimal>getAs("ald_coded_reimbursed"), BigDecimal::add);
            });
            patients.entrySet().stream()
                    .filter(e -> e.getValue()[0] > 0 || e.getValue()[1] > 0)
                    .sorted(Comparator.<Map.Entry<String, long[]>, BigDecimal>comparing(e -> coded.get(e.getKey()))
                            .reversed().thenComparing(Map.Entry::getKey))
                    .forEach(e -> {
                        long n = e.getValue()[0];
                        BigDecimal amount = coded.get(e.getKey());
                        rows.add(new CellSuppression.Cell(cut.code(), e.getKey(), n), cut.code(), e.getKey(), n, amount,
                                ratio(amount, BigDecimal.valueOf(n)));
                    });
        }
        // ald_coded_reimbursed is not derived from the patient count: it stays (docs/report.md)
        return rows.into(t, minCell, "ald_patients", "reimbursed_per_patient");
    }

    private static final List<String> BALANCE = List.of("resources", "other_income", "benefits_paid",
            "management_costs", "other_charges", "surplus");

    RagTable t12() {
        RagTable t = new RagTable("T12", "T12_technical_balance", "Équilibre technique", false, cols(REGIME,
                c("resources", "Ressources : cotisations recouvrées (MAD)", AMOUNT),
                c("other_income", "Autres produits (MAD)", AMOUNT), c("benefits_paid", "Prestations payées (MAD)", AMOUNT),
                c("management_costs", "Frais de gestion (MAD)", AMOUNT), c("other_charges", "Autres charges (MAD)", AMOUNT),
                c("surplus", "Résultat technique (MAD)", AMOUNT), c("loss_ratio", "Ratio de sinistralité", RATIO)));
        for (Cut cut : cuts()) {
            List<Object> values = new ArrayList<>();
            values.add(cut.code());
            BALANCE.forEach(column -> values.add(cut.amount(GoldMarts.TECHNICAL_BALANCE, column)));
            values.add(ratio(cut.amount(GoldMarts.TECHNICAL_BALANCE, "benefits_paid"),
                    cut.amount(GoldMarts.TECHNICAL_BALANCE, "resources")));
            t.add(values.toArray());
        }
        return t;
    }

    RagTable t13() {
        RagTable t = new RagTable("T13", "T13_evolution", "Évolution pluriannuelle", false, cols(REGIME,
                c("year", "Année", YEAR), c("beneficiaries_31dec", "Bénéficiaires au 31/12", COUNT),
                c("amount_collected", "Cotisations recouvrées (MAD)", AMOUNT), REIMBURSED,
                c("surplus", "Résultat technique (MAD)", AMOUNT),
                c("reimbursed_growth", "Évolution du remboursé", RATIO)));
        List<Row> rows = data.rows(GoldMarts.EVOLUTION);
        List<String> codes = new ArrayList<>(rows.stream().map(r -> r.<String>getAs("regime_code")).distinct().sorted().toList());
        codes.add(null);
        for (String regime : codes) {
            TreeMap<Integer, List<Row>> byYear = new TreeMap<>();
            rows.stream().filter(r -> regime == null || regime.equals(r.getAs("regime_code")))
                    .forEach(r -> byYear.computeIfAbsent(r.<Integer>getAs("year"), y -> new ArrayList<>()).add(r));
            byYear.forEach((y, yearRows) -> {
                BigDecimal reimbursed = sum(yearRows, "amount_reimbursed");
                List<Row> before = byYear.get(y - 1);
                BigDecimal growth = before == null ? null : ratio(reimbursed, sum(before, "amount_reimbursed"));
                t.add(regime == null ? TOTAL : regime, y,
                        yearRows.stream().mapToLong(r -> r.<Long>getAs("beneficiaries_31dec")).sum(),
                        sum(yearRows, "amount_collected"), reimbursed, sum(yearRows, "surplus"),
                        growth == null ? null : growth.subtract(BigDecimal.ONE));
            });
        }
        return t;
    }

    private static BigDecimal sum(List<Row> rows, String column) {
        return rows.stream().map(r -> r.<BigDecimal>getAs(column)).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    RagTable t14() {
        RagTable t = new RagTable("T14", "T14_double_registration", "Doubles immatriculations au 31 décembre", false,
                cols(c("regime_a", "Régime A", TEXT), c("regime_b", "Régime B", TEXT),
                        c("persons", "Personnes couvertes dans les deux régimes", COUNT)));
        data.rows(GoldMarts.DOUBLE_REGISTRATION).stream()
                .filter(r -> r.<Long>getAs("persons_31dec") > 0)
                .sorted(Comparator.comparing((Row r) -> r.<String>getAs("regime_code"))
                        .thenComparing(r -> r.<String>getAs("regime_b")))
                .forEach(r -> t.add(r.<String>getAs("regime_code"), r.<String>getAs("regime_b"), r.<Long>getAs("persons_31dec")));
        t.add(TOTAL, null, new Cut(null).count(GoldMarts.POPULATION, "persons_multi_regime_31dec"));
        return t;
    }
}
