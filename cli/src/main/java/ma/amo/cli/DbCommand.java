package ma.amo.cli;

import ma.amo.dashboards.db.EmbeddedPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "db", sortOptions = false, mixinStandardHelpOptions = true,
        header = "Run a local PostgreSQL server for the published marts (demo, tests).",
        description = {
                "start: creates the cluster on first use (the installed PostgreSQL server binaries: $AMO_PG_BIN,",
                "pg_config --bindir or /usr/lib/postgresql/*/bin) and starts it on a loopback port; prints the JDBC URL",
                "to give 'amo publish'. stop: stops it. status: says whether it runs and where.",
                "Trust authentication on 127.0.0.1: for the demo and tests, never for personal data. As root the",
                "server runs as the system user amo-pg (PostgreSQL refuses root), created on first use.",
                ""})
final class DbCommand implements Callable<Integer> {
    enum Action { start, stop, status }

    @ParentCommand
    AmoCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ACTION", description = "start, stop or status")
    Action action;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Server folder (default: $AMO_PG_DIR, else <warehouse>/_postgres).")
    Path dir;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N",
            description = "Port for start (default: a free one).")
    int port;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedPostgres pg = new EmbeddedPostgres(folder());
        switch (action) {
            case start -> {
                int p = pg.start(port);
                out.println("PostgreSQL runs in " + pg.dir() + " on 127.0.0.1:" + p);
                out.println("jdbc url: " + EmbeddedPostgres.jdbcUrl(p) + "   (user " + EmbeddedPostgres.SUPERUSER + ", no password)");
                out.println("next: amo publish --jdbc-url " + EmbeddedPostgres.jdbcUrl(p) + " --user "
                        + EmbeddedPostgres.SUPERUSER + " --create-roles");
            }
            case stop -> out.println(pg.stop() ? "PostgreSQL in " + pg.dir() + " stopped" : "no PostgreSQL runs in " + pg.dir());
            case status -> out.println(pg.runningPort()
                    .map(p -> "PostgreSQL runs in " + pg.dir() + ": " + EmbeddedPostgres.jdbcUrl(p))
                    .orElse("no PostgreSQL runs in " + pg.dir()));
        }
        out.flush();
        return 0;
    }

    private Path folder() {
        if (dir != null) {
            return dir;
        }
        String env = System.getenv("AMO_PG_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return new Platform(root, spec.commandLine().getErr()).warehouse().stateFolder().resolve("_postgres");
    }
}
