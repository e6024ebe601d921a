package ma.amo.cli;

import ma.amo.dashboards.DataDictionary;
import ma.amo.dashboards.publish.GoldSnapshot;
import ma.amo.dashboards.publish.MartPublisher;
import ma.amo.dashboards.publish.PublishListener;
import ma.amo.dashboards.publish.PublishReport;
import ma.amo.dashboards.publish.ServingRoles;
import ma.amo.transforms.DeltaIO;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "publish", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Publish the gold marts to PostgreSQL (schema amo), atomically.",
        description = {
                "Reads every gold mart at the version the last build recorded, loads it into the staging schema",
                "amo_staging (COPY), checks row counts against Delta, adds keys, indexes, French comments, grants and",
                "row-level security, then swaps it with schema amo in one transaction: readers see the old or the new",
                "publication, never half of one; a failure leaves the previous one intact. amo.publication logs each",
                "publication (time, Delta versions, platform version).",
                "Roles: amo_reader reads everything; amo_og_cnss, amo_og_cnops read their own regimes only. Grant them",
                "to login users (GRANT amo_reader TO alice). No server? 'amo db start' runs one and prints its URL.",
                ""})
final class PublishCommand implements Callable<Integer> {
    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--jdbc-url", required = true, paramLabel = "URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/amo")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "U", description = "User to publish as (owns the published tables).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Name of the environment variable holding the password (never on the command line).")
    String passwordEnv;

    @Option(names = "--create-roles", description = "Create the reader and per-managing-body roles first (idempotent; needs CREATEROLE).")
    boolean createRoles;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Platform platform = new Platform(root, err)) {
            print(publish(platform, Jdbi.create(jdbcUrl, credentials()), createRoles), jdbcUrl, out);
            return 0;
        }
    }

    /** Publishes the last build's gold marts through {@code jdbi}, creating the serving roles first if asked. */
    static PublishReport publish(Platform platform, Jdbi jdbi, boolean createRoles) {
        PrintWriter err = platform.err();
        ServingRoles roles = new ServingRoles(platform.reference());
        if (createRoles) {
            jdbi.useHandle(roles::create);
            err.println("Roles ready: " + String.join(", ", roles.roles()));
        }
        err.println("Starting Spark (" + platform.master() + ")...");
        err.flush();
        GoldSnapshot snapshot = GoldSnapshot.lastBuild(new DeltaIO(platform.spark(), platform.warehouse()));
        return new MartPublisher(jdbi, roles, DataDictionary.load()).publish(snapshot, message -> {
            err.println(message);
            err.flush();
        });
    }

    static void print(PublishReport report, String jdbcUrl, PrintWriter out) {
        TextTable table = new TextTable(List.of("table", "delta_version", "rows"));
        report.tables().forEach(t -> table.add(List.of(MartPublisher.SCHEMA + "." + t.name(),
                String.valueOf(t.deltaVersion()), TextTable.number(t.rows()))));
        out.println();
        table.print(out);
        out.println();
        out.printf("publication %d: %d tables, %s rows in %.1f s (build state version %d) -> %s schema %s%n",
                report.publicationId(), report.tables().size(), TextTable.number(report.rows()),
                report.elapsed().toMillis() / 1000.0, report.buildStateVersion(), jdbcUrl, MartPublisher.SCHEMA);
        if (!report.missingRoles().isEmpty()) {
            out.println("warning: roles " + report.missingRoles() + " do not exist, so nothing was granted to them: "
                    + "run again with --create-roles");
        }
        out.flush();
    }

    private Properties credentials() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (passwordEnv != null) {
            String password = System.getenv(passwordEnv);
            if (password == null) {
                throw new IllegalArgumentException("environment variable " + passwordEnv + " is not set");
            }
            p.setProperty("password", password);
        }
        return p;
    }
}
