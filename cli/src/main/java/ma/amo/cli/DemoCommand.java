package ma.amo.cli;

import ma.amo.common.WarehouseLock;
import ma.amo.ingestion.IngestReport;
import ma.amo.ingestion.Ingestion;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Run the whole platform end to end on generated sample data.",
        description = {
                "Generates sample deliveries (default scale 0.001, years 2023-2024) into sample/landing, ingests them",
                "into the warehouse (default ./warehouse, demo pseudonymisation key), and shows what was loaded.",
                "Running it again reuses what is there: generation gives the same bytes, ingestion skips what it has.",
                ""})
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--scale", defaultValue = "0.001", paramLabel = "S", description = "Sample size (default 0.001).")
    double scale;

    @Option(names = "--years", defaultValue = "2023-2024", paramLabel = "Y1-Y2", description = "Years (default 2023-2024).")
    String years;

    @Option(names = "--landing", defaultValue = "sample/landing", paramLabel = "DIR",
            description = "Where the sample deliveries are written (default sample/landing).")
    Path landing;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("== 1/3 generate sample deliveries");
        out.flush();
        try (Platform platform = new Platform(root, err)) {
            GenerateCommand.print(GenerateCommand.generate(platform.reference(), landing, scale, years, 42L, false, 0, err),
                    landing, out);
            out.println();
            out.println("== 2/3 ingest them into the warehouse");
            out.flush();
            IngestReport report;
            try (WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo demo")) {
                var pseudonymizer = platform.pseudonymizer(null);
                err.println("Starting Spark (" + root.master + ")...");
                err.flush();
                SparkSession spark = platform.spark();
                report = new Ingestion(spark, platform.warehouse(), platform.reference(), pseudonymizer)
                        .ingest(landing, new IngestCommand.Progress(err));
            }
            IngestCommand.printSummary(report, platform, out);
            out.println();
            out.println("== 3/3 query: deliveries by feed and status");
            out.flush();
            SqlCommand sql = new SqlCommand();
            sql.format = SqlCommand.Format.table;
            sql.maxRows = 100;
            sql.print(platform.spark().sql("select feed, status, count(*) as deliveries, sum(rows_loaded) as rows_loaded "
                    + "from bronze.deliveries group by 1, 2 order by 1, 2"), out);
            out.println();
            out.println("Done. Warehouse: " + platform.warehouse().root());
            out.println("Explore: ./amo status | ./amo sql   (interactive) | ./amo --help");
            out.flush();
            return report.anyRejected() ? 2 : 0;
        }
    }
}
