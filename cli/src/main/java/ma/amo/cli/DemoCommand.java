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
                "into the warehouse (default ./warehouse, demo pseudonymisation key), builds the marts and writes the",
                "RAG of the last year into reports/rag_<Y>.",
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

    @Option(names = "--reports", defaultValue = "reports", paramLabel = "DIR",
            description = "Where the RAG is written, as DIR/rag_<Y> (default reports).")
    Path reports;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("== 1/4 generate sample deliveries");
        out.flush();
        try (Platform platform = new Platform(root, err)) {
            GenerateCommand.print(GenerateCommand.generate(platform.reference(), landing, scale, years, 42L, false, 0, err),
                    landing, out);
            out.println();
            out.println("== 2/4 ingest them into the warehouse");
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
            out.println("== 3/4 build the silver layer and the regime marts");
            out.flush();
            try (WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo demo")) {
                BuildCommand.print(BuildCommand.run(platform, ma.amo.marts.BuildOptions.incremental()), platform, out);
            }
            int year = GenerateCommand.years(years)[1];
            Path reportDir = reports.resolve("rag_" + year);
            out.println();
            out.println("== 4/4 write the annual global report (RAG) " + year);
            out.flush();
            ReportCommand.write(platform, ma.amo.report.ReportOptions.of(year, reportDir), out);
            out.println();
            out.println("Done.");
            out.println("  warehouse: " + platform.warehouse().root());
            out.println("  report:    " + reportDir.toAbsolutePath() + " (rag_" + year + ".xlsx, rag_" + year
                    + ".html, T01..T14 CSV)");
            out.println("Explore: ./amo status | ./amo sql   (interactive) | ./amo --help");
            out.flush();
            return report.anyRejected() ? 2 : 0;
        }
    }
}
