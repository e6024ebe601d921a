package ma.amo.dashboards.superset;

import ma.amo.common.reference.ReferenceData;
import ma.amo.dashboards.DataDictionary;
import ma.amo.dashboards.ReferenceLabels;
import ma.amo.dashboards.html.DashboardData;
import ma.amo.dashboards.superset.SupersetModel.Chart;
import ma.amo.dashboards.superset.SupersetModel.Dashboard;
import ma.amo.dashboards.superset.SupersetModel.Dataset;
import ma.amo.dashboards.superset.SupersetModel.DatasetColumn;
import ma.amo.dashboards.superset.SupersetModel.Metric;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The three leadership dashboards, as code: virtual datasets over the published schema {@code amo} (labels of
 * codes joined from the reference data), saved metrics with French names, charts and their layout.
 */
final class SupersetCatalog {
    static final String AMOUNT = ",.2f";
    static final String COUNT = ",d";
    static final String PERCENT = ".1%";

    private final DataDictionary dictionary;
    final Dataset balance;
    final Dataset population;
    final Dataset spending;
    final Dataset consumption;
    final List<Dashboard> dashboards;

    SupersetCatalog(ReferenceData reference, DataDictionary dictionary) {
        this.dictionary = dictionary;
        balance = new Dataset("equilibre_financier", "Équilibre technique par régime et année (amo.technical_balance)",
                "SELECT regime_code, year, resources, other_income, benefits_paid, management_costs, other_charges, surplus\n"
                        + "FROM amo.technical_balance",
                columns("regime_code", "TEXT", "year", "INTEGER", "resources", "NUMERIC", "other_income", "NUMERIC",
                        "benefits_paid", "NUMERIC", "management_costs", "NUMERIC", "other_charges", "NUMERIC", "surplus", "NUMERIC"),
                List.of(sum("resources", AMOUNT), sum("benefits_paid", AMOUNT), sum("surplus", AMOUNT),
                        sum("management_costs", AMOUNT), sum("other_income", AMOUNT),
                        new Metric("loss_ratio", "Taux de sinistralité (prestations ÷ ressources)",
                                "SUM(benefits_paid) / NULLIF(SUM(resources), 0)", PERCENT)));
        population = new Dataset("population_couverte", "Population couverte au 31 décembre (amo.population), libellés "
                + "des régions et population nationale de l'année (données de référence)",
                "SELECT p.regime_code, p.year, p.age_band, p.sex,\n"
                        + "       CASE p.sex WHEN 'M' THEN 'Hommes' WHEN 'F' THEN 'Femmes' ELSE 'Non renseigné' END AS sex_label,\n"
                        + "       p.region_code, coalesce(r.region_label, 'Non renseignée') AS region_label,\n"
                        + "       p.beneficiaries_31dec, p.persons_all_regimes_31dec, n.national_population\n"
                        + "FROM amo.population p\n"
                        + "LEFT JOIN (VALUES " + values(ReferenceLabels.regions(reference)) + ") AS r(region_code, region_label)"
                        + " ON r.region_code = p.region_code\n"
                        + "LEFT JOIN (VALUES " + populationValues(reference) + ") AS n(year, national_population)"
                        + " ON n.year = p.year",
                columns("regime_code", "TEXT", "year", "INTEGER", "age_band", "TEXT", "sex", "TEXT",
                        "sex_label", "TEXT", "region_code", "TEXT", "region_label", "TEXT", "beneficiaries_31dec", "BIGINT",
                        "persons_all_regimes_31dec", "BIGINT", "national_population", "BIGINT"),
                List.of(sum("beneficiaries_31dec", COUNT), sum("persons_all_regimes_31dec", COUNT),
                        new Metric("coverage_rate", "Taux de couverture (personnes distinctes ÷ population)",
                                "SUM(persons_all_regimes_31dec)::numeric / NULLIF(MAX(national_population), 0)", PERCENT),
                        new Metric("coverage_target", "Objectif de couverture", DashboardData.COVERAGE_TARGET.toPlainString(),
                                PERCENT)));
        spending = new Dataset("consommation_medicale", "Dépenses payées (amo.spending) avec le libellé de la catégorie de soins",
                "SELECT s.regime_code, s.year, s.month, s.care_category, coalesce(c.care_label, s.care_category) AS care_label,\n"
                        + "       s.provider_sector, s.payment_mode, s.ald_code, s.claim_lines, s.amount_claimed, s.amount_reimbursed,\n"
                        + "       s.ald_patients_reimbursed\n"
                        + "FROM amo.spending s\n"
                        + "LEFT JOIN (VALUES " + values(ReferenceLabels.careCategories(reference)) + ") AS c(care_category, care_label)"
                        + " ON c.care_category = s.care_category",
                columns("regime_code", "TEXT", "year", "INTEGER", "month", "INTEGER", "care_category", "TEXT",
                        "care_label", "TEXT", "provider_sector", "TEXT", "payment_mode", "TEXT", "ald_code", "TEXT",
                        "claim_lines", "BIGINT", "amount_claimed", "NUMERIC", "amount_reimbursed", "NUMERIC",
                        "ald_patients_reimbursed", "NUMERIC"),
                List.of(sum("amount_reimbursed", AMOUNT), sum("amount_claimed", AMOUNT), sum("claim_lines", COUNT),
                        new Metric("ald_spending_share", "Part des dépenses des patients en ALD",
                                "SUM(ald_patients_reimbursed) / NULLIF(SUM(amount_reimbursed), 0)", PERCENT)));
        consumption = new Dataset("consommation_par_regime", "Consommants, patients en ALD, exposition et remboursements "
                + "par régime et année (amo.consumption, amo.evolution, amo.spending)",
                "SELECT c.regime_code, c.year, c.consumers, c.ald_patients, e.beneficiaries_31dec,\n"
                        + "       c.exposure_days::numeric / (make_date(c.year + 1, 1, 1) - make_date(c.year, 1, 1)) AS exposure_person_years,\n"
                        + "       e.amount_reimbursed, coalesce(s.ald_patients_reimbursed, 0) AS ald_patients_reimbursed\n"
                        + "FROM amo.consumption c\n"
                        + "JOIN amo.evolution e ON e.regime_code = c.regime_code AND e.year = c.year\n"
                        + "LEFT JOIN (SELECT regime_code, year, sum(ald_patients_reimbursed) AS ald_patients_reimbursed\n"
                        + "           FROM amo.spending GROUP BY regime_code, year) s ON s.regime_code = c.regime_code AND s.year = c.year",
                columns("regime_code", "TEXT", "year", "INTEGER", "consumers", "BIGINT", "ald_patients", "BIGINT",
                        "beneficiaries_31dec", "BIGINT", "exposure_person_years", "NUMERIC", "amount_reimbursed", "NUMERIC",
                        "ald_patients_reimbursed", "NUMERIC"),
                List.of(sum("consumers", COUNT), sum("ald_patients", COUNT),
                        new Metric("reimbursed_per_beneficiary", "Dépense remboursée par bénéficiaire (MAD)",
                                "SUM(amount_reimbursed) / NULLIF(SUM(exposure_person_years), 0)", AMOUNT),
                        new Metric("ald_patients_share", "Part des patients en ALD parmi les bénéficiaires",
                                "SUM(ald_patients)::numeric / NULLIF(SUM(beneficiaries_31dec), 0)", PERCENT),
                        new Metric("ald_spending_share", "Part des dépenses des patients en ALD",
                                "SUM(ald_patients_reimbursed) / NULLIF(SUM(amount_reimbursed), 0)", PERCENT)));

        dashboards = List.of(
                new Dashboard("Équilibre financier des régimes", "amo-equilibre-financier",
                        "Ressources et prestations payées, excédent, taux de sinistralité et frais de gestion par régime et année.",
                        balance, List.of(
                        List.of(bigNumber("Ressources (cotisations recouvrées)", balance, "resources"),
                                bigNumber("Prestations payées", balance, "benefits_paid"),
                                bigNumber("Excédent ou déficit technique", balance, "surplus"),
                                bigNumber("Taux de sinistralité", balance, "loss_ratio")),
                        List.of(bars("Ressources et prestations payées par régime", balance, "regime_code", null,
                                        List.of("resources", "benefits_paid"), 6),
                                line("Évolution des ressources, des prestations et de l'excédent", balance, "year",
                                        List.of("resources", "benefits_paid", "surplus"), 6)),
                        List.of(table("Sinistralité et frais de gestion par régime et année", balance,
                                List.of("regime_code", "year"),
                                List.of("resources", "benefits_paid", "loss_ratio", "management_costs", "other_income", "surplus"), 12)))),
                new Dashboard("Population couverte", "amo-population-couverte",
                        "Bénéficiaires par régime, pyramide des âges, régions, taux de couverture face à l'objectif de 90 %.",
                        population, List.of(
                        List.of(bigNumber("Bénéficiaires au 31 décembre", population, "beneficiaries_31dec"),
                                bigNumber("Personnes distinctes couvertes", population, "persons_all_regimes_31dec"),
                                bigNumber("Taux de couverture", population, "coverage_rate")),
                        List.of(bars("Bénéficiaires par régime", population, "regime_code", null, List.of("beneficiaries_31dec"), 4),
                                bars("Pyramide des âges (bénéficiaires par tranche d'âge et sexe)", population, "age_band",
                                        "sex_label", List.of("beneficiaries_31dec"), 4),
                                bars("Bénéficiaires par région", population, "region_label", null, List.of("beneficiaries_31dec"), 4)),
                        List.of(table("Taux de couverture et objectif de 90 %", population, List.of("year"),
                                List.of("persons_all_regimes_31dec", "coverage_rate", "coverage_target"), 12)))),
                new Dashboard("Consommation médicale", "amo-consommation-medicale",
                        "Structure des dépenses par catégorie de soins, secteur et mode de paiement, concentration sur les "
                                + "patients en ALD, dépense par bénéficiaire.",
                        spending, List.of(
                        List.of(bigNumber("Montant remboursé", spending, "amount_reimbursed"),
                                bigNumber("Part des dépenses des patients en ALD", spending, "ald_spending_share"),
                                bigNumber("Patients en ALD", consumption, "ald_patients")),
                        List.of(pie("Structure des remboursements par catégorie de soins", spending, "care_label", "amount_reimbursed", 6),
                                bars("Remboursements par secteur et mode de paiement", spending, "provider_sector", "payment_mode",
                                        List.of("amount_reimbursed"), 6)),
                        List.of(bars("Dépense remboursée par bénéficiaire, par régime", consumption, "regime_code", null,
                                        List.of("reimbursed_per_beneficiary"), 6),
                                table("Concentration des dépenses sur les patients en ALD", consumption, List.of("regime_code"),
                                        List.of("ald_patients", "ald_patients_share", "ald_spending_share"), 6)))));
    }

    List<Dataset> datasets() {
        return List.of(balance, population, spending, consumption);
    }

    private List<DatasetColumn> columns(String... nameType) {
        List<DatasetColumn> cols = new ArrayList<>();
        for (int i = 0; i < nameType.length; i += 2) {
            String name = nameType[i];
            cols.add(new DatasetColumn(name, nameType[i + 1], dictionary.columnLabel(name).orElseGet(() -> extraLabel(name))));
        }
        return cols;
    }

    /** Labels of the columns the datasets add to the marts' own. */
    private static String extraLabel(String column) {
        return switch (column) {
            case "sex_label" -> "Sexe";
            case "region_label" -> "Région";
            case "care_label" -> "Catégorie de soins";
            case "national_population" -> "Population nationale de l'année";
            case "exposure_person_years" -> "Population moyenne couverte (personnes-années)";
            default -> throw new IllegalStateException("no label for dataset column " + column);
        };
    }

    private Metric sum(String column, String format) {
        return new Metric(column, dictionary.columnLabel(column).orElseThrow(), "SUM(" + column + ")", format);
    }

    private static String values(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> "(" + literal(e.getKey()) + ", " + literal(e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String populationValues(ReferenceData reference) {
        List<String> rows = new ArrayList<>();
        reference.table("population.csv").rows().forEach(r -> rows.add("(" + Integer.parseInt(r.get("year")) + ", "
                + Long.parseLong(r.get("population")) + ")"));
        // VALUES needs one row; a year 0 with no population keeps the join valid when the reference has none.
        return rows.isEmpty() ? "(0, NULL::bigint)" : String.join(", ", rows);
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static Chart bigNumber(String name, Dataset d, String metric) {
        Map<String, Object> p = base("big_number_total");
        p.put("metric", metric);
        p.put("header_font_size", 0.4);
        p.put("subheader_font_size", 0.15);
        p.put("y_axis_format", format(d, metric));
        return new Chart(name, "big_number_total", d, p, 3);
    }

    private static Chart bars(String name, Dataset d, String xAxis, String series, List<String> metrics, int width) {
        Map<String, Object> p = base("echarts_timeseries_bar");
        p.put("x_axis", xAxis);
        p.put("metrics", metrics);
        p.put("groupby", series == null ? List.of() : List.of(series));
        p.put("orientation", "vertical");
        p.put("show_legend", true);
        p.put("show_value", true);
        p.put("y_axis_format", format(d, metrics.get(0)));
        p.put("x_axis_sort_asc", true);
        return new Chart(name, "echarts_timeseries_bar", d, p, width);
    }

    private static Chart line(String name, Dataset d, String xAxis, List<String> metrics, int width) {
        Map<String, Object> p = base("echarts_timeseries_line");
        p.put("x_axis", xAxis);
        p.put("metrics", metrics);
        p.put("groupby", List.of());
        p.put("show_legend", true);
        p.put("markerEnabled", true);
        p.put("y_axis_format", format(d, metrics.get(0)));
        return new Chart(name, "echarts_timeseries_line", d, p, width);
    }

    private static Chart pie(String name, Dataset d, String groupby, String metric, int width) {
        Map<String, Object> p = base("pie");
        p.put("metric", metric);
        p.put("groupby", List.of(groupby));
        p.put("show_labels", true);
        p.put("label_type", "key_percent");
        p.put("number_format", format(d, metric));
        return new Chart(name, "pie", d, p, width);
    }

    private static Chart table(String name, Dataset d, List<String> groupby, List<String> metrics, int width) {
        Map<String, Object> p = base("table");
        p.put("query_mode", "aggregate");
        p.put("groupby", groupby);
        p.put("metrics", metrics);
        p.put("order_desc", true);
        return new Chart(name, "table", d, p, width);
    }

    private static Map<String, Object> base(String vizType) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("viz_type", vizType);
        p.put("adhoc_filters", List.of());
        p.put("row_limit", 10000);
        p.put("color_scheme", "supersetColors");
        return p;
    }

    private static String format(Dataset d, String metric) {
        return d.metrics().stream().filter(m -> m.name().equals(metric)).findFirst()
                .orElseThrow(() -> new IllegalStateException("dataset " + d.name() + " has no metric " + metric)).format();
    }
}
