package ma.amo.dashboards.superset;

import java.util.List;
import java.util.Map;

/** The objects of a Superset bundle as this project defines them (rendered to Superset's v1 import YAML). */
final class SupersetModel {
    private SupersetModel() {
    }

    /** A dataset column: name, SQL type, French label. */
    record DatasetColumn(String name, String type, String label) {
    }

    /** A saved metric of a dataset: its SQL aggregate and the number format of its values. */
    record Metric(String name, String label, String expression, String format) {
    }

    /** A virtual dataset: a SQL query over the published schema. */
    record Dataset(String name, String description, String sql, List<DatasetColumn> columns, List<Metric> metrics) {
    }

    /** A chart: a visualisation of some metrics of a dataset, grouped by some columns. */
    record Chart(String name, String vizType, Dataset dataset, Map<String, Object> params, int width) {
    }

    /** A dashboard: its charts in rows, and native filters (year, regime) on its main dataset. */
    record Dashboard(String title, String slug, String description, Dataset filterDataset, List<List<Chart>> rows) {
    }
}
