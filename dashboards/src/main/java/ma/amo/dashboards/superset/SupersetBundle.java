package ma.amo.dashboards.superset;

import ma.amo.common.reference.ReferenceData;
import ma.amo.dashboards.DataDictionary;
import ma.amo.dashboards.superset.SupersetModel.Chart;
import ma.amo.dashboards.superset.SupersetModel.Dashboard;
import ma.amo.dashboards.superset.SupersetModel.Dataset;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Superset import bundle (the v1 export/import format: {@code metadata.yaml}, {@code databases/},
 * {@code datasets/}, {@code charts/}, {@code dashboards/} YAML under one root folder of a ZIP). UUIDs are
 * name-based (v3, from a fixed namespace and the object's kind and name), so importing a newer bundle updates the
 * same objects instead of duplicating them.
 */
public final class SupersetBundle {
    public static final String ROOT = "amo_dashboards";
    static final String VERSION = "1.0.0";
    private static final String DATABASE_NAME = "AMO - marts publiés (PostgreSQL)";
    private static final String NAMESPACE = "ma.amo.dashboards.superset/";

    private final String sqlalchemyUri;
    private final SupersetCatalog catalog;

    public SupersetBundle(String sqlalchemyUri, ReferenceData reference) {
        this.sqlalchemyUri = sqlalchemyUri;
        this.catalog = new SupersetCatalog(reference, DataDictionary.load());
    }

    static UUID uuid(String kind, String name) {
        return UUID.nameUUIDFromBytes((NAMESPACE + kind + "/" + name).getBytes(StandardCharsets.UTF_8));
    }

    /** The bundle's files: path inside the ZIP → YAML text, in a fixed order. */
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("version", VERSION);
        metadata.put("type", "Dashboard");
        metadata.put("timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        files.put(ROOT + "/metadata.yaml", yaml(metadata));
        files.put(ROOT + "/databases/amo_postgresql.yaml", yaml(database()));
        for (Dataset d : catalog.datasets()) {
            files.put(ROOT + "/datasets/amo_postgresql/" + d.name() + ".yaml", yaml(dataset(d)));
        }
        for (Dashboard dash : catalog.dashboards) {
            for (List<Chart> row : dash.rows()) {
                for (Chart c : row) {
                    files.put(ROOT + "/charts/" + fileName(c.name()) + "_" + uuid("chart", c.name()).toString().substring(0, 8)
                            + ".yaml", yaml(chart(c)));
                }
            }
            files.put(ROOT + "/dashboards/" + dash.slug() + ".yaml", yaml(dashboard(dash)));
        }
        return files;
    }

    /** Writes the ZIP and returns its path. */
    public Path write(Path zip) {
        try {
            Path parent = zip.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                for (Map.Entry<String, String> f : files().entrySet()) {
                    z.putNextEntry(new ZipEntry(f.getKey()));
                    z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    z.closeEntry();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Superset bundle " + zip, e);
        }
    }

    public List<String> dashboardTitles() {
        return catalog.dashboards.stream().map(Dashboard::title).toList();
    }

    private Map<String, Object> database() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("database_name", DATABASE_NAME);
        m.put("sqlalchemy_uri", sqlalchemyUri);
        m.put("cache_timeout", null);
        m.put("expose_in_sqllab", true);
        m.put("allow_run_async", false);
        m.put("allow_ctas", false);
        m.put("allow_cvas", false);
        m.put("allow_dml", false);
        m.put("allow_csv_upload", false);
        m.put("extra", Map.of("allows_virtual_table_explore", true));
        m.put("uuid", uuid("database", DATABASE_NAME).toString());
        m.put("version", VERSION);
        return m;
    }

    private Map<String, Object> dataset(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("table_name", d.name());
        m.put("main_dttm_col", null);
        m.put("description", d.description());
        m.put("default_endpoint", null);
        m.put("offset", 0);
        m.put("cache_timeout", null);
        m.put("schema", "amo");
        m.put("sql", d.sql());
        m.put("params", null);
        m.put("template_params", null);
        m.put("filter_select_enabled", true);
        m.put("fetch_values_predicate", null);
        m.put("extra", null);
        m.put("uuid", uuid("dataset", d.name()).toString());
        List<Map<String, Object>> metrics = new ArrayList<>();
        for (SupersetModel.Metric metric : d.metrics()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("metric_name", metric.name());
            x.put("verbose_name", metric.label());
            x.put("metric_type", null);
            x.put("expression", metric.expression());
            x.put("description", null);
            x.put("d3format", metric.format());
            x.put("extra", null);
            x.put("warning_text", null);
            metrics.add(x);
        }
        m.put("metrics", metrics);
        List<Map<String, Object>> columns = new ArrayList<>();
        for (SupersetModel.DatasetColumn c : d.columns()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("column_name", c.name());
            x.put("verbose_name", c.label());
            x.put("is_dttm", false);
            x.put("is_active", true);
            x.put("type", c.type());
            x.put("groupby", true);
            x.put("filterable", true);
            x.put("expression", null);
            x.put("description", null);
            x.put("python_date_format", null);
            columns.add(x);
        }
        m.put("columns", columns);
        m.put("version", VERSION);
        m.put("database_uuid", uuid("database", DATABASE_NAME).toString());
        return m;
    }

    private Map<String, Object> chart(Chart c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slice_name", c.name());
        m.put("description", null);
        m.put("certified_by", null);
        m.put("certification_details", null);
        m.put("viz_type", c.vizType());
        m.put("params", c.params());
        m.put("query_context", null);
        m.put("cache_timeout", null);
        m.put("uuid", uuid("chart", c.name()).toString());
        m.put("version", VERSION);
        m.put("dataset_uuid", uuid("dataset", c.dataset().name()).toString());
        return m;
    }

    /** Layout (Superset's position v2 tree: ROOT → GRID → rows → charts, 12 columns wide) and native filters. */
    private Map<String, Object> dashboard(Dashboard d) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("DASHBOARD_VERSION_KEY", "v2");
        position.put("ROOT_ID", node("ROOT", "ROOT_ID", List.of("GRID_ID"), List.of(), null));
        position.put("HEADER_ID", Map.of("id", "HEADER_ID", "type", "HEADER", "meta", Map.of("text", d.title())));
        List<String> rowIds = new ArrayList<>();
        int r = 0;
        for (List<Chart> row : d.rows()) {
            String rowId = "ROW-" + (++r);
            rowIds.add(rowId);
            List<String> chartIds = new ArrayList<>();
            for (Chart c : row) {
                String chartId = "CHART-" + uuid("chart", c.name()).toString().substring(0, 8);
                chartIds.add(chartId);
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("uuid", uuid("chart", c.name()).toString());
                meta.put("sliceName", c.name());
                meta.put("width", c.width());
                meta.put("height", c.vizType().equals("big_number_total") ? 30 : 60);
                position.put(chartId, node("CHART", chartId, List.of(), List.of("ROOT_ID", "GRID_ID", rowId), meta));
            }
            position.put(rowId, node("ROW", rowId, chartIds, List.of("ROOT_ID", "GRID_ID"),
                    Map.of("background", "BACKGROUND_TRANSPARENT")));
        }
        position.put("GRID_ID", node("GRID", "GRID_ID", rowIds, List.of("ROOT_ID"), null));

        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("native_filter_configuration", List.of(
                nativeFilter(d, "year", "Année"), nativeFilter(d, "regime_code", "Régime")));
        metadata.put("chart_configuration", Map.of());
        metadata.put("global_chart_configuration", Map.of("scope", Map.of("rootPath", List.of("ROOT_ID"), "excluded", List.of()),
                "chartsInScope", List.of()));
        metadata.put("color_scheme", "supersetColors");
        metadata.put("refresh_frequency", 0);
        metadata.put("expanded_slices", Map.of());
        metadata.put("label_colors", Map.of());
        metadata.put("timed_refresh_immune_slices", List.of());
        metadata.put("cross_filters_enabled", true);
        metadata.put("default_filters", "{}");

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dashboard_title", d.title());
        m.put("description", d.description());
        m.put("css", "");
        m.put("slug", d.slug());
        m.put("certified_by", null);
        m.put("certification_details", null);
        m.put("published", true);
        m.put("uuid", uuid("dashboard", d.title()).toString());
        m.put("position", position);
        m.put("metadata", metadata);
        m.put("version", VERSION);
        return m;
    }

    /** A select filter on a column of the dashboard's main dataset, applied to every chart having that column. */
    private static Map<String, Object> nativeFilter(Dashboard d, String column, String label) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", "NATIVE_FILTER-" + uuid("filter", d.slug() + "/" + column).toString().substring(0, 12));
        f.put("name", label);
        f.put("filterType", "filter_select");
        f.put("type", "NATIVE_FILTER");
        f.put("description", "");
        f.put("targets", List.of(Map.of("column", Map.of("name", column),
                "datasetUuid", uuid("dataset", d.filterDataset().name()).toString())));
        Map<String, Object> controls = new LinkedHashMap<>();
        controls.put("multiSelect", !column.equals("year"));
        controls.put("enableEmptyFilter", false);
        controls.put("defaultToFirstItem", false);
        controls.put("inverseSelection", false);
        controls.put("searchAllOptions", false);
        f.put("controlValues", controls);
        f.put("defaultDataMask", Map.of("extraFormData", Map.of(), "filterState", Map.of(), "ownState", Map.of()));
        f.put("cascadeParentIds", List.of());
        f.put("scope", Map.of("rootPath", List.of("ROOT_ID"), "excluded", List.of()));
        f.put("sortFilter", true);
        return f;
    }

    private static Map<String, Object> node(String type, String id, List<String> children, List<String> parents,
                                            Map<String, Object> meta) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("type", type);
        n.put("id", id);
        n.put("children", children);
        if (!parents.isEmpty()) {
            n.put("parents", parents);
        }
        if (meta != null) {
            n.put("meta", meta);
        }
        return n;
    }

    private static String fileName(String name) {
        String ascii = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    private static String yaml(Object doc) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setAllowUnicode(true);
        o.setWidth(120);
        o.setSplitLines(false);
        return new Yaml(o).dump(doc);
    }
}
