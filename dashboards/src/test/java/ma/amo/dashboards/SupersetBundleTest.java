package ma.amo.dashboards;

import ma.amo.dashboards.publish.ServingRoles;
import ma.amo.dashboards.superset.SupersetBundle;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Superset bundle against Superset's v1 import schema (the keys its ImportV1*Schema classes require, every
 * UUID reference resolving the way its import commands look them up), and every dataset and chart query run
 * against the published PostgreSQL as amo_reader: no chart may be broken. Superset itself is not installable
 * here, so the chart queries are written the way Superset writes them for a virtual dataset.
 */
class SupersetBundleTest {
    /** Required keys of Superset's ImportV1DatabaseSchema, ImportV1DatasetSchema, ImportV1ChartSchema, ImportV1DashboardSchema. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "databases", List.of("database_name", "sqlalchemy_uri", "uuid", "version"),
            "datasets", List.of("table_name", "uuid", "version", "database_uuid"),
            "charts", List.of("slice_name", "viz_type", "uuid", "version", "dataset_uuid"),
            "dashboards", List.of("dashboard_title", "uuid", "version"));
    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));
    private static Map<String, Map<String, Object>> files;

    @BeforeAll
    static void writeBundle() throws IOException {
        TestPostgres.published();
        Path zip = new SupersetBundle("postgresql://superset_reader@127.0.0.1:5432/amo", ServingFixture.REFERENCE)
                .write(ServingFixture.outputDir().resolve("superset").resolve("amo_dashboards.zip"));
        files = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                files.put(e.getName(), YAML.load(new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void followsTheImportFormatAndEveryReferenceResolves() {
        assertThat(files.keySet()).allMatch(p -> p.startsWith(SupersetBundle.ROOT + "/"));
        Map<String, Object> metadata = files.get(SupersetBundle.ROOT + "/metadata.yaml");
        assertThat(metadata).containsEntry("version", "1.0.0").containsEntry("type", "Dashboard");
        Instant.parse((String) metadata.get("timestamp"));

        Map<String, Map<String, Map<String, Object>>> byKind = new LinkedHashMap<>();
        Set<String> uuids = new HashSet<>();
        files.forEach((path, doc) -> {
            String kind = path.split("/")[1];
            if (!REQUIRED.containsKey(kind)) {
                return;
            }
            for (String key : REQUIRED.get(kind)) {
                assertThat(doc.get(key)).as(path + " " + key).isNotNull();
            }
            assertThat(doc.get("version")).isEqualTo("1.0.0");
            String uuid = (String) doc.get("uuid");
            UUID.fromString(uuid);
            assertThat(uuids.add(uuid)).as("unique uuid " + path).isTrue();
            byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(uuid, doc);
        });
        assertThat(byKind.get("databases")).hasSize(1);
        for (Map<String, Object> dataset : byKind.get("datasets").values()) {
            assertThat(byKind.get("databases")).containsKey((String) dataset.get("database_uuid"));
            for (Map<String, Object> c : list(dataset.get("columns"))) {
                assertThat(c.get("column_name")).isNotNull();
                assertThat(c.get("verbose_name")).as("French label of " + c.get("column_name")).isNotNull();
            }
            for (Map<String, Object> m : list(dataset.get("metrics"))) {
                assertThat(m.get("metric_name")).isNotNull();
                assertThat(m.get("expression")).isNotNull();
            }
        }
        for (Map<String, Object> chart : byKind.get("charts").values()) {
            assertThat(byKind.get("datasets")).containsKey((String) chart.get("dataset_uuid"));
        }

        assertThat(byKind.get("dashboards").values()).extracting(d -> d.get("dashboard_title"))
                .containsExactlyInAnyOrder("Équilibre financier des régimes", "Population couverte", "Consommation médicale");
        Set<String> placed = new HashSet<>();
        for (Map<String, Object> dash : byKind.get("dashboards").values()) {
            Map<String, Object> position = map(dash.get("position"));
            position.forEach((id, node) -> {
                if (!(node instanceof Map<?, ?>)) {
                    return;
                }
                Map<String, Object> n = map(node);
                for (String child : strings(n.getOrDefault("children", List.of()))) {
                    assertThat(position).as("child of " + id).containsKey(child);
                }
                if ("CHART".equals(n.get("type"))) {
                    String chartUuid = (String) map(n.get("meta")).get("uuid");
                    assertThat(byKind.get("charts")).as("chart of " + dash.get("dashboard_title")).containsKey(chartUuid);
                    placed.add(chartUuid);
                }
            });
            List<Map<String, Object>> filters = list(map(dash.get("metadata")).get("native_filter_configuration"));
            assertThat(filters).extracting(f -> map(list(f.get("targets")).get(0).get("column")).get("name"))
                    .containsExactlyInAnyOrder("year", "regime_code");
            for (Map<String, Object> f : filters) {
                String datasetUuid = (String) list(f.get("targets")).get(0).get("datasetUuid");
                assertThat(byKind.get("datasets")).containsKey(datasetUuid);
            }
        }
        assertThat(placed).as("every chart is on a dashboard").isEqualTo(byKind.get("charts").keySet());
    }

    @Test
    void uuidsAreStableAcrossGenerations() {
        Map<String, String> again = new SupersetBundle("postgresql://other@host/amo", ServingFixture.REFERENCE).files();
        files.forEach((path, doc) -> {
            if (doc.containsKey("uuid")) {
                assertThat(YAML.<Map<String, Object>>load(again.get(path)).get("uuid")).as(path).isEqualTo(doc.get("uuid"));
            }
        });
    }

    @Test
    void everyDatasetAndEveryChartQueryRunsAgainstThePublishedDatabase() {
        Map<String, Map<String, Object>> datasets = new LinkedHashMap<>();
        files.forEach((path, doc) -> {
            if (path.contains("/datasets/")) {
                datasets.put((String) doc.get("uuid"), doc);
            }
        });
        int chartsRun = 0;
        try (Handle h = TestPostgres.jdbi().open()) {
            h.begin();
            // As the read-only role a Superset connection would be granted.
            h.execute("SET LOCAL ROLE " + ServingRoles.READER);
            for (Map<String, Object> d : datasets.values()) {
                List<Map<String, Object>> rows = h.createQuery((String) d.get("sql")).mapToMap().list();
                assertThat(rows).as("dataset " + d.get("table_name")).isNotEmpty();
                assertThat(rows.get(0).keySet()).as("columns of " + d.get("table_name")).containsExactlyElementsOf(
                        list(d.get("columns")).stream().map(c -> (String) c.get("column_name")).toList());
            }
            for (Map.Entry<String, Map<String, Object>> f : files.entrySet()) {
                if (!f.getKey().contains("/charts/")) {
                    continue;
                }
                Map<String, Object> chart = f.getValue();
                Map<String, Object> dataset = datasets.get((String) chart.get("dataset_uuid"));
                for (Integer year : java.util.Arrays.asList(2024, null)) {
                    String sql = chartQuery(map(chart.get("params")), dataset, year);
                    List<Map<String, Object>> rows = h.createQuery(sql).mapToMap().list();
                    assertThat(rows).as(chart.get("slice_name") + ": " + sql).isNotEmpty();
                }
                chartsRun++;
            }
            // One figure end to end: the resources KPI is the published sum.
            BigDecimal resources = h.createQuery(chartQuery(Map.of("metric", "resources"),
                    datasets.values().stream().filter(d -> d.get("table_name").equals("equilibre_financier")).findFirst().orElseThrow(),
                    2024)).mapTo(BigDecimal.class).one();
            assertThat(resources).isEqualByComparingTo(h.createQuery("SELECT sum(resources) FROM amo.technical_balance WHERE year = 2024")
                    .mapTo(BigDecimal.class).one());
            h.rollback();
        }
        assertThat(chartsRun).isGreaterThanOrEqualTo(20);
    }

    /**
     * The query Superset sends for a chart on a virtual dataset: the dataset's SQL as a subquery, the chart's
     * x-axis and group-by columns, its saved metrics by expression, the native filters' column filters.
     */
    private static String chartQuery(Map<String, Object> params, Map<String, Object> dataset, Integer year) {
        Map<String, String> metricSql = list(dataset.get("metrics")).stream()
                .collect(Collectors.toMap(m -> (String) m.get("metric_name"), m -> (String) m.get("expression")));
        Set<String> columns = list(dataset.get("columns")).stream().map(c -> (String) c.get("column_name")).collect(Collectors.toSet());
        List<String> metrics = new ArrayList<>();
        if (params.get("metric") != null) {
            metrics.add((String) params.get("metric"));
        }
        if (params.get("metrics") != null) {
            metrics.addAll(strings(params.get("metrics")));
        }
        List<String> groups = new ArrayList<>();
        if (params.get("x_axis") != null) {
            groups.add((String) params.get("x_axis"));
        }
        if (params.get("groupby") != null) {
            groups.addAll(strings(params.get("groupby")));
        }
        assertThat(metrics).isNotEmpty();
        assertThat(columns).as("dataset " + dataset.get("table_name")).containsAll(groups).contains("year", "regime_code");
        List<String> select = new ArrayList<>(groups);
        for (String m : metrics) {
            assertThat(metricSql).as("metric " + m + " of " + dataset.get("table_name")).containsKey(m);
            select.add(metricSql.get(m) + " AS \"" + m + "\"");
        }
        return "SELECT " + String.join(", ", select) + " FROM (" + dataset.get("sql") + ") AS virtual_table"
                + (year == null ? "" : " WHERE year IN (" + year + ")")
                + (groups.isEmpty() ? "" : " GROUP BY " + String.join(", ", groups))
                + " LIMIT " + params.getOrDefault("row_limit", 10000);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        return (List<String>) o;
    }
}
