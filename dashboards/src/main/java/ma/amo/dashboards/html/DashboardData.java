package ma.amo.dashboards.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.PlatformVersion;
import ma.amo.common.reference.ReferenceData;
import ma.amo.dashboards.DataDictionary;
import ma.amo.dashboards.ReferenceLabels;
import ma.amo.dashboards.publish.GoldSnapshot;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * The figures the self-contained dashboard embeds, as one JSON document: small aggregates of the gold marts
 * (regime × year × the breakdowns the charts need) that the page's script sums for the selected regime and
 * year, plus the French labels of the codes. Read from the same snapshot a publication reads, so the page and
 * the published tables show the same numbers.
 */
public final class DashboardData {
    /** The universal-coverage target the population view compares with (90% by 2025). */
    public static final BigDecimal COVERAGE_TARGET = new BigDecimal("0.90");

    private DashboardData() {
    }

    public static ObjectNode build(GoldSnapshot snapshot, ReferenceData reference, DataDictionary dictionary) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("platformVersion", PlatformVersion.get());
        doc.put("buildStateVersion", snapshot.buildStateVersion());
        doc.put("coverageTarget", COVERAGE_TARGET);

        Dataset<Row> balance = table(snapshot, "technical_balance").select("regime_code", "year", "resources",
                "other_income", "benefits_paid", "management_costs", "other_charges", "surplus");
        Dataset<Row> population = sums(table(snapshot, "population"),
                List.of("regime_code", "year", "age_band", "sex", "region_code"),
                "beneficiaries_31dec", "persons_all_regimes_31dec");
        Dataset<Row> spending = sums(table(snapshot, "spending"),
                List.of("regime_code", "year", "care_category", "provider_sector", "payment_mode"),
                "amount_claimed", "amount_reimbursed", "ald_patients_reimbursed");
        Dataset<Row> consumption = table(snapshot, "consumption").select("regime_code", "year", "consumers",
                "ald_patients", "exposure_days");

        TreeSet<Integer> years = new TreeSet<>();
        TreeSet<String> regimes = new TreeSet<>();
        for (Map.Entry<String, Dataset<Row>> e : Map.of("balance", balance, "population", population,
                "spending", spending, "consumption", consumption).entrySet()) {
            ArrayNode rows = doc.putArray(e.getKey());
            for (Row r : e.getValue().orderBy("regime_code", "year").collectAsList()) {
                ArrayNode a = rows.addArray();
                for (int i = 0; i < r.size(); i++) {
                    Object v = r.get(i);
                    if (v == null) {
                        a.addNull();
                    } else if (v instanceof BigDecimal d) {
                        a.add(d);
                    } else if (v instanceof Long l) {
                        a.add(l);
                    } else if (v instanceof Integer n) {
                        a.add(n);
                    } else {
                        a.add(v.toString());
                    }
                }
                regimes.add(r.getString(0));
                years.add(r.getInt(1));
            }
        }
        ArrayNode yearList = doc.putArray("years");
        years.forEach(yearList::add);
        ObjectNode nationalPopulation = doc.putObject("nationalPopulation");
        years.forEach(y -> reference.population(y).ifPresent(p -> nationalPopulation.put(String.valueOf(y), p)));
        ObjectNode labels = doc.putObject("labels");
        ObjectNode regimeLabels = labels.putObject("regimes");
        ObjectNode regimeNames = labels.putObject("regimeNames");
        Map<String, String> names = ReferenceLabels.regimes(reference);
        regimes.forEach(r -> {
            regimeLabels.put(r, dictionary.regimeShortLabel(r));
            regimeNames.put(r, names.getOrDefault(r, r));
        });
        labels.set("careCategories", json.valueToTree(ReferenceLabels.careCategories(reference)));
        labels.set("regions", json.valueToTree(ReferenceLabels.regions(reference)));
        return doc;
    }

    private static Dataset<Row> table(GoldSnapshot snapshot, String name) {
        return snapshot.tables().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the last build has no gold." + name)).rows();
    }

    private static Dataset<Row> sums(Dataset<Row> rows, List<String> by, String... measures) {
        Column[] aggregates = Arrays.stream(measures).map(m -> sum(col(m)).as(m)).toArray(Column[]::new);
        return rows.groupBy(by.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(aggregates[0], Arrays.copyOfRange(aggregates, 1, aggregates.length));
    }
}
