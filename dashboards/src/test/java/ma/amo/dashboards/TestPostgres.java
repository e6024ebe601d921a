package ma.amo.dashboards;

import ma.amo.common.testing.TempFolders;
import ma.amo.common.testing.TestSpark;
import ma.amo.dashboards.db.EmbeddedPostgres;
import ma.amo.dashboards.publish.GoldSnapshot;
import ma.amo.dashboards.publish.MartPublisher;
import ma.amo.dashboards.publish.PublishListener;
import ma.amo.dashboards.publish.PublishReport;
import ma.amo.dashboards.publish.ServingRoles;
import ma.amo.transforms.DeltaIO;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real PostgreSQL server of a test JVM (started from the installed binaries in a temporary folder on a free
 * loopback port; a failure to start fails the tests, never skips them), with the fixture's marts published once.
 */
public final class TestPostgres {
    private static EmbeddedPostgres server;
    private static int port;
    private static PublishReport firstPublication;

    private TestPostgres() {
    }

    public static synchronized Jdbi jdbi() {
        if (server == null) {
            try {
                // not TempFolders: the folder goes after the server has stopped, in the same hook
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "amo-pg-test");
                EmbeddedPostgres pg = new EmbeddedPostgres(dir);
                port = pg.start(0);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    pg.stop();
                    TempFolders.delete(dir);
                }));
                server = pg;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Jdbi.create(EmbeddedPostgres.jdbcUrl(port), EmbeddedPostgres.SUPERUSER, "");
    }

    public static String jdbcUrl() {
        jdbi();
        return EmbeddedPostgres.jdbcUrl(port);
    }

    public static EmbeddedPostgres server() {
        jdbi();
        return server;
    }

    /** The fixture published once (roles created first); later publications by tests replace it. */
    public static synchronized PublishReport published() {
        if (firstPublication == null) {
            Jdbi jdbi = jdbi();
            ServingRoles roles = new ServingRoles(ServingFixture.REFERENCE);
            jdbi.useHandle(roles::create);
            firstPublication = publisher().publish(snapshot(), PublishListener.SILENT);
        }
        return firstPublication;
    }

    public static MartPublisher publisher() {
        return new MartPublisher(jdbi(), new ServingRoles(ServingFixture.REFERENCE), DataDictionary.load());
    }

    public static GoldSnapshot snapshot() {
        return GoldSnapshot.lastBuild(new DeltaIO(TestSpark.get(), ServingFixture.warehouse()));
    }
}
