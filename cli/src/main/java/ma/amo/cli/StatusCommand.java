package ma.amo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.amo.common.BronzeTables;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "status", sortOptions = false, mixinStandardHelpOptions = true,
        header = "What the warehouse holds: tables, deliveries, quarantine.",
        description = {"Every table with its row count and current Delta version, the deliveries by feed and status,",
                "and the quarantined rows by reason.", ""})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON document instead of tables.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Platform platform = new Platform(root, spec.commandLine().getErr())) {
            List<String> tables = platform.warehouse().tables();
            if (tables.isEmpty()) {
                out.println("The warehouse " + platform.warehouse().location() + " is empty: run 'amo ingest LANDING_DIR' first.");
                out.flush();
                return 0;
            }
            SparkSession spark = platform.sqlSpark();
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode doc = mapper.createObjectNode();
            doc.put("warehouse", platform.warehouse().location());
            ArrayNode tableNodes = doc.putArray("tables");
            TextTable tableView = new TextTable(List.of("table", "rows", "delta_version", "last_change"));
            for (String table : tables) {
                Row history = spark.sql("DESCRIBE HISTORY " + table + " LIMIT 1").first();
                long rows = spark.table(table).count();
                long version = history.getAs("version");
                String when = String.valueOf(history.<Object>getAs("timestamp"));
                tableNodes.addObject().put("table", table).put("rows", rows).put("version", version).put("last_change", when);
                tableView.add(List.of(table, TextTable.number(rows), String.valueOf(version), when));
            }
            TextTable deliveries = new TextTable(List.of("feed", "status", "deliveries", "current", "rows_loaded", "rows_quarantined"));
            ArrayNode deliveryNodes = doc.putArray("deliveries");
            if (tables.contains(BronzeTables.DELIVERIES)) {
                for (Row r : spark.sql("select coalesce(feed, '(unknown)') feed, status, count(*) n, "
                        + "count_if(status = 'LOADED' and replaced_by is null) current, "
                        + "sum(rows_loaded) loaded, sum(rows_quarantined) quarantined from bronze.deliveries "
                        + "group by 1, 2 order by 1, 2").collectAsList()) {
                    deliveryNodes.addObject().put("feed", r.getString(0)).put("status", r.getString(1))
                            .put("deliveries", r.getLong(2)).put("current", r.getLong(3))
                            .put("rows_loaded", r.getLong(4)).put("rows_quarantined", r.getLong(5));
                    deliveries.add(List.of(r.getString(0), r.getString(1), TextTable.number(r.getLong(2)),
                            TextTable.number(r.getLong(3)), TextTable.number(r.getLong(4)), TextTable.number(r.getLong(5))));
                }
            }
            TextTable quarantine = new TextTable(List.of("feed", "reason", "rows"));
            ArrayNode quarantineNodes = doc.putArray("quarantine");
            if (tables.contains(BronzeTables.QUARANTINE)) {
                for (Row r : spark.sql("select feed, reason, count(*) n from bronze.quarantine "
                        + "lateral view explode(reasons) r as reason group by 1, 2 order by 1, 2").collectAsList()) {
                    quarantineNodes.addObject().put("feed", r.getString(0)).put("reason", r.getString(1)).put("rows", r.getLong(2));
                    quarantine.add(List.of(r.getString(0), r.getString(1), TextTable.number(r.getLong(2))));
                }
            }
            if (json) {
                out.println(doc.toPrettyString());
            } else {
                out.println("Warehouse " + platform.warehouse().location());
                out.println();
                tableView.print(out);
                out.println();
                out.println("Deliveries (current = loaded and not replaced by a higher sequence):");
                deliveries.print(out);
                out.println();
                out.println("Quarantined rows by reason (a row may have several):");
                if (quarantine.size() == 0) {
                    out.println("(none)");
                } else {
                    quarantine.print(out);
                }
            }
            out.flush();
            return 0;
        }
    }
}
