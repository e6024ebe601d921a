package ma.amo.cli;

import ma.amo.common.WarehouseLock;
import ma.amo.dashboards.db.EmbeddedPostgres;
import ma.amo.dashboards.html.HtmlDashboard;
import ma.amo.dashboards.publish.GoldSnapshot;
import ma.amo.dashboards.publish.PublishReport;
import ma.amo.dashboards.superset.SupersetBundle;
import ma.amo.transforms.DeltaIO;
import org.jdbi.v3.core.Jdbi;
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
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "demo", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Run the whole platform end to end on generated sample data.",
        description = {
                "Generates sample deliveries (default scale 0.001, years 2023-2024) into sample/landing, ingests them",
                "into the warehouse (default ./warehouse, demo pseudonymisation key), builds the marts, writes the RAG",
                "of the last year into reports/rag_<Y>, starts a local PostgreSQL (<warehouse>/_postgres) and publishes",
                "the marts to it, then writes the HTML dashboard and the Superset bundle into dashboards-out/.",
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

    @Option(names = "--dashboards", defaultValue = "dashboards-out", paramLabel = "DIR",
            description = "Where the HTML dashboard and the Superset bundle are written (default dashboards-out).")
    Path dashboards;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.println("== 1/6 generate sample deliveries");
        out.flush();
        try (Platform platform = new Platform(root, err)) {
            GenerateCommand.print(GenerateCommand.generate(platform.reference(), landing, scale, years, 42L, false, 0, err),
                    landing, out);
            out.println();
            out.println("== 2/6 ingest them into the warehouse");
            out.flush();
            IngestReport report;
            try (WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo demo")) {
                var pseudonymizer = platform.pseudonymizer(null);
                err.println("Starting Spark (" + platform.master() + ")...");
                err.flush();
                SparkSession spark = platform.spark();
                report = new Ingestion(spark, platform.warehouse(), platform.reference(), pseudonymizer)
                        .ingest(landing, new IngestCommand.Progress(err));
            }
            IngestCommand.printSummary(report, platform, out);
            out.println();
            out.println("== 3/6 build the silver layer and the regime marts");
            out.flush();
            try (WarehouseLock lock = WarehouseLock.acquire(platform.warehouse(), "amo demo")) {
                BuildCommand.print(BuildCommand.run(platform, ma.amo.marts.BuildOptions.incremental()), platform, out);
            }
            int year = GenerateCommand.years(years)[1];
            Path reportDir = reports.resolve("rag_" + year);
            out.println();
            out.println("== 4/6 write the annual global report (RAG) " + year);
            out.flush();
            ReportCommand.write(platform, ma.amo.report.ReportOptions.of(year, reportDir), out);
            out.println();
            out.println("== 5/6 publish the marts to PostgreSQL");
            out.flush();
            Optional<String> jdbcUrl = publish(platform, out, err);
            out.println();
            out.println("== 6/6 dashboards: Superset bundle and self-contained HTML");
            out.flush();
            GoldSnapshot snapshot = GoldSnapshot.lastBuild(new DeltaIO(platform.spark(), platform.warehouse()));
            Path html = HtmlDashboard.write(snapshot, platform.reference(), dashboards);
            String sqlalchemy = jdbcUrl.map(u -> u.replace("jdbc:postgresql://", "postgresql://" + EmbeddedPostgres.SUPERUSER + "@"))
                    .orElse("postgresql://amo_reader@localhost:5432/amo");
            Path bundle = new SupersetBundle(sqlalchemy, platform.reference()).write(dashboards.resolve("superset_bundle.zip"));
            out.println();
            out.println("Done.");
            out.println("  warehouse:        " + platform.warehouse().location());
            out.println("  report:           " + reportDir.toAbsolutePath() + " (rag_" + year + ".xlsx, rag_" + year
                    + ".html, T01..T14 CSV)");
            out.println("  PostgreSQL marts: " + jdbcUrl.map(u -> u + " schema amo (user " + EmbeddedPostgres.SUPERUSER
                    + "; stop it with ./amo db stop)").orElse("not published (see above)"));
            out.println("  HTML dashboard:   " + html.toAbsolutePath());
            out.println("  Superset bundle:  " + bundle.toAbsolutePath() + " (superset import-dashboards -p ...)");
            out.println("Explore: ./amo status | ./amo sql   (interactive) | ./amo --help");
            out.flush();
            return report.anyRejected() ? 2 : 0;
        }
    }

    /**
     * Starts (or reuses) the local PostgreSQL of the warehouse and publishes the marts to it. A machine without
     * PostgreSQL server binaries still gets the rest of the demo, and is told how to publish later.
     */
    private Optional<String> publish(Platform platform, PrintWriter out, PrintWriter err) {
        EmbeddedPostgres pg = new EmbeddedPostgres(platform.warehouse().stateFolder().resolve("_postgres"));
        int port;
        try {
            port = pg.runningPort().orElseGet(() -> pg.start(0));
        } catch (RuntimeException e) {
            out.println("PostgreSQL could not be started here (" + Errors.describe(e) + ").");
            out.println("With a server of your own: ./amo publish --jdbc-url jdbc:postgresql://HOST:5432/DB --user U "
                    + "--password-env PGPASSWORD --create-roles");
            return Optional.empty();
        }
        String url = EmbeddedPostgres.jdbcUrl(port);
        java.util.Properties credentials = new java.util.Properties();
        credentials.setProperty("user", EmbeddedPostgres.SUPERUSER);
        PublishReport report = PublishCommand.publish(platform, Jdbi.create(url, credentials), true);
        PublishCommand.print(report, url, out);
        return Optional.of(url);
    }
}
