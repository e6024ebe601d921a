package ma.amo.cli;

import ma.amo.dashboards.html.HtmlDashboard;
import ma.amo.dashboards.publish.GoldSnapshot;
import ma.amo.dashboards.superset.SupersetBundle;
import ma.amo.transforms.DeltaIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;

@Command(name = "dashboards", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Build the leadership dashboards: a Superset import bundle, or one self-contained HTML page.",
        description = {"Three dashboards in French: Équilibre financier des régimes, Population couverte,",
                "Consommation médicale. See docs/serving.md for importing the bundle into Superset.", ""},
        subcommands = {DashboardsCommand.Superset.class, DashboardsCommand.Html.class})
final class DashboardsCommand {
    @ParentCommand
    AmoCommand root;

    @Command(name = "superset", sortOptions = false, mixinStandardHelpOptions = true,
            header = "Write the Superset import bundle (v1 format ZIP) over the published PostgreSQL marts.",
            description = {"Import it with 'superset import-dashboards -p bundle.zip -u admin', the UI (Dashboards,",
                    "Import) or POST /api/v1/dashboard/import/. Needs no warehouse: the charts query schema amo.", ""})
    static final class Superset implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        DashboardsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "ZIP", description = "Bundle to write, e.g. bundle.zip")
        Path out;

        @Option(names = "--sqlalchemy-uri", required = true, paramLabel = "URI",
                description = "How Superset reaches the published database, e.g. postgresql://superset@db:5432/amo "
                        + "(a login granted amo_reader; the password is asked at import)")
        String sqlalchemyUri;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Platform platform = new Platform(parent.root, spec.commandLine().getErr())) {
                SupersetBundle bundle = new SupersetBundle(sqlalchemyUri, platform.reference());
                Path zip = bundle.write(this.out);
                out.println("Superset bundle: " + zip.toAbsolutePath() + " (" + bundle.files().size() + " files; dashboards: "
                        + String.join(", ", bundle.dashboardTitles()) + ")");
                out.println("import: superset import-dashboards -p " + zip + " -u admin");
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "html", sortOptions = false, mixinStandardHelpOptions = true,
            header = "Write the self-contained HTML dashboard (no network needed) from the last build's gold marts.")
    static final class Html implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        DashboardsCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write it into.")
        Path out;

        @Option(names = "--min-cell", defaultValue = "5", paramLabel = "N",
                description = "Small-cell threshold of the beneficiaries by age, sex and region, as amo report's "
                        + "(default 5; 0 turns suppression off).")
        int minCell;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Platform platform = new Platform(parent.root, err)) {
                err.println("Starting Spark (" + platform.master() + ")...");
                err.flush();
                GoldSnapshot snapshot = GoldSnapshot.lastBuild(new DeltaIO(platform.spark(), platform.warehouse()));
                Path file = HtmlDashboard.write(snapshot, platform.reference(), out, minCell);
                stdout.println("HTML dashboard: " + file.toAbsolutePath() + " (open it in any browser, no network needed)");
                stdout.flush();
                return 0;
            }
        }
    }
}
