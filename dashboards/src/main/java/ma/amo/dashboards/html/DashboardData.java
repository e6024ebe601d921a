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

import ma.amo.report.CellSuppression;
import ma.amo.report.RagTables;
import ma.amo.report.Suppression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

/**
 * The figures the self-contained dashboard embeds, as one JSON document: small aggregates of the gold marts
 * (regime × year × the breakdowns the charts need) that the page's script sums for the selected regime and
 * year, plus the French labels of the codes. Beneficiary counts by age, sex and region come suppressed as in
 * the RAG's T02/T03 (per regime and TOTAL, never summed in the page). Read from the same snapshot a publication reads, so the page and
 * the published tables show the same numbers.
 */
public final class DashboardData {
    /** The universal-coverage target the population view compares with (90% by 2025). */
    public static final BigDecimal COVERAGE_TARGET = new BigDecimal("0.90");

    private DashboardData() {
    }

    /**
     * The page's data. Beneficiaries are embedded at regime level, and by age band × sex (pyramid) and by region
     * only as T02 and T03 publish them: per regime and TOTAL, with small-cell suppression (primary and secondary,
     * {@link CellSuppression}) at {@code minCell}, so the page shows no count the RAG would hide.
     */
    public static ObjectNode build(GoldSnapshot snapshot, ReferenceData reference, DataDictionary dictionary, int minCell) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = json.createObjectNode();
        doc.put("platformVersion", PlatformVersion.get());
        doc.put("minCell", minCell);
        doc.put("buildStateVersion", snapshot.buildStateVersion());
        doc.put("coverageTarget", COVERAGE_TARGET);

        Dataset<Row> balance = table(snapshot, "technical_balance").select("regime_code", "year", "resources",
                "other_income", "benefits_paid", "management_costs", "other_charges", "surplus");
        Dataset<Row> populationRows = table(snapshot, "population");
        Dataset<Row> population = sums(populationRows, List.of("regime_code", "year"),
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
        breakdown(doc.putArray("pyramid"), sums(populationRows, List.of("regime_code", "year", "age_band", "sex"),
                "beneficiaries_31dec"), 2, minCell);
        breakdown(doc.putArray("regions"), sums(populationRows, List.of("regime_code", "year", "region_code"),
                "beneficiaries_31dec"), 1, minCell);
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

    /**
     * Rows [regime or TOTAL, year, key columns…, beneficiaries (null when suppressed), suppression] of one
     * breakdown, each year suppressed as its own table, exactly as the RAG's T02/T03: non-zero combinations,
     * regimes then TOTAL, keys in order. {@code rows} are [regime, year, keys…, beneficiaries].
     */
    private static void breakdown(ArrayNode out, Dataset<Row> rows, int keys, int minCell) {
        Map<Integer, Map<List<String>, Long>> byYear = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            long n = r.isNullAt(2 + keys) ? 0 : ((Number) r.get(2 + keys)).longValue();
            List<String> regimeAndKey = new ArrayList<>();
            for (int i = 0; i < 1 + keys; i++) {
                regimeAndKey.add(i == 0 ? r.getString(0) : r.isNullAt(1 + i) ? null : String.valueOf(r.get(1 + i)));
            }
            Map<List<String>, Long> cells = byYear.computeIfAbsent(r.getInt(1), y -> new TreeMap<>(KEY_ORDER));
            cells.merge(regimeAndKey, n, Long::sum);
            List<String> total = new ArrayList<>(regimeAndKey);
            total.set(0, RagTables.TOTAL);
            cells.merge(total, n, Long::sum);
        }
        byYear.forEach((year, cells) -> {
            List<Map.Entry<List<String>, Long>> listed = cells.entrySet().stream().filter(e -> e.getValue() > 0).toList();
            List<Suppression> marks = CellSuppression.apply(listed.stream().map(e -> new CellSuppression.Cell(
                    e.getKey().get(0), String.join("|", e.getKey().subList(1, e.getKey().size())), e.getValue())).toList(), minCell);
            for (int i = 0; i < listed.size(); i++) {
                ArrayNode a = out.addArray();
                List<String> k = listed.get(i).getKey();
                a.add(k.get(0)).add(year);
                k.subList(1, k.size()).forEach(a::add);
                if (marks.get(i).suppressed()) {
                    a.addNull();
                } else {
                    a.add(listed.get(i).getValue());
                }
                a.add(marks.get(i).csv());
            }
        });
    }

    /** Regimes in code order, TOTAL after them; then the breakdown values. */
    private static final Comparator<List<String>> KEY_ORDER = Comparator
            .<List<String>, Boolean>comparing(k -> RagTables.TOTAL.equals(k.get(0))).thenComparing(List::toString);

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
